import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/core/render-document.js';
import type { Runtime } from '../../../src/edges/http/runtime.js';
import type { JobStatus } from '../../../src/jobs/job-queue.js';
import { createJobWorker, type JobWorker } from '../../../src/jobs/redis/job-worker.js';
import { ResultStore } from '../../../src/jobs/redis/result-store.js';
import { createLogger } from '../../../src/logger.js';
import { startRuntime } from '../../helpers/app.js';
import { useRedis } from '../../helpers/redis.js';
import { ID, pollUntil, students } from '../../http/jobs/job-helpers.js';

/**
 * A poisoned row: its data is valid, but rendering it faults every time (a bug of ours, a font
 * missing a glyph…). Its chunk is tried JOBS_CHUNK_ATTEMPTS times, then at the last try the row
 * is reported failed alone: the job ends, its other rows rendered, nothing retried forever.
 */
const redis = useRedis();
let runtime: Runtime;
let worker: JobWorker;
let store: string;
const POISON = 'Empoisonnée';
let poisonedRenders = 0;

beforeAll(async () => {
  store = await mkdtemp(join(tmpdir(), 'paperasse-store-'));
  runtime = startRuntime({
    REDIS_URL: redis.current.url,
    JOBS_STORE_DIR: store,
    JOBS_CHUNK_ROWS: '3',
    JOBS_CHUNK_ATTEMPTS: '2',
  });
  const core: Core = {
    ...runtime.core,
    render: (renderRequest, signal) => {
      const data = renderRequest.data as { eleve: { prenom: string } };
      if (data.eleve.prenom !== POISON) return runtime.core.render(renderRequest, signal);
      poisonedRenders += 1;
      return Promise.reject(new TypeError('Cannot read properties of undefined'));
    },
  };
  worker = createJobWorker({
    redisUrl: redis.current.url,
    core,
    store: new ResultStore(store),
    reportFont: runtime.reportFont,
    concurrency: 1,
    rowConcurrency: 2,
    lockSeconds: 5,
    attempts: 2,
    ttlSeconds: 60,
    logger: createLogger('silent'),
  });
  await worker.ready();
}, 30_000);

afterAll(async () => {
  await worker?.close();
  await runtime?.close();
  await rm(store, { recursive: true, force: true });
});

describe('a row whose render faults every time', () => {
  it('is reported failed after its chunk’s last try; the job ends with the other rows', async () => {
    const rows = students(6);
    (rows[4] as { eleve: { prenom: string } }).eleve.prenom = POISON;
    const submitted = await request(runtime.app).post(`/v1/jobs/${ID}?engine=acroform`).send(rows);
    expect(submitted.status).toBe(202);
    const id = (submitted.body as JobStatus).id;
    const done = await pollUntil(runtime.app, `/v1/jobs/${id}`);
    expect(done).toMatchObject({ state: 'done', rows: 6, done: 5, failed: 1 });
    const poisoned = done.report.find((line) => line.state === 'failed');
    expect(poisoned?.row).toBe(5);
    expect(poisoned?.errors[0]).toMatchObject({ code: 'INTERNAL' });
    expect(poisoned?.errors[0]?.message_fr).toContain('n’a pas pu être produite');
    // Its chunk's two tries, no more; the row's neighbours in that chunk were rendered.
    expect(poisonedRenders).toBe(2);
    expect(done.report.filter((line) => line.file)).toHaveLength(5);
  }, 60_000);
});
