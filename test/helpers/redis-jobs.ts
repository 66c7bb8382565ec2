import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Core } from '../../src/core/render-document.js';
import type { Runtime } from '../../src/edges/http/runtime.js';
import {
  createJobWorker,
  type JobWorker,
  type JobWorkerOptions,
} from '../../src/jobs/redis/job-worker.js';
import { ResultStore } from '../../src/jobs/redis/result-store.js';
import { createLogger } from '../../src/logger.js';
import { startRuntime } from './app.js';
import type { TestRedis } from './redis-server.js';
import { useRedis } from './redis.js';

/**
 * Jobs on a real Redis, for one test file: Redis on a free port, a results' folder, the real
 * runtime with REDIS_URL (the API), and one job worker in this process on the runtime's core
 * (or on a core the test wraps). Tests that need worker processes start them instead.
 */
export interface RedisJobs {
  readonly redis: TestRedis;
  readonly runtime: Runtime;
  readonly store: string;
}

export interface RedisJobsOptions {
  /** The API's environment beyond REDIS_URL and JOBS_STORE_DIR. */
  env?: Record<string, string>;
  /** The worker's options beyond its Redis, core, store and font; absent: no worker. */
  worker?: Partial<Omit<JobWorkerOptions, 'redisUrl' | 'store' | 'reportFont'>> | false;
  /** The core the worker renders with, made from the runtime's (a fault injected). */
  core?: (core: Core) => Core;
}

export function useRedisJobs(options: RedisJobsOptions = {}): RedisJobs {
  const redis = useRedis();
  let runtime: Runtime | undefined;
  let worker: JobWorker | undefined;
  let store: string | undefined;
  beforeAll(async () => {
    store = await mkdtemp(join(tmpdir(), 'paperasse-store-'));
    const started = startRuntime({
      REDIS_URL: redis.current.url,
      JOBS_STORE_DIR: store,
      ...options.env,
    });
    runtime = started;
    if (options.worker === false) return;
    worker = createJobWorker({
      core: options.core ? options.core(started.core) : started.core,
      concurrency: 1,
      rowConcurrency: 2,
      lockSeconds: 5,
      attempts: 3,
      ttlSeconds: 60,
      logger: createLogger('silent'),
      ...options.worker,
      redisUrl: redis.current.url,
      store: new ResultStore(store),
      reportFont: started.reportFont,
    });
    await worker.ready();
  }, 30_000);
  afterAll(async () => {
    // Redis back first (a test may have stopped it), so that the worker and the API close.
    await redis.current.start().catch(() => undefined);
    await worker?.close();
    await runtime?.close();
    if (store) await rm(store, { recursive: true, force: true });
  });
  const get = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('used outside the tests of its file');
    return value;
  };
  return {
    get redis() {
      return redis.current;
    },
    get runtime() {
      return get(runtime);
    },
    get store() {
      return get(store);
    },
  };
}
