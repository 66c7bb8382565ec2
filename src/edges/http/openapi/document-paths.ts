import type { z } from 'zod';
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject } from 'zod-openapi';
import type { CatalogEntry } from '../../../core/catalog.js';
import type { ErrorCode } from '../../../core/errors.js';
import { contentDispositionHeader, validAnswerSchema, warningsHeader } from './answers.js';
import { documentMultipart, readMultipart, schemaRef } from './document-bodies.js';
import { errorResponses } from './problems.js';

/** The codes a document's data and files may meet, rendered or only checked. */
export const DATA_CODES: readonly ErrorCode[] = [
  'MALFORMED_JSON',
  'EMPTY_BODY',
  'INVALID_PARAMETER',
  'INVALID_UPLOAD',
  'ENGINE_UNAVAILABLE',
  'PAYLOAD_TOO_LARGE',
  'TOO_MANY_PAGES',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNSUPPORTED_FILE_TYPE',
  'NOT_A_PDF',
  'PDF_ENCRYPTED',
  'PDF_UNREADABLE',
  'PDF_TOO_COMPLEX',
  'PDF_XFA_ONLY',
  'PDF_NO_FORM',
  'OFFICIAL_FORM_MISMATCH',
  'IMAGE_UNDECODABLE',
  'IMAGE_TOO_LARGE',
  'VALIDATION_FAILED',
  'RENDER_QUEUE_FULL',
  'INTERNAL',
];
export const RENDER_CODES: readonly ErrorCode[] = [
  ...DATA_CODES,
  'RENDERER_UNAVAILABLE',
  'RENDER_TIMEOUT',
];
export const FORM_CODES: readonly ErrorCode[] = [
  'INVALID_UPLOAD',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'NOT_A_PDF',
  'PDF_ENCRYPTED',
  'PDF_XFA_ONLY',
  'PDF_UNREADABLE',
  'PDF_NO_FORM',
  'PDF_TOO_COMPLEX',
  'RENDER_QUEUE_FULL',
  'INTERNAL',
];

export const PDF_BODY = { schema: { type: 'string' as const, format: 'binary' } };

/** `attestation-hebergement` → `AttestationHebergement`, for operation ids. */
export function pascal(id: string): string {
  return id.replace(/(^|-)(\w)/g, (_match, _dash, letter: string) => letter.toUpperCase());
}

/** What a client should know of an engine, when the document offers it. */
const ENGINE_NOTES: Readonly<Record<string, string>> = {
  html: '`html`: Chromium prints the template.',
  acroform: '`acroform`: the fast path, the fillable form filled (no Chromium).',
  official: '`official`: fills the official PDF sent in the multipart part `file`.',
};

/** ?engine= and ?flatten=, from the engines the document renders with. */
function renderParameters(entry: CatalogEntry) {
  const engines = entry.engines.map((engine) => engine.id);
  const editable = entry.engines.some((engine) => engine.capabilities.editable);
  return [
    {
      name: 'engine',
      in: 'query' as const,
      description: [
        `How the PDF is made: ${engines.join(', ')} (default ${engines[0]}).`,
        ...engines.flatMap((engine) => ENGINE_NOTES[engine] ?? []),
      ].join(' '),
      schema: { type: 'string' as const, enum: engines, default: engines[0] },
    },
    ...(editable
      ? [
          {
            name: 'flatten',
            in: 'query' as const,
            description: 'engine=acroform: `false` keeps the fields editable.',
            schema: { type: 'string' as const, enum: ['true', 'false'], default: 'true' },
          },
        ]
      : []),
  ];
}

/** A document's request: its schema (the component every body refers to) and its sample. */
export interface DocumentContract {
  schema: z.ZodType;
  example?: unknown;
}

/** The JSON body, or the same JSON in the part `data` beside the files. */
function documentBody(entry: CatalogEntry, { schema, example }: DocumentContract) {
  return {
    required: true,
    description: `${entry.document.title}. ${entry.document.reference.label}.`,
    content: {
      'application/json': {
        schema,
        ...(example === undefined ? {} : { example }),
      },
      'multipart/form-data': documentMultipart(entry),
    },
  };
}

/** Every route of one document, each its own operation so that a client gets its types. */
export function documentPaths(
  entry: CatalogEntry,
  contract: DocumentContract,
): ZodOpenApiPathsObject {
  const { id, title } = entry.document;
  const base = `/v1/documents/${id}`;
  const tags = [id];
  const name = pascal(id);
  const render: ZodOpenApiOperationObject = {
    operationId: `render${name}`,
    summary: `Render: ${title}`,
    tags,
    parameters: renderParameters(entry),
    requestBody: documentBody(entry, contract),
    responses: {
      '200': {
        description: 'The PDF.',
        headers: { ...contentDispositionHeader, ...warningsHeader },
        content: { 'application/pdf': PDF_BODY },
      },
      ...errorResponses(RENDER_CODES),
    },
  };
  const validate: ZodOpenApiOperationObject = {
    operationId: `validate${name}`,
    summary: `Check without rendering: ${title}`,
    tags,
    parameters: renderParameters(entry).slice(0, 1),
    requestBody: documentBody(entry, contract),
    responses: {
      '200': {
        description: 'Valid, with its warnings (a missing supporting document among them).',
        headers: warningsHeader,
        content: { 'application/json': { schema: validAnswerSchema } },
      },
      ...errorResponses(RENDER_CODES),
    },
  };
  const schema: ZodOpenApiOperationObject = {
    operationId: `schema${name}`,
    summary: `Its JSON Schema, French titles and descriptions: ${title}`,
    tags,
    responses: {
      '200': {
        description: 'The JSON Schema (draft 2020-12) of the document’s JSON.',
        content: { 'application/schema+json': { schema: { $ref: schemaRef(entry) } } },
      },
      ...errorResponses(['INTERNAL']),
    },
  };
  const paths: ZodOpenApiPathsObject = {
    [base]: { post: render },
    [`${base}/validate`]: { post: validate },
    [`${base}/schema`]: { get: schema },
  };
  if (entry.engines.some((engine) => engine.blank)) Object.assign(paths, fillablePaths(entry));
  return paths;
}

/** The blank form to fill by hand, and the form once filled read back into data. */
function fillablePaths(entry: CatalogEntry): ZodOpenApiPathsObject {
  const { id, title } = entry.document;
  const tags = [id];
  const name = pascal(id);
  return {
    [`/v1/documents/${id}/blank`]: {
      get: {
        operationId: `blank${name}`,
        summary: `The fillable blank form: ${title}`,
        tags,
        responses: {
          '200': {
            description: `The blank form, \`${id}-vierge.pdf\`.`,
            headers: contentDispositionHeader,
            content: { 'application/pdf': PDF_BODY },
          },
          ...errorResponses([
            'RENDER_QUEUE_FULL',
            'INTERNAL',
            'RENDERER_UNAVAILABLE',
            'RENDER_TIMEOUT',
          ]),
        },
      },
    },
    [`/v1/documents/${id}/read`]: {
      post: {
        operationId: `read${name}`,
        summary: `Read a filled blank form back into data: ${title}`,
        tags,
        requestBody: { required: true, content: { 'multipart/form-data': readMultipart(entry) } },
        responses: {
          '200': {
            description: 'The data read, valid, ready for a render, and its warnings.',
            headers: warningsHeader,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['valid', 'data', 'warnings'],
                  properties: {
                    valid: { const: true },
                    data: { $ref: schemaRef(entry) },
                    warnings: { type: 'array', items: { $ref: '#/components/schemas/FieldIssue' } },
                  },
                },
              },
            },
          },
          ...errorResponses([...FORM_CODES, 'VALIDATION_FAILED']),
        },
      },
    },
  };
}
