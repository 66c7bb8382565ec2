import type { ZodOpenApiPathsObject } from 'zod-openapi';
import {
  contentDispositionHeader,
  documentListSchema,
  healthSchema,
  pdfFieldsSchema,
  readinessSchema,
} from './answers.js';
import { filePart } from './document-bodies.js';
import { FORM_CODES, PDF_BODY } from './document-paths.js';
import { errorResponses } from './problems.js';

/** The routes that do not belong to one document: the list, any PDF form, health. */
export function servicePaths(): ZodOpenApiPathsObject {
  const form = filePart('Any AcroForm PDF.');
  return {
    '/v1/documents': {
      get: {
        operationId: 'listDocuments',
        summary: 'The documents: id, title, reference, engines, parts, links',
        tags: ['documents'],
        responses: {
          '200': {
            description: 'Cached 5 minutes (the same for every caller).',
            content: { 'application/json': { schema: documentListSchema } },
          },
          ...errorResponses(['INTERNAL']),
        },
      },
    },
    '/v1/pdf/fields': {
      post: {
        operationId: 'pdfFields',
        summary: 'The fields of any AcroForm PDF',
        tags: ['pdf'],
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: { type: 'object', required: ['file'], properties: { file: form } },
              encoding: { file: { contentType: 'application/pdf' } },
            },
          },
        },
        responses: {
          '200': {
            description: 'Each field: name, type, value, options, limits, widgets.',
            content: { 'application/json': { schema: pdfFieldsSchema } },
          },
          ...errorResponses(FORM_CODES),
        },
      },
    },
    '/v1/pdf/fill': {
      post: {
        operationId: 'pdfFill',
        summary: 'Any AcroForm PDF, filled by field name',
        tags: ['pdf'],
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['file', 'values'],
                properties: {
                  file: form,
                  values: {
                    type: 'string',
                    contentMediaType: 'application/json',
                    description:
                      'A JSON object, full field name → value: text, true/false, an option, ' +
                      'an array of options (lists), null to clear. Numbers are refused.',
                    example: '{"nom":"Lefèvre","majeur":true,"statut":"eleve"}',
                  },
                  flatten: { type: 'string', enum: ['true', 'false'], default: 'true' },
                },
              },
              encoding: { file: { contentType: 'application/pdf' } },
            },
          },
        },
        responses: {
          '200': {
            description: 'The filled PDF, flattened unless flatten=false.',
            headers: contentDispositionHeader,
            content: { 'application/pdf': PDF_BODY },
          },
          ...errorResponses([...FORM_CODES, 'VALIDATION_FAILED']),
        },
      },
    },
    '/livez': {
      get: {
        operationId: 'live',
        summary: 'The process answers (liveness)',
        tags: ['health'],
        responses: {
          '200': { description: 'Up.', content: { 'application/json': { schema: healthSchema } } },
        },
      },
    },
    '/healthz': {
      get: {
        operationId: 'health',
        summary: 'The process answers (the same as /livez)',
        tags: ['health'],
        responses: {
          '200': { description: 'Up.', content: { 'application/json': { schema: healthSchema } } },
        },
      },
    },
    '/readyz': {
      get: {
        operationId: 'ready',
        summary: 'Chromium can render now, the queue has room, not shutting down',
        tags: ['health'],
        responses: {
          '200': {
            description: 'Ready.',
            content: { 'application/json': { schema: readinessSchema } },
          },
          '503': {
            description: 'Not ready.',
            content: { 'application/json': { schema: readinessSchema } },
          },
        },
      },
    },
  };
}
