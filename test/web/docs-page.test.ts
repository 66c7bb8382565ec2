import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { DOCS_CONTENT_SECURITY_POLICY } from '../../src/edges/http/openapi/docs-page.js';
import { fakeApp } from '../helpers/fake-core.js';
import { captureLog } from '../helpers/raw-http.js';
import { HTTP_METHODS, type Spec } from '../helpers/openapi.js';
import { useBrowser } from './use-browser.js';

/**
 * /docs in real Chromium: swagger-ui served from the npm package by the service itself, so the
 * page shows every operation with no request leaving 127.0.0.1 (no CDN, no web font, no
 * validator badge), under a CSP that allows only 'self'. The core is a fake: nothing renders.
 */
const log = captureLog('info');
const app = fakeApp(undefined, { logger: log.logger });
const web = useBrowser(() => app);

describe('GET /docs', () => {
  it('sets its own CSP, without inline script or style', async () => {
    const page = await request(app).get('/docs');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(DOCS_CONTENT_SECURITY_POLICY);
    expect(DOCS_CONTENT_SECURITY_POLICY).not.toMatch(/unsafe|https?:|\*/);
    expect(page.text).not.toMatch(/<script>|<style|style=/);
    expect(page.text).not.toMatch(/https?:\/\//);
    // Only the files the page needs: not swagger-ui-dist's own index, which points to a petstore.
    expect((await request(app).get('/docs/index.html')).status).toBe(404);
    expect((await request(app).get('/docs/swagger-initializer.js')).status).toBe(404);
  });

  it('serves swagger-ui’s files from the npm package, and nothing goes wrong after', async () => {
    const dist = createRequire(createRequire(import.meta.url).resolve('swagger-ui-express'));
    const css = readFileSync(dist.resolve('swagger-ui-dist/swagger-ui.css'), 'utf8');
    log.clear();
    const served = await request(app).get('/docs/swagger-ui.css');
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toMatch(/^text\/css/);
    expect(served.headers['cache-control']).toBe('public, max-age=86400');
    expect(served.text).toBe(css);
    // A file sent is the end of its request: nothing runs after it (a route going on to the
    // error handler would find the answer sent, and close the kept-alive connection).
    await new Promise((resolve) => setTimeout(resolve, 100));
    const after = log
      .lines()
      .filter((line) => Number(line.level) >= 40 || line.msg === 'client went away');
    expect(after).toEqual([]);
  });

  it('shows every operation in Chromium, and tries one, with no request leaving 127.0.0.1', async () => {
    const spec = (await request(app).get('/openapi.json')).body as Spec;
    const operations = Object.values(spec.paths).flatMap((item) =>
      HTTP_METHODS.filter((method) => item[method]),
    );
    const page = await web.browser.newPage();
    const requested: string[] = [];
    const failed: string[] = [];
    const complaints: string[] = [];
    page.on('request', (sent) => requested.push(sent.url()));
    page.on('requestfailed', (sent) => failed.push(sent.url()));
    page.on('pageerror', (error) => complaints.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') complaints.push(message.text());
    });
    await page.goto(`${web.base}/docs`, { waitUntil: 'load' });
    await page.waitForFunction(
      (count) => document.querySelectorAll('.opblock').length === count,
      { timeout: 20_000 },
      operations.length,
    );
    const summaries = await page.$$eval('.opblock-summary-path', (paths) =>
      paths.map((path) => path.getAttribute('data-path')),
    );
    expect(summaries).toContain('/v1/pdf/fill');
    expect(await page.$eval('.info .title', (title) => title.textContent)).toContain('Paperasse');

    // Try it out: GET /healthz through the page (connect-src 'self').
    const health = await page.$('#operations-health-health');
    await health?.click();
    await page.waitForSelector('#operations-health-health .try-out__btn');
    await page.click('#operations-health-health .try-out__btn');
    await page.click('#operations-health-health .execute');
    await page.waitForSelector(
      '#operations-health-health .live-responses-table tr.response .response-col_status',
    );
    const status = await page.$eval(
      '#operations-health-health .live-responses-table tr.response .response-col_status',
      (cell) => cell.textContent?.trim(),
    );
    expect(status).toBe('200');

    // data: URLs (swagger-ui's icons, inside its stylesheet) are decoded in place, not fetched.
    const network = requested.filter((url) => !url.startsWith('data:'));
    expect(network.length).toBeGreaterThanOrEqual(5);
    expect(network.filter((url) => !url.startsWith(`${web.base}/`))).toEqual([]);
    expect(requested).toContain(`${web.base}/openapi.json`);
    expect(requested).toContain(`${web.base}/healthz`);
    expect(failed).toEqual([]);
    expect(complaints).toEqual([]);
    await page.close();
  }, 60_000);
});
