import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { FAKE_LETTER } from '../../helpers/fake-core.js';
import { accessApp, sha256 } from './access-app.js';

/**
 * RATE_LIMIT requests per RATE_LIMIT_WINDOW_SECONDS and client (its API key, else its address):
 * beyond, 429 RATE_LIMITED with Retry-After; health checks never count nor are refused.
 */
const RENDER = `/v1/documents/${FAKE_LETTER.id}`;
const BODY = { nom: 'Dupont' };
const LIMIT = { limit: 3, windowSeconds: 60 };

describe('the rate limit', () => {
  it('answers 429 RATE_LIMITED with Retry-After once a client is over its limit', async () => {
    const { app, core } = accessApp({ rateLimit: LIMIT });
    for (let index = 0; index < 3; index += 1) {
      const response = await request(app).post(RENDER).send(BODY);
      expect(response.status).toBe(200);
      expect(response.headers.ratelimit).toBe(`limit=3, remaining=${2 - index}, reset=60`);
    }
    const refused = await request(app).post(RENDER).send(BODY);
    expect(refused.status).toBe(429);
    const seconds = Number(refused.headers['retry-after']);
    expect(Number.isInteger(seconds) && seconds >= 1 && seconds <= 60).toBe(true);
    const problem = JSON.parse(refused.text) as { code: string; detail: string; detail_fr: string };
    expect(problem.code).toBe('RATE_LIMITED');
    expect(problem.detail).toBe(`Over 3 requests in 60 s; retry in ${seconds} s.`);
    expect(problem.detail_fr).toBe(`Plus de 3 requêtes en 60 s ; réessayez dans ${seconds} s.`);
    expect(core.calls.render).toHaveLength(3);
  });

  it('counts the web pages’ posts and GETs too', async () => {
    const { app } = accessApp({ rateLimit: LIMIT });
    await request(app).get('/');
    await request(app).get('/v1/documents');
    await request(app).post(`/formulaire/${FAKE_LETTER.id}`).type('form').send('nom=Dupont');
    const refused = await request(app).post(`/formulaire/${FAKE_LETTER.id}`).type('form').send('');
    expect(refused.status).toBe(429);
  });

  it('never counts nor refuses the health checks', async () => {
    const { app } = accessApp({ rateLimit: LIMIT });
    for (let index = 0; index < 5; index += 1) {
      expect((await request(app).get('/healthz')).status).toBe(200);
      expect((await request(app).get('/readyz')).status).toBe(200);
    }
    for (let index = 0; index < 3; index += 1) {
      expect((await request(app).post(RENDER).send(BODY)).status).toBe(200);
    }
    expect((await request(app).post(RENDER).send(BODY)).status).toBe(429);
    expect((await request(app).get('/healthz')).status).toBe(200);
  });

  it('gives each API key its own count', async () => {
    const keys = [
      { name: 'ecole', sha256: sha256('cle-ecole') },
      { name: 'mairie', sha256: sha256('cle-mairie') },
    ];
    const { app } = accessApp({ rateLimit: LIMIT, apiKeys: keys });
    for (let index = 0; index < 3; index += 1) {
      await request(app).post(RENDER).set('X-API-Key', 'cle-ecole').send(BODY);
    }
    expect((await request(app).post(RENDER).set('X-API-Key', 'cle-ecole').send(BODY)).status).toBe(
      429,
    );
    expect(
      (await request(app).post(RENDER).set('Authorization', 'Bearer cle-mairie').send(BODY)).status,
    ).toBe(200);
  });

  it('counts requests with a wrong key too: guessing keys is limited', async () => {
    const keys = [{ name: 'ecole', sha256: sha256('cle-ecole') }];
    const { app } = accessApp({ rateLimit: LIMIT, apiKeys: keys });
    for (let index = 0; index < 3; index += 1) {
      const guess = await request(app).post(RENDER).set('X-API-Key', `essai-${index}`).send(BODY);
      expect(guess.status).toBe(401);
    }
    expect((await request(app).post(RENDER).set('X-API-Key', 'essai-4').send(BODY)).status).toBe(
      429,
    );
  });

  it('is generous by default (300 a minute) and off with RATE_LIMIT=0', () => {
    const config = loadConfig({ CHROMIUM_PATH: '/bin/true' });
    expect([config.RATE_LIMIT, config.RATE_LIMIT_WINDOW_SECONDS]).toStrictEqual([300, 60]);
    expect(loadConfig({ CHROMIUM_PATH: '/bin/true', RATE_LIMIT: '0' }).RATE_LIMIT).toBe(0);
  });

  it('does not limit when RATE_LIMIT is 0', async () => {
    const { app } = accessApp({ rateLimit: { limit: 0, windowSeconds: 60 } });
    for (let index = 0; index < 5; index += 1) {
      const response = await request(app).post(RENDER).send(BODY);
      expect(response.status).toBe(200);
      expect(response.headers.ratelimit).toBeUndefined();
    }
  });
});
