import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobStatus } from '../../../src/jobs/job-queue.js';
import { useRuntime } from '../../helpers/app.js';
import { filesOnDisk, ID, pollUntil, students } from './job-helpers.js';

/**
 * What happens after a job ends: its result deleted once its TTL is past (1 s here), and the
 * webhook delivered to a receiver that fails once, signed as README says a receiver checks it.
 */
const SECRET = 'secret-de-test-du-webhook';
const runtime = useRuntime({
  JOBS_TTL_SECONDS: '1',
  JOBS_WEBHOOK_SECRET: SECRET,
  JOBS_WEBHOOK_BACKOFF_MS: '20',
  // The receiver below listens on 127.0.0.1, a loopback address refused unless allowed.
  JOBS_WEBHOOK_PRIVATE: 'true',
});
const JOBS = `/v1/jobs/${ID}?engine=acroform`;

interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver that answers 500 to the first delivery and 200 to the next ones. */
const deliveries: Delivery[] = [];
let receiver: Server;
let url: string;
beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      deliveries.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = deliveries.length === 1 ? 500 : 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/paperasse?jeton=abc`;
});
afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
});

/** README's check, as a receiver would write it. */
function verified(header: string, body: string, secret: string): boolean {
  const { t, v1 } = Object.fromEntries(header.split(',').map((part) => part.split('=')));
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(v1 ?? '', 'hex');
  const fresh = Math.abs(Date.now() / 1000 - Number(t)) <= 300;
  return fresh && given.length === expected.length && timingSafeEqual(given, expected);
}

describe('a finished job', () => {
  it('is deleted with its result once JOBS_TTL_SECONDS have passed', async () => {
    const submitted = await request(runtime.app).post(JOBS).send(students(1));
    const location = submitted.headers.location as string;
    const id = (submitted.body as JobStatus).id;
    const done = await pollUntil(runtime.app, location);
    expect(done.state).toBe('done');
    expect(Date.parse(done.expiresAt as string) - Date.parse(done.finishedAt as string)).toBe(1000);
    expect(await filesOnDisk(runtime.jobs)).toContain(`${id}.zip`);
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect(await filesOnDisk(runtime.jobs)).not.toContain(`${id}.zip`);
    const gone = await request(runtime.app).get(location);
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe('UNKNOWN_JOB');
  });

  it('calls its callback with its status, signed, again after a first 500', async () => {
    const submitted = await request(runtime.app)
      .post(`${JOBS}&callback=${encodeURIComponent(url)}`)
      .send(students(2, [0]));
    expect(submitted.status).toBe(202);
    const id = (submitted.body as JobStatus).id;
    const deadline = Date.now() + 20_000;
    while (deliveries.length < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(deliveries).toHaveLength(2);
    const [first, second] = deliveries as [Delivery, Delivery];
    expect(second.body).toBe(first.body);
    expect(second.headers['content-type']).toBe('application/json');
    const header = second.headers['paperasse-signature'] as string;
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verified(header, second.body, SECRET)).toBe(true);
    expect(verified(header, second.body, 'une-autre-cle-secrete')).toBe(false);
    expect(verified(header, second.body.replace('"done"', '"failed"'), SECRET)).toBe(false);
    const status = JSON.parse(second.body) as JobStatus;
    expect(status).toMatchObject({ id, state: 'done', rows: 2, done: 1, failed: 1 });
    expect(status.report[0]?.errors.map((issue) => issue.path)).toContain('eleve.nir');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(deliveries).toHaveLength(2);
  });

  it('refuses a callback that is not an http(s) URL: 422 naming callback', async () => {
    const answer = await request(runtime.app)
      .post(`${JOBS}&callback=${encodeURIComponent('file:///etc/passwd')}`)
      .send(students(1));
    expect(answer.status).toBe(422);
    expect(answer.body.errors[0]).toMatchObject({ path: 'callback', code: 'WEBHOOK_URL' });
  });
});
