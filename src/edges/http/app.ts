import express, { type Express } from 'express';
import { CoreError } from '../../core/errors.js';
import { installAccess, type AccessOptions } from './access/index.js';
import { batchRouter, type BatchRouterOptions } from './batch-router.js';
import { documentsRouter } from './documents-router.js';
import { healthRouter, type Readiness } from './health-router.js';
import { jobsRouter } from './jobs-router.js';
import { contractRouter } from './openapi/contract-router.js';
import { pdfRouter } from './pdf-router.js';
import { badPathEncoding, problemHandler } from './problem.js';
import { createMetrics, type Metrics } from './ops/metrics.js';
import { metricsRouter } from './ops/metrics-router.js';
import { requestLog } from './ops/request-log.js';
import { mountPoint } from './ops/route-label.js';
import { webRouter } from './web-router.js';
import type { Logger } from '../../logger.js';
import type { Core } from '../../core/render-document.js';
import type { JobQueue } from '../../jobs/job-queue.js';

export interface AppDeps {
  /** The core every route calls; tests pass a fake one. */
  core: Core;
  readiness: Readiness;
  logger: Logger;
  bodyLimit: string;
  /** UPLOAD_FILE_LIMIT: the largest file of /v1/pdf routes. */
  fileLimit: number;
  /** Multipart limits of the documents' routes (UPLOAD_*). */
  uploads: { fileSize: number; totalSize: number; maxFiles: number };
  /** RENDER_REFUSAL_HOLD_MS: how long a render finding the queue full waits before its 429. */
  refusalHoldMs?: number;
  /** POST /v1/batch/{id}: its limits (BATCH_*), the report's face, the model rows. */
  batch?: Omit<BatchRouterOptions, 'core'>;
  /** POST /v1/jobs/{id} and its job's routes (with `batch`'s limits); absent: no jobs. */
  jobs?: { queue: JobQueue; webhookSecret?: string; webhookAllowPrivate?: boolean };
  /** API keys, rate limit, CORS, Idempotency-Key (access/index.ts); absent: open, unlimited. */
  access?: AccessOptions;
  /** WEB_PAGES: the pages for people (/, /formulaire, /classe); false: the API alone. */
  webPages?: boolean;
  /** GET /metrics and what feeds it; its own registry when absent; `false`: none (METRICS_ENABLED). */
  metrics?: Metrics | false;
  /** METRICS_TOKEN: when set, /metrics answers only `Authorization: Bearer <token>`. */
  metricsToken?: string;
}

/** Builds the application; never listens, so tests drive it in-process. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  // Catalog ids and their engines: what logs and metrics may name (ops/route-label.ts).
  const documents = new Map(
    deps.core.catalog
      .list()
      .map(({ document, engines }) => [document.id, engines.map((engine) => engine.id)]),
  );
  const metrics = deps.metrics === false ? undefined : (deps.metrics ?? createMetrics());
  app.disable('x-powered-by');
  // No ETag: answers carry personal data and are never revalidated (see Cache-Control below).
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(requestLog({ logger: deps.logger, documents, ...(metrics ? { metrics } : {}) }));
  app.use((_req, res, next) => {
    res.set('X-Content-Type-Options', 'nosniff');
    // PDFs, /validate answers, 422 problems and warnings carry personal data: no cache, shared
    // or private, keeps them. The catalog's GETs, the same for everyone, say otherwise.
    res.set('Cache-Control', 'no-store');
    next();
  });
  app.use((req, _res, next) => {
    try {
      decodeURIComponent(req.path);
      next();
    } catch {
      next(badPathEncoding());
    }
  });
  installAccess(app, deps.access ?? {}, deps.logger);
  app.use(healthRouter(deps.readiness));
  app.use(
    contractRouter({
      catalog: deps.core.catalog,
      batch: deps.batch !== undefined,
      jobs: deps.batch !== undefined && deps.jobs !== undefined,
    }),
  );
  if (metrics) app.use(metricsRouter(metrics, deps.metricsToken));
  app.use(
    '/v1/documents',
    mountPoint(),
    documentsRouter({
      core: deps.core,
      bodyLimit: deps.bodyLimit,
      uploads: deps.uploads,
      refusalHoldMs: deps.refusalHoldMs ?? 0,
    }),
  );
  if (deps.batch)
    app.use('/v1/batch', mountPoint(), batchRouter({ core: deps.core, ...deps.batch }));
  if (deps.batch && deps.jobs) {
    const { limits, readSheet } = deps.batch;
    app.use(
      '/v1/jobs',
      mountPoint(),
      jobsRouter({
        core: deps.core,
        queue: deps.jobs.queue,
        limits,
        readSheet,
        ...(deps.jobs.webhookSecret ? { webhookSecret: deps.jobs.webhookSecret } : {}),
        ...(deps.jobs.webhookAllowPrivate ? { webhookAllowPrivate: true } : {}),
      }),
    );
  }
  app.use(
    '/v1/pdf',
    mountPoint(),
    pdfRouter({ forms: deps.core.forms, fileLimit: deps.fileLimit }),
  );
  if (deps.webPages !== false) {
    app.use(
      webRouter({
        core: deps.core,
        uploads: deps.uploads,
        ...(deps.batch ? { batch: deps.batch } : {}),
      }),
    );
  }
  app.use((req, _res, next) => {
    next(
      new CoreError('NOT_FOUND', {
        detail_en: `No route for ${req.method} ${req.path}.`,
        detail_fr: `Aucune route pour ${req.method} ${req.path}.`,
      }),
    );
  });
  app.use(problemHandler(deps.logger, documents));
  return app;
}
