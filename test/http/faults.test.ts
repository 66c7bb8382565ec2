import { deflateSync, gzipSync } from 'node:zlib';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/edges/http/runtime.js';
import { buildForm } from '../helpers/forms.js';
import { asBytes } from '../helpers/http.js';
import {
  captureLog,
  listen,
  rawExchange,
  runtimeWithLog,
  send,
  until,
  type Listening,
} from '../helpers/raw-http.js';
import { loadSample } from '../helpers/samples.js';

/**
 * Faults of the HTTP edge found by a security review: encodings, bad paths, declared lengths,
 * empty bodies, clients that hang up, caching of personal data, and what the log may say.
 */
const log = captureLog('debug');
let runtime: Runtime;
let server: Listening;
beforeAll(async () => {
  runtime = runtimeWithLog(log, { BODY_LIMIT: '64kb' });
  server = await listen(runtime.app);
});
afterAll(async () => {
  await server.close();
  await runtime.close();
});

const ID = 'attestation-hebergement';
const sampleData = loadSample(ID);
const sample = Buffer.from(JSON.stringify(sampleData));
const JSON_ROUTES = [`/v1/documents/${ID}`, `/v1/documents/${ID}/validate`];

function problemOf(text: string): Record<string, unknown> {
  return JSON.parse(text) as Record<string, unknown>;
}

describe('Content-Encoding of a JSON body', () => {
  const post = (path: string, encoding: string, body: Buffer) =>
    send(server.port, {
      path,
      headers: { 'content-type': 'application/json', 'content-encoding': encoding },
      body,
    });

  it('accepts gzip and deflate on /validate, and renders a gzipped body', async () => {
    for (const [encoding, body] of [
      ['gzip', gzipSync(sample)],
      ['deflate', deflateSync(sample)],
      ['GZIP', gzipSync(sample)],
    ] as const) {
      const answer = await post(`/v1/documents/${ID}/validate`, encoding, body);
      expect(answer.status, `${encoding}: ${answer.text}`).toBe(200);
      expect(JSON.parse(answer.text)).toMatchObject({ valid: true });
    }
    const rendered = await post(`/v1/documents/${ID}`, 'gzip', gzipSync(sample));
    expect(rendered.status, rendered.text).toBe(200);
    expect(rendered.headers['content-type']).toBe('application/pdf');
  });

  it('applies BODY_LIMIT to the inflated size: a gzip bomb is 413', async () => {
    // 64 KB of limit; 20 MB of spaces inside a JSON string compress to about 20 KB.
    const bomb = gzipSync(Buffer.from(`{"padding":"${' '.repeat(20 * 1024 * 1024)}"}`));
    expect(bomb.length).toBeLessThan(64 * 1024);
    for (const path of JSON_ROUTES) {
      const started = performance.now();
      const answer = await post(path, 'gzip', bomb);
      expect(answer.status, answer.text).toBe(413);
      expect(problemOf(answer.text)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
      expect(performance.now() - started).toBeLessThan(2_000);
    }
  });

  it('answers 415 naming an encoding it does not take (br, zstd, x-foo, gzip twice)', async () => {
    for (const path of JSON_ROUTES) {
      for (const encoding of ['br', 'zstd', 'x-foo', 'gzip, gzip']) {
        const answer = await post(path, encoding, sample);
        expect(answer.status, `${path} ${encoding}: ${answer.text}`).toBe(415);
        const problem = problemOf(answer.text);
        expect(problem).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
        expect(problem.detail).toContain(`"${encoding}"`);
        expect(problem.detail_fr).toContain(`« ${encoding} »`);
      }
    }
  });

  it('answers 415 to a compressed multipart body (read as sent, never decompressed)', async () => {
    const form = Buffer.from(
      `--XX\r\nContent-Disposition: form-data; name="data"\r\n\r\n${sample.toString()}\r\n--XX--\r\n`,
    );
    for (const path of [...JSON_ROUTES, '/v1/pdf/fields']) {
      const answer = await send(server.port, {
        path,
        headers: {
          'content-type': 'multipart/form-data; boundary=XX',
          'content-encoding': 'gzip',
        },
        body: gzipSync(form),
      });
      expect(answer.status, `${path}: ${answer.text}`).toBe(415);
      expect(problemOf(answer.text)).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
      expect(problemOf(answer.text).detail).toContain('"gzip"');
    }
  });

  it('answers 400 to a body that does not inflate (plain JSON, garbage, truncated)', async () => {
    const truncated = gzipSync(sample).subarray(0, 40);
    for (const path of JSON_ROUTES) {
      for (const [encoding, body] of [
        ['gzip', sample],
        ['deflate', sample],
        ['gzip', Buffer.from('not compressed at all')],
        ['gzip', truncated],
      ] as const) {
        const answer = await post(path, encoding, body);
        expect(answer.status, `${path} ${encoding}: ${answer.text}`).toBe(400);
        expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(problemOf(answer.text)).toMatchObject({ code: 'MALFORMED_JSON' });
      }
    }
  });
});

describe('a bad percent-encoding in the path', () => {
  const paths = [
    ['GET', '/v1/documents/%ZZ/schema'],
    ['GET', '/v1/documents/%E0%A4%A'],
    ['GET', '/v1/documents/%C0%AE%C0%AE/schema'],
    ['POST', '/v1/documents/%ZZ'],
    ['POST', '/v1/documents/%ZZ/validate'],
    ['GET', '/v1/documents/%ZZ/blank'],
    ['POST', '/v1/pdf/%ZZ'],
    ['POST', '/v1/pdf/fields%C0%AE'],
    ['GET', '/nowhere/%ZZ'],
  ] as const;

  it.each(paths)('answers %s %s 400 INVALID_PARAMETER as problem+json', async (method, path) => {
    const answer = await send(server.port, { method, path });
    expect(answer.status, answer.text).toBe(400);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = problemOf(answer.text);
    expect(problem).toMatchObject({ status: 400, code: 'INVALID_PARAMETER' });
    expect(problem.detail).toMatch(/percent-encod/);
    expect(answer.text).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('logs no error for them', async () => {
    log.clear();
    await send(server.port, { method: 'GET', path: '/v1/documents/%ZZ/schema' });
    await until(() => log.lines().some((line) => line.msg === 'request'));
    expect(log.lines().filter((line) => (line.level as number) >= 50)).toEqual([]);
  });
});

describe('a declared Content-Length over the limit', () => {
  const tenMegabytes = 10 * 1024 * 1024;
  const routes = [
    [`/v1/documents/${ID}`, 'application/json'],
    [`/v1/documents/${ID}/validate`, 'application/json'],
    [`/v1/documents/${ID}`, 'multipart/form-data; boundary=XX'],
    ['/v1/pdf/fields', 'multipart/form-data; boundary=XX'],
    ['/v1/pdf/fill', 'multipart/form-data; boundary=XX'],
  ] as const;

  it.each(routes)('%s (%s): 413 at once, and the connection closed', async (path, type) => {
    // Over BODY_LIMIT (64 KB) for JSON; 100 MB is over every upload limit.
    const length = type === 'application/json' ? tenMegabytes : 10 * tenMegabytes;
    const exchange = await rawExchange(
      server.port,
      `POST ${path} HTTP/1.1\nHost: localhost\nContent-Type: ${type}\nContent-Length: ${length}\n`,
      '{"a":"bcd"',
      { waitMs: 3_000 },
    );
    expect(exchange.received).toMatch(/^HTTP\/1\.1 413 /);
    expect(exchange.received).toMatch(/\r\nConnection: close\r\n/i);
    expect(exchange.received).toContain('"code":"PAYLOAD_TOO_LARGE"');
    expect(exchange.answeredAfterMs).toBeLessThan(1_000);
    expect(exchange.closedAfterMs).toBeLessThan(1_000);
  });
});

describe('an empty body', () => {
  it('is 400 EMPTY_BODY when chunked, as when announced by its length', async () => {
    for (const path of JSON_ROUTES) {
      const chunked = await send(server.port, {
        path,
        headers: { 'content-type': 'application/json' },
        chunks: [],
      });
      expect(chunked.status, chunked.text).toBe(400);
      expect(problemOf(chunked.text)).toMatchObject({ code: 'EMPTY_BODY' });
      const gzipped = await send(server.port, {
        path,
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: gzipSync(Buffer.alloc(0)),
      });
      expect(gzipped.status, gzipped.text).toBe(400);
      expect(problemOf(gzipped.text)).toMatchObject({ code: 'EMPTY_BODY' });
      const announced = await send(server.port, {
        path,
        headers: { 'content-type': 'application/json' },
        body: '',
      });
      expect(announced.status).toBe(400);
      expect(problemOf(announced.text)).toMatchObject({ code: 'EMPTY_BODY' });
    }
  });
});

describe('a client that hangs up during its upload', () => {
  const cases = [
    ['a JSON body', `/v1/documents/${ID}`, 'application/json', '{"hebergeant": {"nom": "Lef'],
    [
      'a multipart text part',
      `/v1/documents/${ID}`,
      'multipart/form-data; boundary=XX',
      '--XX\r\nContent-Disposition: form-data; name="data"\r\n\r\n{"hebergeant": {',
    ],
    [
      'a multipart file',
      `/v1/documents/${ID}`,
      'multipart/form-data; boundary=XX',
      '--XX\r\nContent-Disposition: form-data; name="signature"; filename="s.png"\r\n' +
        'Content-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n' +
        'x'.repeat(4_000),
    ],
    [
      'a PDF upload',
      '/v1/pdf/fields',
      'multipart/form-data; boundary=XX',
      '--XX\r\nContent-Disposition: form-data; name="file"; filename="f.pdf"\r\n\r\n%PDF-1.7\n' +
        'x'.repeat(4_000),
    ],
  ] as const;

  it.each(cases)(
    '%s: logged at info, without a stack, nothing at error',
    async (_, path, type, body) => {
      log.clear();
      const exchange = await rawExchange(
        server.port,
        `POST ${path} HTTP/1.1\nHost: localhost\nContent-Type: ${type}\nContent-Length: 50000\n`,
        body,
        { hangUpAfterMs: 200 },
      );
      expect(exchange.received).toBe('');
      await until(() => log.lines().some((line) => line.msg === 'client went away'));
      await new Promise((resolve) => setTimeout(resolve, 200));
      const lines = log.lines();
      expect(lines.filter((line) => (line.level as number) >= 40)).toEqual([]);
      expect(log.text()).not.toContain('stack');
      expect(lines.find((line) => line.msg === 'client went away')).toMatchObject({ level: 30 });
    },
  );
});

describe('caching', () => {
  it('marks PDFs, /validate answers, 422 bodies and warnings no-store, without an ETag', async () => {
    const answers = [
      await asBytes(request(runtime.app).post(`/v1/documents/${ID}`).send(sampleData)),
      await request(runtime.app).post(`/v1/documents/${ID}/validate`).send(sampleData),
      await request(runtime.app).post(`/v1/documents/${ID}/validate`).send({ hebergeant: {} }),
      await request(runtime.app).post(`/v1/documents/${ID}`).send({ hebergeant: {} }),
      await asBytes(
        request(runtime.app)
          .post('/v1/pdf/fields')
          .attach('file', Buffer.from(await buildForm()), 'formulaire.pdf'),
      ),
      await asBytes(
        request(runtime.app)
          .post('/v1/pdf/fill')
          .attach('file', Buffer.from(await buildForm()), 'formulaire.pdf')
          .field('values', '{}'),
      ),
      await asBytes(request(runtime.app).get('/v1/documents/convention-au-pair/blank')),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 422, 422, 200, 200, 200]);
    for (const answer of answers) {
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(answer.headers.etag).toBeUndefined();
    }
  });

  it('lets the catalog be cached a few minutes (no personal data), still without an ETag', async () => {
    for (const path of ['/v1/documents', `/v1/documents/${ID}/schema`]) {
      const answer = await request(runtime.app).get(path);
      expect(answer.status).toBe(200);
      expect(answer.headers['cache-control']).toBe('public, max-age=300');
      expect(answer.headers.etag).toBeUndefined();
    }
    for (const path of ['/healthz', '/readyz', '/v1/documents/inconnu/schema', '/nowhere']) {
      const answer = await request(runtime.app).get(path);
      expect(answer.headers['cache-control'], path).toBe('no-store');
      expect(answer.headers.etag).toBeUndefined();
    }
  });
});

describe('the request log', () => {
  const NIR = '1850775123456';

  it('names the route, never a path segment the client chose', async () => {
    log.clear();
    const requests = [
      request(runtime.app).get(`/v1/documents/${NIR}`),
      request(runtime.app).post(`/v1/documents/${NIR}`).send(sampleData),
      request(runtime.app).get(`/v1/documents/${NIR}/schema`),
      request(runtime.app).post(`/v1/documents/${NIR}/validate`).send(sampleData),
      request(runtime.app).get(`/foo/${NIR}/bar`),
      request(runtime.app).get(`/v1/documents/${NIR}/a/b`),
      request(runtime.app).post(`/v1/pdf/${NIR}`),
      request(runtime.app).get(`/v1/documents/${ID}/schema?nir=${NIR}`),
      request(runtime.app).get(`/v1/documents/%31850775123456`),
    ];
    for (const pending of requests) await pending;
    await until(() => log.lines().filter((line) => line.msg === 'request').length === 9);
    expect(log.text()).not.toContain(NIR);
    expect(log.text()).not.toContain('850775123456');
    const lines = log.lines().filter((line) => line.msg === 'request');
    const routes = lines.map(({ method, route, document, status }) => ({
      method,
      route,
      document,
      status,
    }));
    expect(routes).toEqual([
      { method: 'GET', route: '/v1/documents/:id', document: '(unknown)', status: 405 },
      { method: 'POST', route: '/v1/documents/:id', document: '(unknown)', status: 404 },
      { method: 'GET', route: '/v1/documents/:id/schema', document: '(unknown)', status: 404 },
      { method: 'POST', route: '/v1/documents/:id/validate', document: '(unknown)', status: 404 },
      { method: 'GET', route: '(no route)', document: undefined, status: 404 },
      { method: 'GET', route: '(no route)', document: undefined, status: 404 },
      { method: 'POST', route: '(no route)', document: undefined, status: 404 },
      { method: 'GET', route: '/v1/documents/:id/schema', document: ID, status: 200 },
      { method: 'GET', route: '/v1/documents/:id', document: '(unknown)', status: 405 },
    ]);
    for (const line of lines) expect(line).not.toHaveProperty('path');
  });

  it('still echoes the path to the client in the problem', async () => {
    const answer = await request(runtime.app).get(`/foo/${NIR}/bar`);
    expect(answer.body).toMatchObject({ code: 'NOT_FOUND', instance: `/foo/${NIR}/bar` });
  });
});
