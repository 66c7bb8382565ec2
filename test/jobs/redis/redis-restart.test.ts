import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../../src/edges/http/runtime.js';
import type { JobStatus } from '../../../src/jobs/job-queue.js';
import { createJobWorker, type JobWorker } from '../../../src/jobs/redis/job-worker.js';
import { ResultStore } from '../../../src/jobs/redis/result-store.js';
import { createLogger } from '../../../src/logger.js';
import { startRuntime } from '../../helpers/app.js';
import { useRedis } from '../../helpers/redis.js';
import { ID, students } from '../../http/jobs/job-helpers.js';

/**
 * Redis restarting under a running job: while it is away, a new job is refused with 503 and
 * Retry-After (not a 500, not a hang), and so is a status; once it is back, the job that was
 * running goes on to its end, and new jobs are taken again.
 */
const ROWS = 300;
const redis = useRedis();
let runtime: Runtime;
let worker: JobWorker;
let store: string;

beforeAll(async () => {
  store = await mkdtemp(join(tmpdir(), 'paperasse-store-'));
  runtime = startRuntime({
    REDIS_URL: redis.current.url,
    JOBS_STORE_DIR: store,
    JOBS_CHUNK_ROWS: '10',
    BATCH_MAX_ROWS: String(ROWS),
  });
  worker = createJobWorker({
    redisUrl: redis.current.url,
    core: runtime.core,
    store: new ResultStore(store),
    reportFont: runtime.reportFont,
    concurrency: 1,
    rowConcurrency: 1,
    lockSeconds: 5,
    attempts: 3,
    ttlSeconds: 60,
    logger: createLogger('silent'),
  });
  await worker.ready();
}, 30_000);

afterAll(async () => {
  await redis.current.start().catch(() => undefined);
  await worker?.close();
  await runtime?.close();
  await rm(store, { recursive: true, force: true });
});

describe('Redis stopped and started again during a job', () => {
  it('answers 503 with Retry-After meanwhile, and the running job completes after', async () => {
    const submitted = await request(runtime.app)
      .post(`/v1/jobs/${ID}?engine=acroform`)
      .send(students(ROWS));
    expect(submitted.status).toBe(202);
    const location = submitted.headers.location as string;
    let status = (await request(runtime.app).get(location)).body as JobStatus;
    while (status.report.length < 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = (await request(runtime.app).get(location)).body as JobStatus;
    }
    expect(status.state).toBe('running');

    await redis.current.stop();
    const refused = await request(runtime.app)
      .post(`/v1/jobs/${ID}?engine=acroform`)
      .send(students(2));
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.body).toMatchObject({ code: 'JOBS_UNAVAILABLE' });
    expect(refused.body.detail_fr).toContain('Redis');
    expect((await request(runtime.app).get(location)).status).toBe(503);

    await redis.current.start();
    const deadline = Date.now() + 60_000;
    let answer = await request(runtime.app).get(location);
    while (
      (answer.status !== 200 || !['done', 'failed'].includes((answer.body as JobStatus).state)) &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      answer = await request(runtime.app).get(location);
    }
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ state: 'done', rows: ROWS, done: ROWS, failed: 0 });

    const again = await request(runtime.app)
      .post(`/v1/jobs/${ID}?engine=acroform`)
      .send(students(2));
    expect(again.status).toBe(202);
  }, 120_000);
});
