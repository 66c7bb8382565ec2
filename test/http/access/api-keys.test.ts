import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { FAKE_LETTER } from '../../helpers/fake-core.js';
import { accessApp, capturedLogger, sha256 } from './access-app.js';

/**
 * API keys (API_KEYS): /v1's POSTs need one of the configured keys, sent as a Bearer token or as
 * X-API-Key; the configuration holds only their SHA-256; the rest (GETs of the catalog, health,
 * web pages) stays open. Without keys, everything is open and the start-up log says so.
 */
const RENDER = `/v1/documents/${FAKE_LETTER.id}`;
const BODY = { nom: 'Dupont' };
const SCHOOL_KEY = 'pa_ecole_9c1f7e2b4a6d8f0e1c3b5a7d9e1f3a5c';
const TOWN_KEY = 'pa_mairie_0f2e4d6c8b0a1f3e5d7c9b1a3f5e7d9c';
const KEYS = [
  { name: 'ecole', sha256: sha256(SCHOOL_KEY) },
  { name: 'mairie', sha256: sha256(TOWN_KEY) },
];

function problem(response: request.Response): { code: string; detail: string; detail_fr: string } {
  expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  return JSON.parse(response.text) as { code: string; detail: string; detail_fr: string };
}

describe('API keys on /v1', () => {
  it('renders with a configured key sent as Authorization: Bearer', async () => {
    const { app, core } = accessApp({ apiKeys: KEYS });
    const response = await request(app)
      .post(RENDER)
      .set('Authorization', `Bearer ${SCHOOL_KEY}`)
      .send(BODY);
    expect(response.status).toBe(200);
    expect(core.calls.render).toHaveLength(1);
  });

  it('renders with a configured key sent as X-API-Key', async () => {
    const { app, core } = accessApp({ apiKeys: KEYS });
    const response = await request(app).post(RENDER).set('X-API-Key', TOWN_KEY).send(BODY);
    expect(response.status).toBe(200);
    expect(core.calls.render).toHaveLength(1);
  });

  it('answers 401 with WWW-Authenticate: Bearer when no key is sent, before any work', async () => {
    const { app, core } = accessApp({ apiKeys: KEYS });
    const response = await request(app).post(RENDER).send(BODY);
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="paperasse"');
    const body = problem(response);
    expect(body.code).toBe('UNAUTHORIZED');
    expect(body.detail).toContain('Authorization: Bearer');
    expect(body.detail_fr).toContain('clé d’API');
    expect(core.calls.admit).toHaveLength(0);
    expect(core.calls.render).toHaveLength(0);
  });

  it('answers 401 invalid_token for a key that is not configured, in either header', async () => {
    const { app, core } = accessApp({ apiKeys: KEYS });
    for (const send of [
      (test: request.Test) => test.set('Authorization', 'Bearer pa_inconnue_1234'),
      (test: request.Test) => test.set('X-API-Key', 'pa_inconnue_1234'),
    ]) {
      const response = await send(request(app).post(RENDER)).send(BODY);
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe(
        'Bearer realm="paperasse", error="invalid_token"',
      );
      expect(problem(response).code).toBe('UNAUTHORIZED');
    }
    expect(core.calls.render).toHaveLength(0);
  });

  it('compares the hash of the key sent: the stored hash itself is no key', async () => {
    const { app } = accessApp({ apiKeys: KEYS });
    const response = await request(app)
      .post(RENDER)
      .set('Authorization', `Bearer ${sha256(SCHOOL_KEY)}`)
      .send(BODY);
    expect(response.status).toBe(401);
  });

  it('guards every POST under /v1 (validate, pdf), not only renders', async () => {
    const { app } = accessApp({ apiKeys: KEYS });
    expect((await request(app).post(`${RENDER}/validate`).send(BODY)).status).toBe(401);
    expect((await request(app).post('/v1/pdf/fields')).status).toBe(401);
  });

  it('leaves the catalog GETs, health checks and web pages open', async () => {
    const { app } = accessApp({ apiKeys: KEYS });
    expect((await request(app).get('/v1/documents')).status).toBe(200);
    expect((await request(app).get(`${RENDER}/schema`)).status).toBe(200);
    expect((await request(app).get('/healthz')).status).toBe(200);
    expect((await request(app).get('/')).status).toBe(200);
    // A form post without its CSRF pair: refused by the page (403 in HTML), not by a key.
    const post = await request(app)
      .post(`/formulaire/${FAKE_LETTER.id}`)
      .type('form')
      .send('nom=Dupont');
    expect(post.status).toBe(403);
    expect(post.headers['content-type']).toContain('text/html');
  });

  it('is open without keys, and says so in the start-up log', async () => {
    const { logger, log } = capturedLogger();
    const { app } = accessApp({}, { deps: { logger } });
    expect((await request(app).post(RENDER).send(BODY)).status).toBe(200);
    const warning = log.lines.find((line) => String(line.msg).includes('No API key'));
    expect(warning).toMatchObject({ level: 40 });
    expect(String(warning?.msg)).toContain('/v1 is open');
  });

  it('logs the names of the keys at start-up, never a key or its hash', () => {
    const { logger, log } = capturedLogger();
    accessApp({ apiKeys: KEYS }, { deps: { logger } });
    expect(log.lines.find((line) => line.msg === 'API keys required on /v1')).toMatchObject({
      keys: ['ecole', 'mairie'],
    });
    expect(log.text()).not.toContain('No API key');
    expect(log.text()).not.toContain(KEYS[0]?.sha256);
    expect(log.text()).not.toContain(SCHOOL_KEY);
  });
});

describe('API_KEYS', () => {
  const env = (API_KEYS: string) => ({ CHROMIUM_PATH: '/bin/true', API_KEYS });

  it('reads name:sha256hex entries (hex in either case), separated by commas', () => {
    const config = loadConfig(
      env(` ecole:${sha256(SCHOOL_KEY).toUpperCase()} , mairie:${sha256(TOWN_KEY)}`),
    );
    expect(config.API_KEYS).toStrictEqual(KEYS);
  });

  it('is empty by default: the API is open', () => {
    expect(loadConfig({ CHROMIUM_PATH: '/bin/true' }).API_KEYS).toStrictEqual([]);
  });

  it.each([
    ['a plain key rather than its hash', `ecole:${SCHOOL_KEY}`],
    ['a hash without a name', sha256(SCHOOL_KEY)],
    ['a name twice', `ecole:${sha256(SCHOOL_KEY)},ecole:${sha256(TOWN_KEY)}`],
    ['a key twice', `ecole:${sha256(SCHOOL_KEY)},mairie:${sha256(SCHOOL_KEY)}`],
  ])('refuses %s at start-up, naming API_KEYS', (_name, value) => {
    expect(() => loadConfig(env(value))).toThrow(ConfigError);
    expect(() => loadConfig(env(value))).toThrow(/API_KEYS/);
  });
});
