import { pipeline } from 'node:stream/promises';
import { Router, type Request } from 'express';
import type { JobQueue } from '../../jobs/job-queue.js';
import { checkCallback } from '../../jobs/webhook.js';
import { clientOf } from './access/api-keys.js';
import type { BatchLimits, SheetReader } from './batch-input.js';
import { admitted, batchBody, readBatchRequest } from './batch-request.js';
import { contentDisposition } from './content-disposition.js';
import { methodNotAllowed } from './method-not-allowed.js';
import type { Core } from '../../core/render-document.js';

export interface JobsRouterOptions {
  core: Core;
  queue: JobQueue;
  limits: BatchLimits & { maxFiles: number };
  readSheet: SheetReader;
  /** JOBS_WEBHOOK_SECRET: without it, a request naming a callback is refused. */
  webhookSecret?: string;
  /** JOBS_WEBHOOK_PRIVATE: a callback may name a private or loopback address. */
  webhookAllowPrivate?: boolean;
}

/** The job's option beyond the batch's: a query parameter, or a part beside the spreadsheet. */
const CALLBACK = 'callback';

/**
 * A batch run later (POST /v1/jobs/{id}, the body of POST /v1/batch/{id}): 202 with the job's
 * status and its Location; then its status and report so far (GET /v1/jobs/{jobId}), its ZIP or
 * PDF once done (…/result), its deletion (DELETE). Rows are checked before the 202, as a batch's
 * are before its first byte.
 */
export function jobsRouter(options: JobsRouterOptions): Router {
  const router = Router();
  const { core, queue, limits } = options;

  router.post('/:id', admitted(core), batchBody(limits), async (req, res) => {
    const { spec } = await readBatchRequest(req, {
      core,
      limits,
      readSheet: options.readSheet,
      extraOptions: [CALLBACK],
    });
    const asked = callbackOf(req);
    const callback =
      asked === undefined
        ? undefined
        : checkCallback(asked, options.webhookSecret, options.webhookAllowPrivate ?? false);
    const owner = ownerOf(req);
    const status = await queue.submit({
      batch: spec,
      ...(owner ? { owner } : {}),
      ...(callback ? { callback } : {}),
    });
    res
      .status(202)
      .location(`/v1/jobs/${status.id}`)
      .set('Access-Control-Expose-Headers', 'Location')
      .json(status);
  });

  router.get('/:jobId', async (req, res) => {
    res.json(await queue.status(req.params.jobId as string, ownerOf(req)));
  });

  router.get('/:jobId/result', async (req, res) => {
    const result = await queue.result(req.params.jobId as string, ownerOf(req));
    const zip = result.output === 'zip';
    res
      .status(200)
      .type(zip ? 'application/zip' : 'application/pdf')
      .set('Content-Length', String(result.size))
      .set('Content-Disposition', contentDisposition(`${result.document}-lot`, result.output))
      .set('Access-Control-Expose-Headers', 'Content-Disposition');
    await pipeline(result.open(), res);
  });

  router.delete('/:jobId', async (req, res) => {
    await queue.cancel(req.params.jobId as string, ownerOf(req));
    res.status(204).end();
  });

  router.all('/:jobId/result', methodNotAllowed('GET'));
  router.all('/:id', methodNotAllowed('GET, POST, DELETE'));
  return router;
}

/**
 * Jobs belong to the API key that made them, when the service has keys: another key (or none)
 * is told the job does not exist. An open service has no owners: the job's random id is the
 * capability.
 */
function ownerOf(req: Request): string | undefined {
  const client = clientOf(req);
  return client.credential === 'valid' ? client.id : undefined;
}

/** `?callback=…`, or the multipart part `callback`. */
function callbackOf(req: Request): string | undefined {
  const query = req.query[CALLBACK];
  if (typeof query === 'string') return query;
  const part = req.is('multipart/form-data')
    ? (req.body as Record<string, unknown> | undefined)?.[CALLBACK]
    : undefined;
  return typeof part === 'string' ? part : undefined;
}
