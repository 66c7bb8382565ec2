import { z } from 'zod';
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject } from 'zod-openapi';
import type { CatalogEntry } from '../../../core/catalog.js';
import { batchPaths } from './batch-paths.js';
import { PDF_BODY, pascal, RENDER_CODES } from './document-paths.js';
import { errorResponses, fieldIssueSchema } from './problems.js';

/** What GET /v1/jobs/{jobId} answers (src/jobs/job-queue.ts JobStatus), and the webhook posts. */
const jobStatusSchema = z
  .object({
    id: z.uuid().meta({ description: 'The job’s id: random, and the only way to reach it.' }),
    document: z.string(),
    output: z.enum(['zip', 'pdf']),
    state: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
    rows: z.int().meta({ description: 'Rows in the batch.' }),
    done: z.int().meta({ description: 'Rows rendered so far.' }),
    failed: z.int().meta({ description: 'Rows refused so far (their errors in `report`).' }),
    progress: z.number().min(0).max(1),
    createdAt: z.iso.datetime(),
    startedAt: z.iso.datetime().optional(),
    finishedAt: z.iso.datetime().optional(),
    expiresAt: z.iso.datetime().optional().meta({
      description: 'When the finished job and its result are deleted (JOBS_TTL_SECONDS).',
    }),
    report: z.array(
      z.object({
        row: z.int(),
        id: z.string().optional(),
        state: z.enum(['done', 'failed']),
        file: z.string().optional(),
        errors: z.array(fieldIssueSchema),
        warnings: z.array(fieldIssueSchema),
      }),
    ),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  })
  .meta({ id: 'JobStatus', description: 'A job’s state, counts and report so far.' });

const jobIdParameter = {
  name: 'jobId',
  in: 'path' as const,
  required: true,
  schema: { type: 'string' as const, format: 'uuid' },
};

/** As withAccess says for posts: no key asked when the service has none. */
const security: Record<string, string[]>[] = [{}, { bearer: [] }, { apiKey: [] }];

const callback =
  'An http(s) URL POSTed the job’s status once it ends, signed in `Paperasse-Signature` ' +
  '(`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`). Only when the service has ' +
  'JOBS_WEBHOOK_SECRET; otherwise 422 naming `callback`. A private, loopback or link-local ' +
  'address is refused (422 when the URL names one, no delivery when its name resolves to one) ' +
  'unless the service has JOBS_WEBHOOK_PRIVATE.';

/** POST /v1/jobs/{id}: POST /v1/batch/{id}'s request, answered 202 with the job. */
export function jobsPaths(entry: CatalogEntry, example: unknown): ZodOpenApiPathsObject {
  const { id, title } = entry.document;
  const batch = batchPaths(entry, example)[`/v1/batch/${id}`]?.post as ZodOpenApiOperationObject;
  const multipart = batch.requestBody?.content['multipart/form-data'] as {
    schema: { properties: Record<string, unknown> };
  };
  return {
    [`/v1/jobs/${id}`]: {
      post: {
        ...batch,
        operationId: `job${pascal(id)}`,
        summary: `A class at once, later: ${title}`,
        description:
          'The request of `POST /v1/batch/{id}`, run in a queue: 202 at once with the job and ' +
          'its `Location`. Every row is checked first; no valid row: 422 as a batch.',
        tags: [id, 'jobs'],
        parameters: [
          ...(batch.parameters ?? []),
          { name: 'callback', in: 'query', description: callback, schema: { type: 'string' } },
        ],
        requestBody: {
          required: true,
          content: {
            ...batch.requestBody?.content,
            'multipart/form-data': {
              ...multipart,
              schema: {
                ...multipart.schema,
                properties: {
                  ...multipart.schema.properties,
                  callback: { type: 'string', description: callback },
                },
              },
            },
          },
        },
        responses: {
          '202': {
            description: 'Queued: poll `Location` (GET /v1/jobs/{jobId}).',
            headers: { Location: { schema: { type: 'string' } } },
            content: { 'application/json': { schema: jobStatusSchema } },
          },
          ...errorResponses([
            ...RENDER_CODES,
            'SHEET_TOO_COMPLEX',
            'JOB_QUEUE_FULL',
            'JOBS_UNAVAILABLE',
          ]),
        },
      },
    },
  };
}

/** A job's own routes: its status, its result, its deletion. */
export function jobPaths(): ZodOpenApiPathsObject {
  const tags = ['jobs'];
  return {
    '/v1/jobs/{jobId}': {
      get: {
        operationId: 'jobStatus',
        summary: 'A job’s state, its counts and its report so far',
        tags,
        security,
        parameters: [jobIdParameter],
        responses: {
          '200': {
            description: 'The job.',
            content: { 'application/json': { schema: jobStatusSchema } },
          },
          ...errorResponses(['UNKNOWN_JOB', 'RATE_LIMITED', 'JOBS_UNAVAILABLE']),
        },
      },
      delete: {
        operationId: 'jobDelete',
        summary: 'Stops a job if it runs, and deletes it and its result',
        tags,
        security,
        parameters: [jobIdParameter],
        responses: {
          '204': { description: 'Deleted.' },
          ...errorResponses(['UNKNOWN_JOB', 'UNAUTHORIZED', 'RATE_LIMITED', 'JOBS_UNAVAILABLE']),
        },
      },
    },
    '/v1/jobs/{jobId}/result': {
      get: {
        operationId: 'jobResult',
        summary: 'A finished job’s ZIP (one PDF per valid row and rapport.csv) or merged PDF',
        tags,
        security,
        parameters: [jobIdParameter],
        responses: {
          '200': {
            description: 'The file, as POST /v1/batch/{id} would have answered it.',
            headers: { 'Content-Disposition': { schema: { type: 'string' } } },
            content: {
              'application/zip': { schema: { type: 'string', format: 'binary' } },
              'application/pdf': PDF_BODY,
            },
          },
          ...errorResponses([
            'UNKNOWN_JOB',
            'JOB_NOT_FINISHED',
            'JOB_FAILED',
            'RATE_LIMITED',
            'JOBS_UNAVAILABLE',
          ]),
        },
      },
    },
  };
}
