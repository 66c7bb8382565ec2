import { compose } from '../../compose.js';
import { loadConfigOrExit } from '../../config.js';
import { jobsStoreDir, webhookOptions } from '../../jobs/job-settings.js';
import { createJobWorker } from '../../jobs/redis/job-worker.js';
import { ResultStore } from '../../jobs/redis/result-store.js';
import { createLogger } from '../../logger.js';

/**
 * The job worker edge (`paperasse worker`): config from the environment, as the service reads
 * it → the core → BullMQ's worker on REDIS_URL. Its log is JSON on stdout like the service's.
 * SIGTERM/SIGINT: the chunks in hand finish (up to SHUTDOWN_TIMEOUT_MS; past it, another worker
 * takes them over once their lock lapses), Chromium closes, the process exits 0.
 */
export async function runWorker(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = loadConfigOrExit(env);
  if (!config.REDIS_URL) {
    console.error(
      'paperasse worker : REDIS_URL n’est pas défini. Sans Redis, le service exécute les tâches lui-même (npm start).',
    );
    process.exit(2);
  }
  const logger = createLogger(config.LOG_LEVEL);
  const composed = compose(config, logger);
  const webhook = webhookOptions(config);
  const worker = createJobWorker({
    redisUrl: config.REDIS_URL,
    core: composed.core,
    store: new ResultStore(jobsStoreDir(config)),
    reportFont: composed.reportFont,
    concurrency: config.JOBS_CONCURRENCY,
    rowConcurrency: config.BATCH_CONCURRENCY,
    lockSeconds: config.JOBS_LOCK_SECONDS,
    attempts: config.JOBS_CHUNK_ATTEMPTS,
    ttlSeconds: config.JOBS_TTL_SECONDS,
    ...(webhook ? { webhook } : {}),
    logger,
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker stopping');
    const force = setTimeout(() => {
      logger.warn('grace period over, leaving the chunks in hand to other workers');
      process.exit(0);
    }, config.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    void worker
      .close()
      .then(() => composed.close())
      .finally(() => {
        logger.info('worker stopped');
        process.exit(0);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  await worker.ready();
  logger.info(
    { concurrency: config.JOBS_CONCURRENCY, rows: config.BATCH_CONCURRENCY },
    'worker ready',
  );
}
