import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobStatus } from '../../../src/jobs/job-queue.js';
import { asBytes } from '../../helpers/http.js';
import { startWorkerProcess, type WorkerProcess } from '../../helpers/job-worker-process.js';
import { useRedisJobs } from '../../helpers/redis-jobs.js';
import { unzip } from '../../helpers/zip.js';
import { ID, students } from '../../http/jobs/job-helpers.js';

/**
 * The failure the queue is for: two `paperasse worker` processes share a 500-row job, one is
 * killed (SIGKILL: no goodbye, its chunk's lock simply lapses) while it renders. The other takes
 * its chunk over and the ZIP has each of the 500 students once.
 */
const ROWS = 500;
const ENV = { JOBS_CHUNK_ROWS: '25', JOBS_LOCK_SECONDS: '2', BATCH_MAX_ROWS: String(ROWS) };
/** The workers log each chunk they start and end (debug): the test kills one holding a chunk. */
const WORKER_ENV = { ...ENV, LOG_LEVEL: 'debug' };
const jobs = useRedisJobs({ env: ENV, worker: false });
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  const env = { ...WORKER_ENV, REDIS_URL: jobs.redis.url, JOBS_STORE_DIR: jobs.store };
  workers.push(...(await Promise.all([startWorkerProcess(env), startWorkerProcess(env)])));
}, 60_000);

afterAll(() => {
  for (const worker of workers) worker.child.kill('SIGKILL');
});

describe('a worker killed with SIGKILL in the middle of a 500-row job', () => {
  it('has its chunk taken over: the ZIP holds exactly the 500 students, once each', async () => {
    const submitted = await request(jobs.runtime.app)
      .post(`/v1/jobs/${ID}?engine=acroform`)
      .send(students(ROWS));
    expect(submitted.status).toBe(202);
    const location = submitted.headers.location as string;

    // Both workers render; one dies once the job is well under way, with a chunk in hand (its
    // log's last word on chunks is that one started).
    const [victim, survivor] = workers as [WorkerProcess, WorkerProcess];
    let status = await statusOf(location);
    while ((status.report.length < 60 || !holdsChunk(victim)) && status.state !== 'done') {
      await new Promise((resolve) => setTimeout(resolve, 5));
      status = await statusOf(location);
    }
    expect(status.state).toBe('running');
    victim.child.kill('SIGKILL');
    const killedAt = status.report.length;

    const deadline = Date.now() + 120_000;
    while (!['done', 'failed'].includes(status.state) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = await statusOf(location);
    }
    expect(status).toMatchObject({ state: 'done', rows: ROWS, done: ROWS, failed: 0 });
    expect(killedAt).toBeLessThan(ROWS);
    // The survivor says it took a chunk over: the victim was killed with a chunk in hand.
    expect(survivor.output()).toContain('taken over from a worker');
    // Neither log, at debug, holds a student's name or NIR.
    for (const worker of workers) expect(worker.output()).not.toMatch(/Dubœuf|Zoé|2 95 10 99/);

    const result = await asBytes(request(jobs.runtime.app).get(`${location}/result`));
    expect(result.status).toBe(200);
    const files = unzip(result.body as Buffer);
    const pdfs = [...files.keys()].filter((name) => name.endsWith('.pdf')).sort();
    const expected = Array.from({ length: ROWS }, (_, index) => `Dubœuf${index}-Zoé${index}.pdf`);
    expect(pdfs).toEqual(expected.sort());
    for (const name of pdfs)
      expect((files.get(name) as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const report = (files.get('rapport.csv') as Buffer).toString('utf8').trim().split('\r\n');
    expect(report).toHaveLength(ROWS + 1);
    expect(report.filter((line) => line.includes(';produit;'))).toHaveLength(ROWS);
  }, 180_000);
});

function holdsChunk(worker: WorkerProcess): boolean {
  const said = worker
    .output()
    .split('\n')
    .filter((line) => line.includes('"job chunk '));
  return said[said.length - 1]?.includes('job chunk started') ?? false;
}

async function statusOf(location: string): Promise<JobStatus> {
  const answer = await request(jobs.runtime.app).get(location);
  expect(answer.status).toBe(200);
  return answer.body as JobStatus;
}
