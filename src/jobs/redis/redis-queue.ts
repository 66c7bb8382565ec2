import { setTimeout as delay } from 'node:timers/promises';
import { FlowProducer, Queue } from 'bullmq';
import { CoreError } from '../../core/errors.js';
import type { Logger } from '../../logger.js';
import type { JobQueue, JobResult } from '../job-queue.js';
import {
  counted,
  jobFailed,
  notFinished,
  queueFull,
  queuedStatus,
  unknownJob,
} from '../job-status.js';
import { connect, EVENTS_MAX_LENGTH, isReady, QUEUE_NAME, QUEUE_PREFIX } from './connection.js';
import { JobRecords } from './job-records.js';
import { dropOrphanChunks } from './orphans.js';
import { ASSEMBLE, CHUNK, chunked, chunkId, type AssembleData, type ChunkData } from './plan.js';
import type { ResultStore } from './result-store.js';
import { sweepStore } from './sweep.js';

export interface RedisQueueOptions {
  redisUrl: string;
  store: ResultStore;
  /** JOBS_CHUNK_ROWS. */
  chunkRows: number;
  /** JOBS_CHUNK_ATTEMPTS: tries of a chunk, and of the last step. */
  attempts: number;
  maxJobs: number;
  ttlSeconds: number;
  /** The document's own pattern of file names, when the request names none. */
  batchFileName: (document: string) => string | undefined;
  logger: Logger;
}

/** Retry-After while Redis is away: ioredis tries again every 2 s at most. */
const UNAVAILABLE_RETRY_SECONDS = 5;
const BUSY_RETRY_SECONDS = 30;
/** How often the API looks for chunks whose job is gone (orphans.ts). */
const ORPHANS_PERIOD_MS = 60_000;
/** How long a request made before the first connection waits for it. */
const FIRST_CONNECTION_WAIT_MS = 2_000;

/**
 * POST /v1/jobs on BullMQ and Redis (REDIS_URL): the API only enqueues, reads records and
 * serves results; `paperasse worker` processes, anywhere, render the chunks and write the
 * result (job-worker.ts). The API holds nothing of a job in memory: any number of API
 * processes may answer for the same jobs.
 */
export function createRedisQueue(options: RedisQueueOptions): JobQueue {
  const redis = connect(options.redisUrl, 'api');
  // Without a listener, ioredis reports each failed reconnection as an unhandled error.
  redis.on('error', () => undefined);
  const records = new JobRecords(redis);
  const connection = { connection: redis, prefix: QUEUE_PREFIX };
  const flows = new FlowProducer(connection);
  const queue = new Queue(QUEUE_NAME, {
    ...connection,
    streams: { events: { maxLen: EVENTS_MAX_LENGTH } },
  });
  flows.on('error', () => undefined);
  queue.on('error', () => undefined);
  const sweeper = sweepStore(options.store, records, options.ttlSeconds, options.logger);
  const orphans = setInterval(() => {
    if (!isReady(redis)) return;
    dropOrphanChunks(queue, records).catch((error: unknown) =>
      options.logger.warn({ err: error }, 'job queue: orphan chunks not dropped'),
    );
  }, ORPHANS_PERIOD_MS);
  orphans.unref();

  // The service's first requests may come before its first connection: they wait for it a
  // moment. Later, with Redis away, a request is answered 503 at once.
  let connectedOnce = false;
  const firstConnection = new Promise<void>((resolve) =>
    redis.once('ready', () => {
      connectedOnce = true;
      resolve();
    }),
  );
  const whenReady = async (): Promise<boolean> => {
    if (isReady(redis)) return true;
    if (connectedOnce) return false;
    await Promise.race([
      firstConnection,
      delay(FIRST_CONNECTION_WAIT_MS, undefined, { ref: false }),
    ]);
    return isReady(redis);
  };

  /** A Redis fault becomes 503 with Retry-After; the core's refusals pass as they are. */
  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    if (!(await whenReady())) throw unavailable();
    try {
      return await work();
    } catch (error) {
      if (error instanceof CoreError) throw error;
      options.logger.warn({ err: error }, 'job queue: Redis failed or did not answer');
      throw unavailable();
    }
  };

  const find = async (id: string, owner: string | undefined) => {
    const record = await records.read(id);
    // Another owner's job is as unknown as one never made: its id says nothing.
    if (!record || record.owner !== owner) throw unknownJob(id);
    return record;
  };

  return {
    submit: (submission) =>
      guarded(async () => {
        if ((await records.held()) >= options.maxJobs) {
          const next = await records.nextExpiry();
          const seconds = next ? Math.ceil((next - Date.now()) / 1000) : BUSY_RETRY_SECONDS;
          throw queueFull(Math.max(1, Math.min(seconds, BUSY_RETRY_SECONDS)));
        }
        const { batch } = submission;
        const status = queuedStatus(batch);
        const { id } = status;
        await records.create(
          {
            status,
            ...(submission.owner ? { owner: submission.owner } : {}),
            ...(submission.callback ? { callback: submission.callback } : {}),
          },
          batch.files,
        );
        const pattern = batch.pattern ?? options.batchFileName(batch.document);
        const chunks = chunked(batch.rows, options.chunkRows);
        const removed = { removeOnComplete: true, removeOnFail: true } as const;
        try {
          await flows.add({
            name: ASSEMBLE,
            queueName: QUEUE_NAME,
            data: {
              job: id,
              chunks: chunks.map((rows, chunk) => ({
                chunk,
                rows: rows.map((row) => ({
                  row: row.row,
                  ...(row.id !== undefined ? { id: row.id } : {}),
                })),
              })),
            } satisfies AssembleData,
            opts: { jobId: id, attempts: options.attempts, ...removed },
            children: chunks.map((rows, chunk) => ({
              name: CHUNK,
              queueName: QUEUE_NAME,
              data: {
                job: id,
                chunk,
                document: batch.document,
                ...(batch.engine ? { engine: batch.engine } : {}),
                ...(pattern ? { pattern } : {}),
                rows: [...rows],
              } satisfies ChunkData,
              opts: {
                jobId: chunkId(id, chunk),
                attempts: options.attempts,
                backoff: { type: 'exponential', delay: 1_000 },
                // A chunk that fails for good still lets the job end: its rows are reported.
                ignoreDependencyOnFailure: true,
                ...removed,
              },
            })),
          });
        } catch (error) {
          await records.remove(id).catch(() => undefined);
          throw error;
        }
        return counted(status);
      }),

    status: (id, owner) => guarded(async () => counted((await find(id, owner)).status)),

    result: (id, owner) =>
      guarded(async (): Promise<JobResult> => {
        const { status } = await find(id, owner);
        if (status.state === 'failed') throw jobFailed(id);
        if (status.state !== 'done') throw notFinished(id, status.state);
        const stored = await options.store.result(id, status.output);
        if (!stored) throw unknownJob(id);
        return { output: status.output, document: status.document, ...stored };
      }),

    cancel: (id, owner) =>
      guarded(async () => {
        const { status } = await find(id, owner);
        // The record first: a worker on one of its chunks stops at its next row.
        await records.remove(id);
        // A chunk in hand may still be writing there: what it leaves goes with the next sweep.
        await options.store.remove(id).catch((error: unknown) => {
          options.logger.warn({ err: error, job: id }, 'job files not removed yet');
        });
        const chunks = Math.ceil(status.rows / options.chunkRows);
        const ids = [id, ...Array.from({ length: chunks }, (_, chunk) => chunkId(id, chunk))];
        // Chunks waiting go now; one a worker holds is locked and ends by itself.
        await Promise.all(ids.map((jobId) => queue.remove(jobId).catch(() => 0)));
      }),

    gauges: () =>
      guarded(async () => {
        const [held, counts] = await Promise.all([
          records.held(),
          queue.getJobCounts('waiting', 'active', 'delayed'),
        ]);
        const chunks = {
          waiting: counts.waiting ?? 0,
          active: counts.active ?? 0,
          delayed: counts.delayed ?? 0,
        };
        return { jobs: { held }, chunks };
      }),

    async close() {
      sweeper.stop();
      clearInterval(orphans);
      await Promise.allSettled([flows.close(), queue.close()]);
      redis.disconnect();
    },
  };
}

function unavailable(): CoreError {
  return new CoreError('JOBS_UNAVAILABLE', {
    detail_en: `The job queue (Redis) does not answer; jobs already taken go on. Retry in ${UNAVAILABLE_RETRY_SECONDS} s.`,
    detail_fr: `La file des tâches (Redis) ne répond pas ; les tâches déjà prises continuent. Réessayez dans ${UNAVAILABLE_RETRY_SECONDS} s.`,
    retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS,
  });
}
