import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/edges/http/runtime.js';
import { startRuntime } from '../helpers/app.js';
import { listen, rawExchange, until, type Listening } from '../helpers/raw-http.js';
import { loadSample } from '../helpers/samples.js';

/**
 * A full render queue refuses a render before its body is read: the 429 costs no upload, no
 * parsing, no validation. One page, no waiting line: one render in flight fills the queue.
 */
let runtime: Runtime;
let server: Listening;
let keepBusy = false;
let busy: Promise<void> = Promise.resolve();

const longTable = (rows: number) =>
  `<!doctype html><html><head><meta charset="utf-8"></head><body><table>${'<tr><td>Élève</td><td>ligne</td></tr>'.repeat(rows)}</table></body></html>`;

/** Renders back to back: the one page is never free (each next render is taken synchronously). */
async function occupy(): Promise<void> {
  while (keepBusy) await runtime.pool.renderPdf(longTable(2_000)).catch(() => undefined);
}

beforeAll(async () => {
  runtime = startRuntime({
    RENDER_CONCURRENCY: '1',
    RENDER_QUEUE_LIMIT: '0',
    RENDER_TIMEOUT_MS: '30000',
  });
  server = await listen(runtime.app);
  await runtime.pool.warmUp();
  keepBusy = true;
  busy = occupy();
  await until(() => runtime.pool.stats().busy === 1);
});
afterAll(async () => {
  keepBusy = false;
  await busy;
  await server.close();
  await runtime.close();
});

const ID = 'attestation-hebergement';
const sample = loadSample(ID);

function answerOf(raw: string): { status: number; headers: string; body: Record<string, unknown> } {
  const [head = '', body = ''] = raw.split('\r\n\r\n');
  return {
    status: Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1]),
    headers: head,
    body: JSON.parse(body) as Record<string, unknown>,
  };
}

describe('a render while every page is busy and the line is full', () => {
  it.each([
    ['a JSON body', 'application/json'],
    ['a multipart body', 'multipart/form-data; boundary=XX'],
  ])('is refused with 429 before %s is sent', async (_, type) => {
    expect(runtime.pool.stats().busy).toBe(1);
    const exchange = await rawExchange(
      server.port,
      `POST /v1/documents/${ID} HTTP/1.1\nHost: localhost\nContent-Type: ${type}\nContent-Length: 5000\n`,
      '',
      { waitMs: 3_000 },
    );
    expect(exchange.answeredAfterMs).toBeLessThan(1_000);
    const answer = answerOf(exchange.received);
    expect(answer.status).toBe(429);
    expect(answer.headers).toMatch(/\r\nRetry-After: [1-5]\r\n/);
    expect(answer.headers).toMatch(/\r\nConnection: close\r\n/i);
    expect(answer.body).toMatchObject({ status: 429, code: 'RENDER_QUEUE_FULL' });
  });

  it('answers the same problem as when the pool itself refuses', async () => {
    expect(runtime.pool.stats().busy).toBe(1);
    const early = await request(runtime.app).post(`/v1/documents/${ID}`).send(sample);
    expect(early.status).toBe(429);
    expect(early.headers['retry-after']).toMatch(/^[1-5]$/);
    // What the pool itself answers a render when full (the refusal render() meets).
    const late = await runtime.core
      .render({ document: ID, data: sample })
      .catch((error: unknown) => error as { code: string; message: string; detail_fr: string });
    expect(early.body).toMatchObject({
      type: '/problems/render-queue-full',
      title: 'Too many renders',
      status: 429,
      code: 'RENDER_QUEUE_FULL',
      detail: (late as { message: string }).message,
      detail_fr: (late as { detail_fr: string }).detail_fr,
    });
  });

  it('still validates (no render) and still refuses an unknown document with 404', async () => {
    const validated = await request(runtime.app).post(`/v1/documents/${ID}/validate`).send(sample);
    expect(validated.status).toBe(200);
    const unknown = await request(runtime.app).post('/v1/documents/inconnu').send(sample);
    expect(unknown.status).toBe(404);
  });
});
