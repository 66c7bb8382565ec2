import { execFileSync } from 'node:child_process';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useRuntime } from '../../helpers/app.js';
import { asBytes } from '../../helpers/http.js';
import { loadSample } from '../../helpers/samples.js';

/**
 * /metrics over the real core and Chromium: one page at a time and a line of two, so that a few
 * renders sent at once queue, fill the line and move the gauges.
 */
const runtime = useRuntime({
  RENDER_CONCURRENCY: '1',
  RENDER_QUEUE_LIMIT: '2',
  RENDER_REFUSAL_HOLD_MS: '0',
});
const LETTER = 'attestation-hebergement';
const ATMP = 'attestation-atmp-stage-etranger';

async function metrics(): Promise<string> {
  const answer = await request(runtime.app).get('/metrics');
  expect(answer.status).toBe(200);
  return answer.text;
}

function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const render = (id: string) =>
  asBytes(request(runtime.app).post(`/v1/documents/${id}`)).send(loadSample(id));

/** The Chromium browser processes this test process started (not their renderers). */
function chromiumBrowsers(): number[] {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((match) => match !== null)
    .map(([, pid, ppid, args]) => ({ pid: Number(pid), ppid: Number(ppid), args: args ?? '' }));
  return rows
    .filter((row) => row.ppid === process.pid && row.args.includes('chromium'))
    .map((row) => row.pid);
}

describe('/metrics with the real core', () => {
  it('shows the render histogram by document and engine after a few renders', async () => {
    for (let index = 0; index < 3; index += 1) expect((await render(LETTER)).status).toBe(200);
    const text = await metrics();
    expect(text).toContain('# TYPE paperasse_render_duration_seconds histogram');
    const labels = `document="${LETTER}",engine="html",outcome="ok"`;
    expect(sample(text, `paperasse_render_duration_seconds_count{${labels}}`)).toBe(3);
    expect(sample(text, `paperasse_render_duration_seconds_bucket{le="+Inf",${labels}}`)).toBe(3);
    expect(sample(text, `paperasse_render_duration_seconds_sum{${labels}}`)).toBeGreaterThan(0);
    expect(sample(text, 'paperasse_render_queue_wait_seconds_count')).toBe(3);
    const route = 'route="/v1/documents/:id",method="POST",status="200"';
    expect(sample(text, `paperasse_http_request_duration_seconds_count{${route}}`)).toBe(3);
  });

  it('moves the queue gauge, and /readyz says saturated, while renders wait for the page', async () => {
    const depths = new Set<number>();
    const readiness = new Set<string>();
    let done = false;
    const sent = Promise.all([render(ATMP), render(ATMP), render(ATMP)]).finally(() => {
      done = true;
    });
    while (!done) {
      depths.add(sample(await metrics(), 'paperasse_render_queue_depth') ?? -1);
      readiness.add(
        ((await request(runtime.app).get('/readyz')).body as { status: string }).status,
      );
    }
    expect((await sent).map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(Math.max(...depths)).toBe(2);
    expect(readiness).toContain('saturated');
    const after = await metrics();
    expect(sample(after, 'paperasse_render_queue_depth')).toBe(0);
    expect(sample(after, 'paperasse_render_busy_pages')).toBe(0);
    expect((await request(runtime.app).get('/readyz')).status).toBe(200);
  });

  it('counts batch rows rendered and failed, and validation errors by code', async () => {
    const good = loadSample(ATMP) as { eleve: Record<string, unknown> };
    const bad = { ...good, eleve: { ...good.eleve, nir: '2 95 10 99 126 111 94' } };
    const batch = await asBytes(request(runtime.app).post(`/v1/batch/${ATMP}`)).send([
      good,
      bad,
      good,
    ]);
    expect(batch.status).toBe(200);
    expect((await request(runtime.app).post(`/v1/documents/${ATMP}`).send(bad)).status).toBe(422);
    const text = await metrics();
    expect(sample(text, `paperasse_batch_rows_total{document="${ATMP}",outcome="rendered"}`)).toBe(
      2,
    );
    expect(sample(text, `paperasse_batch_rows_total{document="${ATMP}",outcome="failed"}`)).toBe(1);
    expect(sample(text, 'paperasse_errors_total{code="VALIDATION_FAILED"}')).toBe(1);
  });

  it('counts a Chromium killed under us as a crash, and its relaunch as a restart', async () => {
    expect(sample(await metrics(), 'paperasse_chromium_restarts_total')).toBe(0);
    const browsers = chromiumBrowsers();
    expect(browsers).toHaveLength(1);
    for (const pid of browsers) process.kill(pid, 'SIGKILL');
    // The next render finds it gone, and a new Chromium prints it.
    const deadline = Date.now() + 5_000;
    while (sample(await metrics(), 'paperasse_chromium_crashes_total{kind="browser"}') !== 1) {
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await render(LETTER)).status).toBe(200);
    expect(sample(await metrics(), 'paperasse_chromium_restarts_total')).toBe(1);
  });

  it('answers /readyz 503 once the runtime begins its shutdown', async () => {
    expect((await request(runtime.app).get('/readyz')).status).toBe(200);
    runtime.beginShutdown();
    const answer = await request(runtime.app).get('/readyz');
    expect(answer.status).toBe(503);
    expect(answer.body).toStrictEqual({ status: 'stopping' });
  });
});
