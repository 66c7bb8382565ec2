import { z } from 'zod';
import { WARNINGS_HEADER } from '../warnings-header.js';
import { fieldIssueSchema } from './problems.js';

/**
 * The JSON answers of the API that no zod schema of the core describes (the routers build them).
 * Their tests check real answers against these, so the contract cannot drift from the routes.
 */
const label = { label_fr: z.string(), label_en: z.string() };

export const documentListingSchema = z.object({
  id: z.string().meta({ description: 'The document’s id, its URL segment; never renamed.' }),
  title: z.string(),
  reference: z.object({
    label: z.string().meta({ description: 'The Cerfa number, or the model followed.' }),
    cerfa: z.string().optional(),
    source: z.string(),
  }),
  engines: z.array(z.string()).meta({ description: 'Its engines, the default first.' }),
  uploads: z.object({
    images: z.array(z.object({ part: z.string(), ...label })),
    attachments: z.array(
      z.object({
        part: z.string(),
        ...label,
        always: z.boolean().meta({ description: 'false: asked for only in some cases.' }),
      }),
    ),
  }),
  links: z.object({
    render: z.string(),
    validate: z.string(),
    schema: z.string(),
    blank: z.string().optional(),
    read: z.string().optional(),
  }),
});

export const documentListSchema = z.object({ documents: z.array(documentListingSchema) });

export const validAnswerSchema = z.object({
  valid: z.literal(true),
  warnings: z.array(fieldIssueSchema).meta({
    description: 'Rules of practice: the document still renders (in both languages).',
  }),
});

const widgetSchema = z.object({
  page: z.int().meta({ description: '1-based page number.' }),
  rect: z.array(z.number()).length(4).meta({
    description: '[x, y, width, height] in PDF points, origin at the bottom left of the page.',
  }),
});

export const pdfFieldsSchema = z.object({
  fields: z.array(
    z.object({
      name: z.string().meta({ description: 'The full field name, as `values` names it.' }),
      type: z.enum(['text', 'checkbox', 'radio', 'dropdown', 'optionList', 'button', 'signature']),
      value: z.union([z.string(), z.boolean(), z.array(z.string()), z.null()]),
      options: z.array(z.string()).optional(),
      exportValue: z.string().optional().meta({ description: 'A ticked checkbox’s value.' }),
      maxLength: z.int().optional(),
      comb: z.boolean().optional(),
      multiline: z.boolean().optional(),
      readOnly: z.boolean(),
      required: z.boolean(),
      widgets: z.array(widgetSchema),
    }),
  ),
});

export const healthSchema = z.object({ status: z.literal('ok') });
export const readinessSchema = z.object({
  /** `saturated`: the render queue is full; `stopping`: shutting down (SIGTERM). */
  status: z.enum(['ready', 'unavailable', 'saturated', 'stopping']),
  /** Whether Chromium can render now (absent when saturated or stopping: not asked). */
  renderer: z.boolean().optional(),
});

/** The warnings of a render, in one ASCII header (warnings-header.ts). */
export const warningsHeader = {
  [WARNINGS_HEADER]: {
    description:
      'Present when the data raise warnings: a JSON array of `{code, path, message_en}` ' +
      '(non-ASCII escaped as \\uXXXX). /validate gives them in both languages.',
    schema: {
      type: 'string' as const,
      contentMediaType: 'application/json',
      contentSchema: {
        type: 'array' as const,
        items: {
          type: 'object' as const,
          required: ['code', 'path', 'message_en'],
          properties: {
            code: { type: 'string' as const },
            path: { type: 'string' as const },
            message_en: { type: 'string' as const },
          },
        },
      },
    },
    example:
      '[{"code":"SIGNED_AFTER_ARRIVAL","path":"signature.date","message_en":"Signed after the arrival."}]',
  },
};

export const contentDispositionHeader = {
  'Content-Disposition': {
    description: 'attachment, with the file name built from the data (RFC 6266, filename*).',
    schema: { type: 'string' as const },
  },
};
