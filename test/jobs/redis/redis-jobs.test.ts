import { readdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobStatus } from '../../../src/jobs/job-queue.js';
import { signature } from '../../../src/jobs/webhook.js';
import { asBytes } from '../../helpers/http.js';
import { pdfText, squash } from '../../helpers/pdf.js';
import { useRedisJobs } from '../../helpers/redis-jobs.js';
import { unzip } from '../../helpers/zip.js';
import { ID, pollUntil, students } from '../../http/jobs/job-helpers.js';

/**
 * POST /v1/jobs with REDIS_URL: the API enqueues on BullMQ, a worker (here in this process, on
 * the runtime's own core) renders the chunks into the shared folder, the API serves the
 * result. The same routes and answers as the in-process queue.
 */
const SECRET = 'un-secret-de-test-assez-long';
/** A webhook receiver on loopback (JOBS_WEBHOOK_PRIVATE allows it): what it was sent. */
const received: { body: string; signature: string }[] = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    received.push({ body, signature: String(req.headers['paperasse-signature']) });
    res.end();
  });
});
beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});
afterAll(() => {
  receiver.close();
});
const jobs = useRedisJobs({
  env: {
    JOBS_CHUNK_ROWS: '2',
    JOBS_TTL_SECONDS: '60',
    JOBS_WEBHOOK_SECRET: SECRET,
    JOBS_WEBHOOK_PRIVATE: 'true',
  },
  worker: {
    concurrency: 2,
    attempts: 2,
    webhook: { secret: SECRET, attempts: 2, backoffMs: 20, allowPrivate: true },
  },
});

const JOBS = `/v1/jobs/${ID}?engine=acroform`;

describe('a job on Redis: five students in three chunks, one with a wrong NIR', () => {
  it('runs on the worker and gives the same ZIP and report as the in-process queue', async () => {
    const submitted = await request(jobs.runtime.app)
      .post(JOBS)
      .send(students(5, [3]));
    expect(submitted.status).toBe(202);
    const job = submitted.body as JobStatus;
    expect(submitted.headers.location).toBe(`/v1/jobs/${job.id}`);
    expect(job).toMatchObject({ state: 'queued', rows: 5, done: 0, document: ID });

    const done = await pollUntil(jobs.runtime.app, `/v1/jobs/${job.id}`);
    expect(done).toMatchObject({ state: 'done', rows: 5, done: 4, failed: 1, progress: 1 });
    expect(done.report.map((line) => line.row)).toEqual([1, 2, 3, 4, 5]);
    const failed = done.report.find((line) => line.state === 'failed');
    expect(failed?.row).toBe(4);
    expect(failed?.errors.map((issue) => issue.path)).toContain('eleve.nir');
    expect(done.report.filter((line) => line.file).map((line) => line.file)).toHaveLength(4);

    const result = await asBytes(request(jobs.runtime.app).get(`/v1/jobs/${job.id}/result`));
    expect(result.status).toBe(200);
    expect(result.headers['content-type']).toBe('application/zip');
    const files = unzip(result.body as Buffer);
    const pdfs = [...files.keys()].filter((name) => name.endsWith('.pdf')).sort();
    expect(pdfs).toEqual(done.report.flatMap((line) => (line.file ? [line.file] : [])).sort());
    // Each PDF is its student's, in the rows' order, accents intact.
    for (const line of done.report.filter((entry) => entry.file)) {
      const text = squash(pdfText(files.get(line.file as string) as Buffer));
      expect(text).toContain(`DUBŒUF${line.row - 1}`);
    }
    const report = (files.get('rapport.csv') as Buffer).toString('utf8');
    expect(report).toContain('refusé');

    // The rows' PDFs and the chunks' lines are gone: only the result stays for its TTL.
    expect(await readdir(join(jobs.store, job.id))).toEqual(['result.zip']);
    // The rows' data is gone from Redis with their chunks: the report (names of files
    // included) stays for the TTL, the NIRs and addresses never outlive their chunk.
    const client = new Redis(jobs.redis.url);
    const keys = await client.keys('*');
    client.disconnect();
    expect(keys.filter((key) => key.includes(job.id)).sort()).toEqual([
      `paperasse:job:${job.id}`,
      `paperasse:job:${job.id}:report`,
    ]);
    const values = await valuesOf(jobs.redis.url, keys);
    expect(values).toContain('Dubœuf0-Zoé0.pdf');
    expect(values).not.toMatch(/Königstraße|2 95 10 99 126/);
  });

  it('makes one merged PDF with output=pdf', async () => {
    const submitted = await request(jobs.runtime.app).post(`${JOBS}&output=pdf`).send(students(3));
    expect(submitted.status).toBe(202);
    const id = (submitted.body as JobStatus).id;
    expect((await pollUntil(jobs.runtime.app, `/v1/jobs/${id}`)).state).toBe('done');
    const result = await asBytes(request(jobs.runtime.app).get(`/v1/jobs/${id}/result`));
    expect(result.headers['content-type']).toBe('application/pdf');
    const text = squash(pdfText(result.body as Buffer));
    for (const index of [0, 1, 2]) expect(text).toContain(`DUBŒUF${index}`);
    expect(text).toContain('3LIGNES:3PRODUITES');
  });

  it('calls the callback from the worker that ends the job, signed', async () => {
    const { port } = receiver.address() as AddressInfo;
    const callback = encodeURIComponent(`http://127.0.0.1:${port}/fin`);
    const submitted = await request(jobs.runtime.app)
      .post(`${JOBS}&callback=${callback}`)
      .send(students(2));
    expect(submitted.status).toBe(202);
    const id = (submitted.body as JobStatus).id;
    await pollUntil(jobs.runtime.app, `/v1/jobs/${id}`);
    const deadline = Date.now() + 10_000;
    while (!received.some((call) => call.body.includes(id)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const call = received.find((entry) => entry.body.includes(id));
    expect(JSON.parse(call?.body ?? '{}')).toMatchObject({ id, state: 'done', done: 2 });
    const [t, v1] = (call?.signature ?? '').split(',').map((part) => part.split('=')[1]);
    expect(v1).toBe(signature(SECRET, call?.body ?? '', Number(t)).split('v1=')[1]);
  });

  it('says on /metrics the jobs held and the chunks waiting for a worker', async () => {
    const text = (await request(jobs.runtime.app).get('/metrics')).text;
    expect(text).toMatch(/^paperasse_jobs_held\{state="held"\} [1-9]/m);
    expect(text).toMatch(/^paperasse_job_chunks\{state="waiting"\} 0$/m);
  });

  it('deletes a running job: its chunks stop, its files go, the next job runs', async () => {
    const submitted = await request(jobs.runtime.app).post(JOBS).send(students(120));
    const id = (submitted.body as JobStatus).id;
    let status = submitted.body as JobStatus;
    while (status.report.length < 6) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      status = (await request(jobs.runtime.app).get(`/v1/jobs/${id}`)).body as JobStatus;
    }
    expect(status.state).toBe('running');
    // Deleted while its chunks write into its folder: still a 204 (what they leave is swept).
    const deleted = await request(jobs.runtime.app).delete(`/v1/jobs/${id}`);
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(204);
    expect((await request(jobs.runtime.app).get(`/v1/jobs/${id}`)).status).toBe(404);

    const next = await request(jobs.runtime.app).post(JOBS).send(students(2));
    const done = await pollUntil(jobs.runtime.app, `/v1/jobs/${(next.body as JobStatus).id}`);
    expect(done).toMatchObject({ state: 'done', done: 2 });
    // The chunks in hand when it was deleted wrote nothing that stays.
    const deadline = Date.now() + 10_000;
    while ((await readdir(jobs.store)).includes(id) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await readdir(jobs.store)).not.toContain(id);
    // Nor in Redis: its record, its chunks and its last step are gone.
    const client = new Redis(jobs.redis.url);
    let left = await client.keys(`*${id}*`);
    while (left.length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      left = await client.keys(`*${id}*`);
    }
    client.disconnect();
    expect(left).toEqual([]);
  });

  it('deletes a job: its status is then unknown, its folder and keys gone', async () => {
    const submitted = await request(jobs.runtime.app).post(JOBS).send(students(2));
    const id = (submitted.body as JobStatus).id;
    await pollUntil(jobs.runtime.app, `/v1/jobs/${id}`);
    expect((await request(jobs.runtime.app).delete(`/v1/jobs/${id}`)).status).toBe(204);
    const after = await request(jobs.runtime.app).get(`/v1/jobs/${id}`);
    expect(after.status).toBe(404);
    expect(after.body.code).toBe('UNKNOWN_JOB');
    expect(await readdir(jobs.store)).not.toContain(id);
  });
});

/** Every string value held in Redis under these keys (hashes, strings, streams' fields). */
async function valuesOf(url: string, keys: readonly string[]): Promise<string> {
  const client = new Redis(url);
  const parts: string[] = [];
  for (const key of keys) {
    const type = await client.type(key);
    if (type === 'string') parts.push((await client.get(key)) ?? '');
    if (type === 'hash') parts.push(JSON.stringify(await client.hgetall(key)));
    if (type === 'list') parts.push(JSON.stringify(await client.lrange(key, 0, -1)));
    if (type === 'stream') parts.push(JSON.stringify(await client.xrange(key, '-', '+')));
    if (type === 'zset') parts.push(JSON.stringify(await client.zrange(key, 0, -1)));
  }
  client.disconnect();
  return parts.join('\n');
}
