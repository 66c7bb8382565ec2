import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { JobStatus } from '../../../src/jobs/job-queue.js';
import { useRedisJobs } from '../../helpers/redis-jobs.js';
import { ID, students } from '../../http/jobs/job-helpers.js';

/**
 * Redis restarting under a running job: while it is away, a new job is refused with 503 and
 * Retry-After (not a 500, not a hang), and so is a status; once it is back, the job that was
 * running goes on to its end, and new jobs are taken again.
 */
const ROWS = 300;
const jobs = useRedisJobs({
  env: { JOBS_CHUNK_ROWS: '10', BATCH_MAX_ROWS: String(ROWS) },
  worker: { rowConcurrency: 1 },
});

describe('Redis stopped and started again during a job', () => {
  it('answers 503 with Retry-After meanwhile, and the running job completes after', async () => {
    const submitted = await request(jobs.runtime.app)
      .post(`/v1/jobs/${ID}?engine=acroform`)
      .send(students(ROWS));
    expect(submitted.status).toBe(202);
    const location = submitted.headers.location as string;
    let status = (await request(jobs.runtime.app).get(location)).body as JobStatus;
    while (status.report.length < 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = (await request(jobs.runtime.app).get(location)).body as JobStatus;
    }
    expect(status.state).toBe('running');

    await jobs.redis.stop();
    const refused = await request(jobs.runtime.app)
      .post(`/v1/jobs/${ID}?engine=acroform`)
      .send(students(2));
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.body).toMatchObject({ code: 'JOBS_UNAVAILABLE' });
    expect(refused.body.detail_fr).toContain('Redis');
    expect((await request(jobs.runtime.app).get(location)).status).toBe(503);

    await jobs.redis.start();
    const deadline = Date.now() + 60_000;
    let answer = await request(jobs.runtime.app).get(location);
    while (
      (answer.status !== 200 || !['done', 'failed'].includes((answer.body as JobStatus).state)) &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      answer = await request(jobs.runtime.app).get(location);
    }
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ state: 'done', rows: ROWS, done: ROWS, failed: 0 });

    const again = await request(jobs.runtime.app)
      .post(`/v1/jobs/${ID}?engine=acroform`)
      .send(students(2));
    expect(again.status).toBe(202);
  }, 120_000);
});
