import type { Express } from 'express';
import { compose, type ComposeOptions, type Composed } from '../../compose.js';
import type { Config } from '../../config.js';
import type { Engine } from '../../engines/engine.js';
import type { Logger } from '../../logger.js';
import { documentExamples } from '../batch/examples.js';
import { createSheetWorkers } from '../batch/sheet-workers.js';
import { createInProcessQueue } from '../../jobs/in-process-queue.js';
import { jobsStoreDir, webhookOptions } from '../../jobs/job-settings.js';
import { createRedisQueue } from '../../jobs/redis/redis-queue.js';
import { ResultStore } from '../../jobs/redis/result-store.js';
import type { JobGauges, JobQueue } from '../../jobs/job-queue.js';
import { createApp } from './app.js';
import { createMetrics } from './ops/metrics.js';

/** The core with its HTTP edge: what `main.ts` listens with and what HTTP tests drive. */
export interface Runtime extends Composed {
  app: Express;
  /** POST /v1/jobs' queue: in this process, or on Redis with REDIS_URL (src/jobs/). */
  jobs: JobQueue;
  /** From now on /readyz answers 503 (SIGTERM): renders in flight still finish. */
  beginShutdown(): void;
}

export type RuntimeOptions = ComposeOptions;

/** The core with its HTTP edge. */
export function createRuntime(
  config: Config,
  logger: Logger,
  options: RuntimeOptions = {},
): Runtime {
  // The metrics read the Chromium queue at each scrape: `runtime` exists by then.
  const metrics = config.METRICS_ENABLED
    ? createMetrics({
        queue: () => runtime.pool.stats(),
        jobs: (): Promise<JobGauges> => jobs.gauges?.() ?? Promise.resolve({ jobs: {} }),
      })
    : undefined;
  const runtime = compose(config, logger, {
    ...options,
    ...(metrics ? { observer: metrics.observer } : {}),
  });
  let stopping = false;
  // Class spreadsheets are untrusted files: read in worker threads under the PDF_WORKER limits.
  const sheets = createSheetWorkers({
    size: config.PDF_WORKERS,
    queueLimit: config.PDF_QUEUE_LIMIT,
    timeoutMs: config.PDF_TIMEOUT_MS,
    heapMb: config.PDF_WORKER_HEAP_MB,
  });
  const webhook = webhookOptions(config);
  const jobs: JobQueue = config.REDIS_URL
    ? createRedisQueue({
        redisUrl: config.REDIS_URL,
        store: new ResultStore(jobsStoreDir(config)),
        chunkRows: config.JOBS_CHUNK_ROWS,
        attempts: config.JOBS_CHUNK_ATTEMPTS,
        maxJobs: config.JOBS_MAX,
        ttlSeconds: config.JOBS_TTL_SECONDS,
        batchFileName: (id) => runtime.core.catalog.find(id).document.batchFileName,
        logger,
      })
    : createInProcessQueue({
        core: runtime.core,
        reportFont: runtime.reportFont,
        rowConcurrency: config.BATCH_CONCURRENCY,
        concurrency: config.JOBS_CONCURRENCY,
        maxJobs: config.JOBS_MAX,
        ttlSeconds: config.JOBS_TTL_SECONDS,
        ...(webhook ? { webhook } : {}),
        logger,
        ...(metrics ? { observer: metrics.observer } : {}),
      });
  const app = createApp({
    core: runtime.core,
    readiness: {
      checkReady: () => allReady(runtime.engines),
      saturated: () => runtime.engines.some((engine) => engine.saturated?.() !== undefined),
      stopping: () => stopping,
    },
    metrics: metrics ?? false,
    ...(config.METRICS_TOKEN ? { metricsToken: config.METRICS_TOKEN } : {}),
    logger,
    bodyLimit: config.BODY_LIMIT,
    fileLimit: config.UPLOAD_FILE_LIMIT,
    refusalHoldMs: config.RENDER_REFUSAL_HOLD_MS,
    uploads: {
      fileSize: config.UPLOAD_FILE_LIMIT,
      totalSize: config.UPLOAD_TOTAL_LIMIT,
      maxFiles: config.UPLOAD_MAX_FILES,
    },
    batch: {
      limits: {
        maxRows: config.BATCH_MAX_ROWS,
        maxBytes: config.BATCH_MAX_BYTES,
        concurrency: config.BATCH_CONCURRENCY,
        maxFiles: config.UPLOAD_MAX_FILES,
      },
      reportFont: runtime.reportFont,
      readSheet: (bytes, sheetOptions) => sheets.read(bytes, sheetOptions),
      examples: documentExamples(runtime.core.catalog.list().map((entry) => entry.document.id)),
      ...(metrics ? { observer: metrics.observer } : {}),
    },
    jobs: {
      queue: jobs,
      ...(webhook
        ? { webhookSecret: webhook.secret, webhookAllowPrivate: webhook.allowPrivate }
        : {}),
    },
    access: {
      apiKeys: config.API_KEYS,
      trustProxy: config.TRUST_PROXY,
      rateLimit: { limit: config.RATE_LIMIT, windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS },
      corsOrigins: config.CORS_ORIGINS,
      idempotency: {
        ttlSeconds: config.IDEMPOTENCY_TTL_SECONDS,
        storeLimit: config.IDEMPOTENCY_STORE_LIMIT,
        answerLimit: config.IDEMPOTENCY_ANSWER_LIMIT,
      },
    },
    webPages: config.WEB_PAGES === 'on',
  });
  const close = async () => {
    // The jobs first: their renders stop before the engines close, their files go.
    await jobs.close();
    await Promise.all([runtime.close(), sheets.close()]);
  };
  const beginShutdown = () => {
    stopping = true;
  };
  return { ...runtime, app, jobs, close, beginShutdown };
}

/** Ready when every engine that can say so says it can render now. */
async function allReady(engines: readonly Engine[]): Promise<boolean> {
  const answers = await Promise.all(engines.map((engine) => engine.checkReady?.() ?? true));
  return answers.every(Boolean);
}
