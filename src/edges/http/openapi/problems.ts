import { z } from 'zod';
import type { ZodOpenApiResponseObject } from 'zod-openapi';
import {
  CoreError,
  ERROR_CODES,
  validationFailed,
  workersBusy,
  type ErrorCode,
} from '../../../core/errors.js';
import { invalidPart } from '../../../core/parts.js';
import { problemBody, problemType } from '../problem.js';
import { HTTP_STATUS } from '../statuses.js';

const CODES = Object.keys(ERROR_CODES) as ErrorCode[];

// Their ids make them components (zod's global registry: set once, when this module loads).
export const fieldIssueSchema = z
  .object({
    path: z.string().meta({
      description:
        'The JSON path of the field (`eleve.nir`, `enfants[0].prenom`); empty: the root.',
    }),
    code: z.string().meta({ description: 'A stable code (`NIR_KEY`, `too_small`…).' }),
    message_fr: z.string(),
    message_en: z.string(),
  })
  .meta({ id: 'FieldIssue', description: 'A problem with one field, in French and English.' });

/** The body of every error (problem.ts), RFC 9457 with the French text beside the English. */
export const problemSchema = z
  .object({
    type: z.string().meta({ description: 'A relative URI naming the code, `/problems/<code>`.' }),
    title: z.string(),
    title_fr: z.string(),
    status: z.int().meta({ description: 'The HTTP status, repeated.' }),
    code: z.enum(CODES),
    detail: z.string().meta({ description: 'What happened, in English.' }),
    detail_fr: z.string().meta({ description: 'What happened, in French.' }),
    instance: z.string().optional().meta({ description: 'The path of the request.' }),
    errors: z
      .array(fieldIssueSchema)
      .optional()
      .meta({ description: 'VALIDATION_FAILED: every failing field.' }),
  })
  .meta({
    id: 'Problem',
    description: 'application/problem+json (RFC 9457). No stack trace ever.',
  });

/**
 * What each code's example says. Some are the service's own errors (built by the functions that
 * throw them), the others a typical detail.
 */
function exampleError(code: ErrorCode): CoreError {
  switch (code) {
    case 'VALIDATION_FAILED':
      return validationFailed([
        {
          path: 'eleve.nir',
          code: 'NIR_KEY',
          message_fr: 'La clé du NIR est incorrecte : clé attendue 93, clé saisie 00.',
          message_en: 'The NIR key is wrong: expected 93, got 00.',
        },
      ]);
    case 'INVALID_UPLOAD':
      return invalidPart('data', 'is missing', 'est absente');
    case 'RENDER_QUEUE_FULL':
      return workersBusy(1);
    default:
      return new CoreError(code, {
        detail_en: `${ERROR_CODES[code].en}: the detail says why.`,
        detail_fr: `${ERROR_CODES[code].fr} : le détail dit pourquoi.`,
      });
  }
}

/** One named example per code, under `#/components/examples/<CODE>`. */
export function problemExamples(): Record<string, { summary: string; value: unknown }> {
  return Object.fromEntries(
    CODES.map((code) => [
      code,
      {
        summary: `${code} (${HTTP_STATUS[code]}): ${ERROR_CODES[code].en}`,
        value: problemBody(exampleError(code), '/v1/documents/attestation-hebergement'),
      },
    ]),
  );
}

/**
 * The error answers of one operation, by status: each lists its codes and shows each code's
 * example. `problem` is the component the schema refers to.
 */
export function errorResponses(
  codes: readonly ErrorCode[],
  problem: z.ZodType = problemSchema,
): Record<string, ZodOpenApiResponseObject> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const status = HTTP_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, ZodOpenApiResponseObject> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: list.map((code) => `\`${code}\` (${problemType(code)})`).join(', '),
      ...(list.some(
        (code) =>
          code === 'RENDER_QUEUE_FULL' ||
          code === 'RATE_LIMITED' ||
          code === 'JOB_QUEUE_FULL' ||
          status === 503,
      )
        ? { headers: { 'Retry-After': retryAfterHeader } }
        : {}),
      content: {
        'application/problem+json': {
          schema: problem,
          examples: Object.fromEntries(
            list.map((code) => [code, { $ref: `#/components/examples/${code}` }]),
          ),
        },
      },
    };
  }
  return responses;
}

const retryAfterHeader = {
  description: 'Seconds to wait before trying again.',
  schema: { type: 'integer' as const, minimum: 0 },
};
