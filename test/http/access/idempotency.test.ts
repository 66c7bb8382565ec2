import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { describe, expect, it, vi } from 'vitest';
import { CoreError } from '../../../src/core/errors.js';
import type { Rendered } from '../../../src/core/render-document.js';
import type { IdempotencyOptions } from '../../../src/edges/http/access/idempotency.js';
import { FAKE_LETTER, fakeCore, rendered } from '../../helpers/fake-core.js';
import { asBytes } from '../../helpers/http.js';
import { listen, send } from '../../helpers/raw-http.js';
import { accessApp, capturedLogger, sha256 } from './access-app.js';

/**
 * Idempotency-Key on POST /v1/documents/{id} (and /v1/batch/{id}, below): a retry gets the first
 * answer again, bytes and headers, without a second render; 409 while the first runs; 422 when
 * the key comes back with another request. Renders are counted on a fake core.
 */
const RENDER = `/v1/documents/${FAKE_LETTER.id}`;
const BODY = { nom: 'Dupont', enfants: ['Zoé', 'Noël'] };
/** Every byte value, so that a replay through text would show. */
const PDF = new Uint8Array([
  ...Buffer.from('%PDF-1.7\n'),
  ...Array.from({ length: 256 }, (_, b) => b),
]);
const WARNING = { path: 'nom', code: 'NOM_COURT', message_fr: 'Nom court.', message_en: 'Short.' };
const RETRIES: IdempotencyOptions = {
  ttlSeconds: 600,
  storeLimit: 1024 * 1024,
  answerLimit: 512 * 1024,
};

/** A fake core whose renders answer PDF, named, with a warning; `calls.render` counts them. */
function renderingCore(render?: () => Promise<Rendered>) {
  return fakeCore({
    render:
      render ??
      (() =>
        Promise.resolve(rendered({ pdf: PDF, fileName: 'lettre-Dupont', warnings: [WARNING] }))),
  });
}

function post(app: Parameters<typeof request>[0], key: string, body: unknown = BODY) {
  return asBytes(
    request(app)
      .post(RENDER)
      .set('Idempotency-Key', key)
      .send(body as object),
  );
}

function problemCode(response: request.Response): string {
  expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  return (JSON.parse(Buffer.from(response.body as Buffer).toString()) as { code: string }).code;
}

describe('Idempotency-Key on a render', () => {
  it('answers a retry with the same status, headers and PDF bytes, without rendering again', async () => {
    const core = renderingCore();
    const { app } = accessApp({ idempotency: RETRIES }, { core });
    const first = await post(app, 'cle-1');
    const retry = await post(app, 'cle-1');
    expect(core.calls.render).toHaveLength(1);
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(new Uint8Array(retry.body as Buffer)).toStrictEqual(PDF);
    expect(Buffer.compare(retry.body as Buffer, first.body as Buffer)).toBe(0);
    for (const header of ['content-type', 'content-disposition', 'paperasse-warnings']) {
      expect(retry.headers[header], header).toBe(first.headers[header]);
    }
    expect(retry.headers['cache-control']).toBe('no-store');
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
  });

  it('logs a replay under its route, without the key or anything of the body', async () => {
    const { logger, log } = capturedLogger();
    const { app } = accessApp(
      { idempotency: RETRIES },
      { core: renderingCore(), deps: { logger } },
    );
    await post(app, 'cle-journal');
    await post(app, 'cle-journal');
    await vi.waitFor(() =>
      expect(log.lines.filter((line) => line.msg === 'request')).toHaveLength(2),
    );
    const replayLine = log.lines.filter((line) => line.msg === 'request')[1];
    expect(replayLine).toMatchObject({
      route: '/v1/documents/:id',
      document: FAKE_LETTER.id,
      status: 200,
    });
    expect(log.text()).not.toContain('cle-journal');
    expect(log.text()).not.toContain('Dupont');
  });

  it('takes the key as a structured-field string too ("…"), the same key', async () => {
    const core = renderingCore();
    const { app } = accessApp({ idempotency: RETRIES }, { core });
    await post(app, 'b7f1c2e0-2d3a-4f59-9a61-0c8e2d4b6a10');
    const retry = await post(app, '"b7f1c2e0-2d3a-4f59-9a61-0c8e2d4b6a10"');
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(core.calls.render).toHaveLength(1);
  });

  it('answers 409 to a retry while the first request is still rendering', async () => {
    let finish: (value: Rendered) => void = () => undefined;
    const core = renderingCore(() => new Promise((resolve) => (finish = resolve)));
    const { app } = accessApp({ idempotency: RETRIES }, { core });
    const first = post(app, 'cle-lente').then((response) => response);
    await vi.waitFor(() => expect(core.calls.render).toHaveLength(1));
    const meanwhile = await post(app, 'cle-lente');
    expect(meanwhile.status).toBe(409);
    expect(problemCode(meanwhile)).toBe('IDEMPOTENCY_IN_PROGRESS');
    expect(meanwhile.headers['retry-after']).toBe('1');
    finish(rendered({ pdf: PDF }));
    expect((await first).status).toBe(200);
    const after = await post(app, 'cle-lente');
    expect(after.status).toBe(200);
    expect(after.headers['idempotent-replayed']).toBe('true');
    expect(core.calls.render).toHaveLength(1);
  });

  it('answers 422 when the key comes back with another body, and renders nothing', async () => {
    const core = renderingCore();
    const { app } = accessApp({ idempotency: RETRIES }, { core });
    await post(app, 'cle-2');
    for (const other of [
      { ...BODY, nom: 'Durand' },
      { ...BODY, nom: 'Dupont'.repeat(50) },
    ]) {
      const reused = await post(app, 'cle-2', other);
      expect(reused.status).toBe(422);
      expect(problemCode(reused)).toBe('IDEMPOTENCY_KEY_REUSED');
    }
    expect(core.calls.render).toHaveLength(1);
    // The first answer is still there for the real retry.
    expect((await post(app, 'cle-2')).headers['idempotent-replayed']).toBe('true');
  });

  it('answers 422 when the key comes back on another query or document', async () => {
    const core = renderingCore();
    const { app } = accessApp({ idempotency: RETRIES }, { core });
    await post(app, 'cle-3');
    const otherQuery = await asBytes(
      request(app).post(`${RENDER}?flatten=false`).set('Idempotency-Key', 'cle-3').send(BODY),
    );
    expect(otherQuery.status).toBe(422);
    const otherDocument = await asBytes(
      request(app)
        .post('/v1/documents/formulaire-factice')
        .set('Idempotency-Key', 'cle-3')
        .send(BODY),
    );
    expect(otherDocument.status).toBe(422);
    expect(core.calls.render).toHaveLength(1);
  });

  it('replays a multipart request sent again with a new boundary (curl draws one each time)', async () => {
    const core = renderingCore();
    const { app } = accessApp({ idempotency: RETRIES }, { core });
    const send = (nom: string) =>
      asBytes(
        request(app)
          .post(RENDER)
          .set('Idempotency-Key', 'cle-multipart')
          .field('data', JSON.stringify({ nom }))
          .attach('signature', Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), 'signature.png'),
      );
    const first = await send('Dupont');
    expect(first.status).toBe(200);
    const retry = await send('Dupont');
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(core.calls.render).toHaveLength(1);
    expect((await send('Durand')).status).toBe(422);
  });

  it('hashes a gzip body as sent, while body-parser inflates it, however it is cut', async () => {
    const core = renderingCore();
    const { app } = accessApp({ idempotency: RETRIES }, { core });
    const server = await listen(app);
    const headers = {
      'idempotency-key': 'cle-gzip',
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    };
    const gzip = (body: unknown) => gzipSync(JSON.stringify(body));
    try {
      const first = await send(server.port, { path: RENDER, headers, body: gzip(BODY) });
      expect(first.status).toBe(200);
      expect(core.calls.render[0]?.request.data).toStrictEqual(BODY);
      const whole = gzip(BODY);
      const chunks = [whole.subarray(0, 5), whole.subarray(5, 17), whole.subarray(17)];
      const retry = await send(server.port, { path: RENDER, headers, chunks });
      expect(retry.headers['idempotent-replayed']).toBe('true');
      const other = await send(server.port, {
        path: RENDER,
        headers,
        body: gzip({ ...BODY, nom: 'Durand' }),
      });
      expect(other.status).toBe(422);
      expect(core.calls.render).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('scopes keys by API key: another client with the same key gets its own render', async () => {
    const core = renderingCore();
    const apiKeys = [
      { name: 'ecole', sha256: sha256('cle-ecole') },
      { name: 'mairie', sha256: sha256('cle-mairie') },
    ];
    const { app } = accessApp({ idempotency: RETRIES, apiKeys }, { core });
    const as = (apiKey: string) =>
      asBytes(
        request(app)
          .post(RENDER)
          .set('X-API-Key', apiKey)
          .set('Idempotency-Key', 'commune')
          .send(BODY),
      );
    expect((await as('cle-ecole')).status).toBe(200);
    const other = await as('cle-mairie');
    expect(other.status).toBe(200);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(core.calls.render).toHaveLength(2);
  });

  it('keeps nothing of a failed first request: its retry renders', async () => {
    let failures = 1;
    const core = renderingCore(() =>
      failures-- > 0
        ? Promise.reject(
            new CoreError('RENDER_TIMEOUT', { detail_en: 'Too slow.', detail_fr: 'Trop lent.' }),
          )
        : Promise.resolve(rendered({ pdf: PDF })),
    );
    const { app } = accessApp({ idempotency: RETRIES }, { core });
    expect((await post(app, 'cle-4')).status).toBe(503);
    const retry = await post(app, 'cle-4');
    expect(retry.status).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(core.calls.render).toHaveLength(2);
  });

  it('forgets a key after IDEMPOTENCY_TTL_SECONDS', async () => {
    let now = 1_000_000;
    const core = renderingCore();
    const { app } = accessApp({ idempotency: { ...RETRIES, now: () => now } }, { core });
    await post(app, 'cle-5');
    now += 599_000;
    expect((await post(app, 'cle-5')).headers['idempotent-replayed']).toBe('true');
    now += 1_000;
    expect((await post(app, 'cle-5')).headers['idempotent-replayed']).toBeUndefined();
    expect(core.calls.render).toHaveLength(2);
  });

  it('refuses a key that is not 1 to 255 printable ASCII characters', async () => {
    const { app, core } = accessApp({ idempotency: RETRIES }, { core: renderingCore() });
    for (const key of ['x'.repeat(256), 'clé']) {
      const response = await post(app, key);
      expect(response.status).toBe(400);
      expect(problemCode(response)).toBe('INVALID_PARAMETER');
    }
    expect(core.calls.render).toHaveLength(0);
  });

  it('ignores the header on routes that do not render, and when IDEMPOTENCY_TTL_SECONDS is 0', async () => {
    const core = renderingCore();
    const { app } = accessApp({ idempotency: { ...RETRIES, ttlSeconds: 0 } }, { core });
    await post(app, 'cle-6');
    expect((await post(app, 'cle-6')).headers['idempotent-replayed']).toBeUndefined();
    expect(core.calls.render).toHaveLength(2);
    const withRetries = accessApp({ idempotency: RETRIES }, { core });
    for (let index = 0; index < 2; index += 1) {
      await request(withRetries.app)
        .post(`${RENDER}/validate`)
        .set('Idempotency-Key', 'v')
        .send(BODY);
    }
    expect(core.calls.check).toHaveLength(2);
  });
});
