import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Readiness } from '../../../src/edges/http/health-router.js';
import { fakeApp } from '../../helpers/fake-core.js';

const ready = (overrides: Partial<Readiness> = {}): Readiness => ({
  checkReady: () => Promise.resolve(true),
  ...overrides,
});

describe('/livez, /healthz and /readyz', () => {
  it('answers /livez and its older name /healthz while the process is up', async () => {
    const app = fakeApp(undefined, {
      readiness: ready({ checkReady: () => Promise.resolve(false) }),
    });
    for (const path of ['/livez', '/healthz']) {
      const answer = await request(app).get(path);
      expect(answer.status, path).toBe(200);
      expect(answer.body).toStrictEqual({ status: 'ok' });
    }
  });

  it('answers /readyz 503 saturated while the render queue is full, without asking Chromium', async () => {
    let asked = 0;
    let full = true;
    const app = fakeApp(undefined, {
      readiness: ready({
        checkReady: () => (asked++, Promise.resolve(true)),
        saturated: () => full,
      }),
    });
    const saturated = await request(app).get('/readyz');
    expect(saturated.status).toBe(503);
    expect(saturated.body).toStrictEqual({ status: 'saturated' });
    expect(asked).toBe(0);
    full = false;
    const again = await request(app).get('/readyz');
    expect(again.status).toBe(200);
    expect(again.body).toStrictEqual({ status: 'ready', renderer: true });
  });

  it('answers /readyz 503 stopping once shutting down, while /livez still answers', async () => {
    let stopping = false;
    const app = fakeApp(undefined, { readiness: ready({ stopping: () => stopping }) });
    expect((await request(app).get('/readyz')).status).toBe(200);
    stopping = true;
    const answer = await request(app).get('/readyz');
    expect(answer.status).toBe(503);
    expect(answer.body).toStrictEqual({ status: 'stopping' });
    expect((await request(app).get('/livez')).status).toBe(200);
  });
});
