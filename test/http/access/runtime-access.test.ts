import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useRuntime } from '../../helpers/app.js';
import { sha256 } from './access-app.js';

/**
 * The real runtime reads its access controls from the environment: keys, rate limit, CORS,
 * WEB_PAGES. Nothing here renders (Chromium is never launched).
 */
const KEY = 'pa_ecole_5b8e2f1a9c3d7e6f0a4b8c2d1e5f9a3b';
const ID = 'attestation-atmp-stage-etranger';
const runtime = useRuntime({
  API_KEYS: `ecole:${sha256(KEY)}`,
  RATE_LIMIT: '50',
  CORS_ORIGINS: 'https://ecole.example',
  WEB_PAGES: 'off',
});

describe('access controls from the configuration', () => {
  it('refuses a POST under /v1 without the key, and lets the key through', async () => {
    const refused = await request(runtime.app).post(`/v1/documents/${ID}/validate`).send({});
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toBe('Bearer realm="paperasse"');
    const checked = await request(runtime.app)
      .post(`/v1/documents/${ID}/validate`)
      .set('Authorization', `Bearer ${KEY}`)
      .send({});
    expect(checked.status).toBe(422);
  });

  it('counts against RATE_LIMIT, allows the configured origin, keeps health open', async () => {
    const response = await request(runtime.app)
      .get('/v1/documents')
      .set('Origin', 'https://ecole.example');
    expect(response.status).toBe(200);
    expect(response.headers.ratelimit).toMatch(/^limit=50, remaining=\d+, reset=\d+$/);
    expect(response.headers['access-control-allow-origin']).toBe('https://ecole.example');
    const health = await request(runtime.app).get('/healthz');
    expect(health.status).toBe(200);
    expect(health.headers.ratelimit).toBeUndefined();
  });

  it('serves no web page with WEB_PAGES=off', async () => {
    const home = await request(runtime.app).get('/');
    expect(home.status).toBe(404);
    expect(home.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect((await request(runtime.app).get(`/formulaire/${ID}`)).status).toBe(404);
  });
});
