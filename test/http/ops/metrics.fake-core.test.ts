import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../../../src/core/errors.js';
import { createMetrics } from '../../../src/edges/http/ops/metrics.js';
import { fakeApp, fakeCore, FAKE_LETTER } from '../../helpers/fake-core.js';

/** The value of one sample line of Prometheus text (`name{labels} value`), or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('/metrics around a fake core', () => {
  it('answers Prometheus text with process metrics and requests by route pattern', async () => {
    const app = fakeApp();
    await request(app).get('/v1/documents/lettre-factice/schema');
    await request(app).get('/v1/documents/no-such-document-Lefevre/schema');
    const answer = await request(app).get('/metrics');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(answer.text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(answer.text).toContain('# TYPE paperasse_http_request_duration_seconds histogram');
    const route = 'route="/v1/documents/:id/schema",method="GET"';
    expect(
      sample(answer.text, `paperasse_http_request_duration_seconds_count{${route},status="200"}`),
    ).toBe(1);
    expect(
      sample(answer.text, `paperasse_http_request_duration_seconds_count{${route},status="404"}`),
    ).toBe(1);
    expect(sample(answer.text, 'paperasse_errors_total{code="UNKNOWN_DOCUMENT"}')).toBe(1);
    expect(answer.text).not.toContain('Lefevre');
    // Prometheus text format 0.0.4: comments, samples `name{label="value",…} number`, blank
    // lines; values as Go's ParseFloat reads them (prom-client writes NaN as `Nan`).
    const SAMPLE_LINE =
      /^[a-z_:][a-z0-9_:]*(\{([a-z_][a-z0-9_]*="[^"\\\n]*",?)*\})? (-?[0-9.e+-]+|nan|[+-]inf)$/i;
    for (const line of answer.text.split('\n')) {
      if (line === '' || /^# (HELP|TYPE) /.test(line)) continue;
      expect(line).toMatch(SAMPLE_LINE);
    }
    expect(answer.text.match(/^# TYPE (\S+) /gm)?.length).toBe(
      new Set(answer.text.match(/^# TYPE (\S+) /gm)).size,
    );
  });

  it('counts problems by code, a fault of ours as INTERNAL', async () => {
    let failure: Error = new CoreError('RENDER_QUEUE_FULL', {
      detail_en: 'full',
      detail_fr: 'plein',
      retryAfterSeconds: 1,
    });
    const app = fakeApp(fakeCore({ render: () => Promise.reject(failure) }));
    const post = () => request(app).post(`/v1/documents/${FAKE_LETTER.id}`).send({ nom: 'x' });
    expect((await post()).status).toBe(429);
    expect((await post()).status).toBe(429);
    failure = new TypeError('a bug');
    expect((await post()).status).toBe(500);
    const text = (await request(app).get('/metrics')).text;
    expect(sample(text, 'paperasse_errors_total{code="RENDER_QUEUE_FULL"}')).toBe(2);
    expect(sample(text, 'paperasse_errors_total{code="INTERNAL"}')).toBe(1);
  });

  it('keeps one registry per app: two apps never share a count', async () => {
    const first = fakeApp();
    const second = fakeApp();
    await request(first).get('/nowhere');
    const text = (await request(second).get('/metrics')).text;
    expect(sample(text, 'paperasse_errors_total{code="NOT_FOUND"}')).toBeUndefined();
    expect(
      sample(
        (await request(first).get('/metrics')).text,
        'paperasse_errors_total{code="NOT_FOUND"}',
      ),
    ).toBe(1);
  });

  it('answers only the bearer of METRICS_TOKEN when one is set, a 404 to anyone else', async () => {
    const token = 'a-long-enough-scrape-token';
    const app = fakeApp(undefined, { metrics: createMetrics(), metricsToken: token });
    expect((await request(app).get('/metrics')).status).toBe(404);
    const wrong = await request(app).get('/metrics').set('Authorization', 'Bearer not-the-token');
    expect(wrong.status).toBe(404);
    expect(wrong.body).toMatchObject({ code: 'NOT_FOUND' });
    const right = await request(app).get('/metrics').set('Authorization', `Bearer ${token}`);
    expect(right.status).toBe(200);
    expect(right.text).toContain('paperasse_http_request_duration_seconds');
  });

  it('serves no /metrics when metrics are off', async () => {
    const answer = await request(fakeApp(undefined, { metrics: false })).get('/metrics');
    expect(answer.status).toBe(404);
  });
});
