import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { IdempotencyOptions } from '../../../src/edges/http/access/idempotency.js';
import { FAKE_LETTER, fakeCore, rendered } from '../../helpers/fake-core.js';
import { asBytes } from '../../helpers/http.js';
import { unzip } from '../../helpers/zip.js';
import { accessApp } from './access-app.js';

/**
 * Idempotency-Key on POST /v1/batch/{id}: the ZIP streams while the rows render and is copied as
 * it goes, up to IDEMPOTENCY_ANSWER_LIMIT. Within it, a retry gets the same ZIP without a render;
 * beyond it, the key is remembered as used and a retry is told so (409), never rendered twice.
 */
const BATCH = `/v1/batch/${FAKE_LETTER.id}`;
const ROWS = [{ nom: 'Dupont' }, { nom: 'Durand' }, { nom: 'Martin' }];
/** A PDF of 20 kB per row: three rows make a ZIP over 60 kB. */
const PDF = new Uint8Array(20_000).fill(0x41);

function batchApp(idempotency: IdempotencyOptions) {
  const core = fakeCore({ render: () => Promise.resolve(rendered({ pdf: PDF })) });
  const batch = {
    limits: { maxRows: 10, maxBytes: 64 * 1024, concurrency: 2, maxFiles: 4 },
    reportFont: new Uint8Array(),
    readSheet: () => Promise.reject(new Error('no spreadsheet in these tests')),
  };
  return accessApp({ idempotency }, { core, deps: { batch } });
}

function postBatch(app: Parameters<typeof request>[0], key: string) {
  return asBytes(request(app).post(BATCH).set('Idempotency-Key', key).send(ROWS));
}

describe('Idempotency-Key on a batch', () => {
  it('answers a retry with the same ZIP, bytes and headers, without rendering the rows again', async () => {
    const { app, core } = batchApp({
      ttlSeconds: 600,
      storeLimit: 1024 * 1024,
      answerLimit: 512 * 1024,
    });
    const first = await postBatch(app, 'classe-1');
    expect(first.status).toBe(200);
    expect([...unzip(first.body as Buffer).keys()]).toHaveLength(4);
    const retry = await postBatch(app, 'classe-1');
    expect(retry.status).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(Buffer.compare(retry.body as Buffer, first.body as Buffer)).toBe(0);
    expect(retry.headers['content-type']).toBe(first.headers['content-type']);
    expect(retry.headers['content-disposition']).toBe(first.headers['content-disposition']);
    expect(core.calls.render).toHaveLength(3);
  });

  it('remembers a ZIP over IDEMPOTENCY_ANSWER_LIMIT as answered: 409, not a second batch', async () => {
    const { app, core } = batchApp({
      ttlSeconds: 600,
      storeLimit: 1024 * 1024,
      answerLimit: 32 * 1024,
    });
    const first = await postBatch(app, 'classe-2');
    expect(first.status).toBe(200);
    expect((first.body as Buffer).length).toBeGreaterThan(32 * 1024);
    const retry = await postBatch(app, 'classe-2');
    expect(retry.status).toBe(409);
    const problem = JSON.parse(Buffer.from(retry.body as Buffer).toString()) as {
      code: string;
      detail: string;
    };
    expect(problem.code).toBe('IDEMPOTENCY_ANSWER_NOT_KEPT');
    expect(problem.detail).toContain('IDEMPOTENCY_ANSWER_LIMIT');
    expect(core.calls.render).toHaveLength(3);
    // Another body under the same key is still a reuse.
    const other = await asBytes(
      request(app).post(BATCH).set('Idempotency-Key', 'classe-2').send(ROWS.slice(1)),
    );
    expect(other.status).toBe(422);
  });
});
