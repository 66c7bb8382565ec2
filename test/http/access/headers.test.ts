import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { CONTENT_SECURITY_POLICY } from '../../../src/edges/http/web-router.js';
import { FAKE_LETTER } from '../../helpers/fake-core.js';
import { accessApp, sha256 } from './access-app.js';

/** CORS only for the configured origins (CORS_ORIGINS), and helmet's headers on every answer. */
const RENDER = `/v1/documents/${FAKE_LETTER.id}`;
const BODY = { nom: 'Dupont' };
const SCHOOL = 'https://ecole.example';

describe('CORS', () => {
  it('sends no CORS header when no origin is configured', async () => {
    const { app } = accessApp({});
    const response = await request(app).post(RENDER).set('Origin', SCHOOL).send(BODY);
    expect(response.status).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows a configured origin, and exposes the headers a page needs', async () => {
    const { app } = accessApp({ corsOrigins: [SCHOOL, 'https://mairie.example'] });
    const response = await request(app).post(RENDER).set('Origin', SCHOOL).send(BODY);
    expect(response.headers['access-control-allow-origin']).toBe(SCHOOL);
    expect(response.headers.vary).toContain('Origin');
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    const exposed = String(response.headers['access-control-expose-headers']);
    expect(exposed).toContain('Content-Disposition');
    expect(exposed).toContain('Paperasse-Warnings');
  });

  it('gives another origin no Access-Control-Allow-Origin', async () => {
    const { app } = accessApp({ corsOrigins: [SCHOOL] });
    const response = await request(app)
      .post(RENDER)
      .set('Origin', 'https://ecole.example.attaquant.example')
      .send(BODY);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers a preflight without a key, naming the headers a request may send', async () => {
    const { app } = accessApp({
      corsOrigins: [SCHOOL],
      apiKeys: [{ name: 'ecole', sha256: sha256('cle') }],
    });
    const response = await request(app)
      .options(RENDER)
      .set('Origin', SCHOOL)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization, idempotency-key, content-type');
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe(SCHOOL);
    const allowed = String(response.headers['access-control-allow-headers']).toLowerCase();
    for (const header of ['authorization', 'x-api-key', 'idempotency-key', 'content-type']) {
      expect(allowed).toContain(header);
    }
  });

  it('answers a 401 with the CORS header, so the page can read why', async () => {
    const { app } = accessApp({
      corsOrigins: [SCHOOL],
      apiKeys: [{ name: 'ecole', sha256: sha256('cle') }],
    });
    const response = await request(app).post(RENDER).set('Origin', SCHOOL).send(BODY);
    expect(response.status).toBe(401);
    expect(response.headers['access-control-allow-origin']).toBe(SCHOOL);
  });
});

describe('CORS_ORIGINS', () => {
  const env = (CORS_ORIGINS: string) => ({ CHROMIUM_PATH: '/bin/true', CORS_ORIGINS });

  it('reads origins separated by commas, none by default', () => {
    expect(loadConfig(env(` ${SCHOOL}, http://localhost:8080 `)).CORS_ORIGINS).toStrictEqual([
      SCHOOL,
      'http://localhost:8080',
    ]);
    expect(loadConfig({ CHROMIUM_PATH: '/bin/true' }).CORS_ORIGINS).toStrictEqual([]);
  });

  it.each(['https://ecole.example/', 'ecole.example', '*'])(
    'refuses %s at start-up: it would never match an Origin',
    (origin) => {
      expect(() => loadConfig(env(origin))).toThrow(ConfigError);
      expect(() => loadConfig(env(origin))).toThrow(/CORS_ORIGINS/);
    },
  );
});

describe('security headers', () => {
  it('sets helmet’s headers on API answers, errors included, without a CSP', async () => {
    const { app } = accessApp({});
    for (const response of [
      await request(app).post(RENDER).send(BODY),
      await request(app).get('/v1/inconnu'),
    ]) {
      expect(response.headers['strict-transport-security']).toBe('max-age=31536000');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(response.headers['content-security-policy']).toBeUndefined();
    }
  });

  it('leaves the web pages their own stricter policy and framing', async () => {
    const { app } = accessApp({});
    const page = await request(app).get(`/formulaire/${FAKE_LETTER.id}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['referrer-policy']).toBe('same-origin');
    expect(page.headers['strict-transport-security']).toBe('max-age=31536000');
  });
});
