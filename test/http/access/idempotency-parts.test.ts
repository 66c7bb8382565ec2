import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import { BodyFingerprint } from '../../../src/edges/http/access/body-fingerprint.js';
import {
  IdempotencyStore,
  type KeptAnswer,
} from '../../../src/edges/http/access/idempotency-store.js';

/** The two pieces under Idempotency-Key: the body's fingerprint, and the bounded store. */
function requestWith(contentType: string, url = '/v1/documents/lettre?engine=html'): Request {
  const headers: Record<string, string> = { 'content-type': contentType };
  return {
    method: 'POST',
    originalUrl: url,
    get: (name: string) => headers[name.toLowerCase()],
  } as unknown as Request;
}

function multipart(boundary: string, name: string): Buffer {
  return Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n{"nom":"${name}"}\r\n--${boundary}--\r\n`,
  );
}

function fingerprint(req: Request, body: Buffer, chunkSize: number): string {
  const hashed = new BodyFingerprint(req);
  for (let at = 0; at < body.length; at += chunkSize)
    hashed.update(body.subarray(at, at + chunkSize));
  return hashed.digest();
}

describe('BodyFingerprint', () => {
  const first = 'X-BOUNDARY-4f8a2c';
  const second = '------------------------d41d8cd98f00b204';

  it('is the same for the same parts under another boundary, however the body is cut', () => {
    const expected = fingerprint(
      requestWith(`multipart/form-data; boundary=${first}`),
      multipart(first, 'Zoé'),
      1000,
    );
    const body = multipart(second, 'Zoé');
    for (let size = 1; size <= body.length; size += 1) {
      const req = requestWith(`multipart/form-data; boundary="${second}"`);
      expect(fingerprint(req, body, size), `chunks of ${size}`).toBe(expected);
    }
  });

  it('differs when a part differs, or the query, or the content type', () => {
    const type = `multipart/form-data; boundary=${first}`;
    const base = fingerprint(requestWith(type), multipart(first, 'Zoé'), 7);
    expect(fingerprint(requestWith(type), multipart(first, 'Zoe'), 7)).not.toBe(base);
    expect(
      fingerprint(requestWith(type, '/v1/documents/lettre'), multipart(first, 'Zoé'), 7),
    ).not.toBe(base);
    const json = Buffer.from('{"nom":"Zoé"}');
    expect(fingerprint(requestWith('application/json'), json, 3)).not.toBe(
      fingerprint(requestWith('text/plain'), json, 3),
    );
  });

  it('counts the bytes it hashed, so that a longer retry is known before its end', () => {
    const hashed = new BodyFingerprint(requestWith('application/json'));
    hashed.update(Buffer.from('{"nom":'));
    hashed.update(Buffer.from('"Zoé"}'));
    expect(hashed.bytes).toBe(Buffer.byteLength('{"nom":"Zoé"}'));
  });
});

describe('IdempotencyStore', () => {
  const answer = (bytes: number): KeptAnswer => ({
    status: 200,
    headers: { 'content-type': 'application/pdf' },
    body: Buffer.alloc(bytes),
  });

  it('forgets the oldest answers to stay within its size', () => {
    const store = new IdempotencyStore({ ttlMs: 60_000, maxBytes: 10_000 });
    for (const key of ['a', 'b', 'c', 'd']) {
      store.begin(key);
      store.finish(key, { fingerprint: key, bytes: 1, answer: answer(3_000) });
    }
    expect(store.lookup('a')).toBeUndefined();
    expect(['b', 'c', 'd'].map((key) => store.lookup(key)?.state)).toStrictEqual([
      'done',
      'done',
      'done',
    ]);
    expect(store.size).toBeLessThanOrEqual(10_000);
    store.close();
  });

  it('keeps a running request whatever the size, and an answer too large only as used', () => {
    const store = new IdempotencyStore({ ttlMs: 60_000, maxBytes: 1_000 });
    store.begin('running');
    store.begin('large');
    store.finish('large', { fingerprint: 'f', bytes: 1, answer: answer(5_000) });
    expect(store.lookup('running')).toStrictEqual({ state: 'running' });
    const large = store.lookup('large');
    expect(large).toMatchObject({ state: 'done', fingerprint: 'f' });
    expect(large && 'answer' in large).toBe(false);
    store.close();
  });

  it('sweeps answers past their TTL, without waiting for a request', () => {
    let now = 0;
    const store = new IdempotencyStore({ ttlMs: 1_000, maxBytes: 100_000, now: () => now });
    store.begin('a');
    store.finish('a', { fingerprint: 'f', bytes: 1, answer: answer(10_000) });
    expect(store.size).toBeGreaterThan(10_000);
    now = 1_000;
    store.sweep();
    expect(store.size).toBe(0);
    store.close();
  });
});
