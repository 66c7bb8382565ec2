import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createInProcessQueue } from '../../../src/jobs/in-process-queue.js';
import type { JobQueue } from '../../../src/jobs/job-queue.js';
import { createLogger } from '../../../src/logger.js';
import { FAKE_LETTER, fakeApp, fakeCore, type FakeCoreOptions } from '../../helpers/fake-core.js';

/** The jobs' HTTP edge around a fake core that never finishes a render: the queue's bounds. */
const queues: JobQueue[] = [];
afterEach(async () => {
  await Promise.all(queues.splice(0).map((queue) => queue.close()));
});

const endless: FakeCoreOptions['render'] = (_request, signal) =>
  new Promise((_resolve, reject) => {
    signal?.addEventListener('abort', () => reject(signal.reason as Error));
  });

function jobsApp(maxJobs: number) {
  const core = fakeCore({ render: endless });
  const queue = createInProcessQueue({
    core,
    reportFont: new Uint8Array(),
    rowConcurrency: 2,
    concurrency: 1,
    maxJobs,
    ttlSeconds: 60,
    logger: createLogger('silent'),
  });
  queues.push(queue);
  const batch = {
    limits: { maxRows: 10, maxBytes: 64 * 1024, concurrency: 2, maxFiles: 4 },
    reportFont: new Uint8Array(),
    readSheet: () => Promise.reject(new Error('no spreadsheet in these tests')),
  };
  return fakeApp(core, { batch, jobs: { queue } });
}

const JOBS = `/v1/jobs/${FAKE_LETTER.id}`;
const ROWS = [{ nom: 'Dupont' }, { nom: 'Durand' }];

describe('POST /v1/jobs/{id} when the queue holds JOBS_MAX jobs', () => {
  it('answers 429 JOB_QUEUE_FULL with Retry-After, and takes a job again once one is deleted', async () => {
    const app = jobsApp(1);
    const first = await request(app).post(JOBS).send(ROWS);
    expect(first.status).toBe(202);
    const refused = await request(app).post(JOBS).send(ROWS);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('JOB_QUEUE_FULL');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await request(app).delete(first.headers.location as string)).status).toBe(204);
    expect((await request(app).post(JOBS).send(ROWS)).status).toBe(202);
  });

  it('answers 405 with Allow for another method on a job', async () => {
    const app = jobsApp(1);
    const answer = await request(app).put(`/v1/jobs/${crypto.randomUUID()}`);
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, POST, DELETE');
  });
});
