import { execFileSync } from 'node:child_process';
import { ConnectionClosedError, ProtocolError, TimeoutError } from 'puppeteer-core';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { CoreError } from '../../src/core/errors.js';
import {
  BrowserUnavailableError,
  createBrowserPool,
  RenderTimeoutError,
  type BrowserPool,
} from '../../src/engines/html/browser-pool.js';
import { chromiumFailure } from '../../src/engines/html/chromium.js';
import { poolRefusal } from '../../src/engines/html/refusals.js';
import type { Runtime } from '../../src/edges/http/runtime.js';
import { startRuntime } from '../helpers/app.js';
import { loadSample } from '../helpers/samples.js';

/**
 * A Chromium renderer killed under a render (OOM killer, a crash) while Chromium itself lives on:
 * puppeteer says "Printing failed", "Target closed", "Session closed"… The render is retried once
 * on a fresh page, then answered 503 RENDERER_UNAVAILABLE with Retry-After, never 500.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium-headless-shell';

describe('chromiumFailure', () => {
  const crashes: Error[] = [
    new ProtocolError('Protocol error (Page.printToPDF): Printing failed'),
    // puppeteer's TargetCloseError (a ProtocolError; not in its public types)
    new ProtocolError('Protocol error (Runtime.callFunctionOn): Target closed'),
    new ProtocolError(
      'Protocol error (Page.printToPDF): Session closed. Most likely the page has been closed.',
    ),
    new ConnectionClosedError('Connection closed.'),
    new Error('Protocol error (Page.printToPDF): Printing failed'),
    new Error('Protocol error (Page.navigate): Target closed'),
    new Error('Session closed. Most likely the page has been closed.'),
    new Error('Page crashed!'),
    new Error('Navigating frame was detached'),
    new Error('Protocol error: Connection closed.'),
  ];

  it.each(crashes.map((error) => [error.message, error]))(
    'says "%s" as a crashed page: 503 RENDERER_UNAVAILABLE with Retry-After',
    (_, error) => {
      const failure = chromiumFailure(error);
      expect(failure).toBeInstanceOf(BrowserUnavailableError);
      expect((failure as Error).cause).toBe(error);
      const refusal = poolRefusal(failure);
      expect(refusal).toBeInstanceOf(CoreError);
      expect(refusal).toMatchObject({ code: 'RENDERER_UNAVAILABLE', retryAfterSeconds: 5 });
    },
  );

  it("says puppeteer's own timeout as a render timeout", () => {
    const failure = chromiumFailure(new TimeoutError('Navigation timeout of 15000 ms exceeded'));
    expect(failure).toBeInstanceOf(RenderTimeoutError);
    expect(poolRefusal(failure)).toMatchObject({ code: 'RENDER_TIMEOUT' });
  });

  it('leaves other errors as they are (a fault of ours stays a 500)', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'x')");
    expect(chromiumFailure(bug)).toBe(bug);
  });
});

/** The pids of the Chromium renderers this test process started (children of its children). */
function renderers(): number[] {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((match) => match !== null)
    .map(([, pid, ppid, args]) => ({ pid: Number(pid), ppid: Number(ppid), args: args ?? '' }));
  const ours = new Set([process.pid]);
  for (let depth = 0; depth < 6; depth++) {
    for (const row of rows) if (ours.has(row.ppid)) ours.add(row.pid);
  }
  return rows
    .filter((row) => ours.has(row.pid) && row.args.includes('--type=renderer'))
    .map((row) => row.pid);
}

function killRenderers(): number {
  const pids = renderers();
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  return pids.length;
}

/** Kills every renderer every 25 ms until stopped. */
function keepKillingRenderers(): { stop(): Promise<number> } {
  let running = true;
  let killed = 0;
  const loop = (async () => {
    while (running) {
      killed += killRenderers();
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return killed;
    },
  };
}

const page = (body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"></head><body>${body}</body></html>`;
const longTable = (rows: number) =>
  page(`<table>${'<tr><td>Élève</td><td>ligne de tableau</td></tr>'.repeat(rows)}</table>`);

const pools: BrowserPool[] = [];
let runtime: Runtime | undefined;
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
  await runtime?.close();
});

describe('a renderer killed under a render', () => {
  it('is retried once on a fresh page: the render succeeds', async () => {
    const crashes: string[] = [];
    const pool = createBrowserPool({
      executablePath: CHROMIUM,
      concurrency: 1,
      queueLimit: 0,
      renderTimeoutMs: 20_000,
      recycleAfter: 500,
      observer: { chromiumCrashed: ({ kind }) => crashes.push(kind) },
    });
    pools.push(pool);
    await pool.warmUp();
    for (const delay of [100, 600]) {
      const started = performance.now();
      const rendering = pool.renderPdf(longTable(6_000));
      await new Promise((resolve) => setTimeout(resolve, delay));
      expect(killRenderers()).toBeGreaterThan(0);
      const pdf = await rendering;
      expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
      expect(performance.now() - started).toBeLessThan(15_000);
    }
    expect(pool.stats()).toMatchObject({ launches: 1, busy: 0 });
    // Each killed renderer is told to the observer (metrics), Chromium itself never.
    expect(crashes).toEqual(['page', 'page']);
  });

  it('fails fast with BrowserUnavailableError when every attempt loses its renderer', async () => {
    const pool = createBrowserPool({
      executablePath: CHROMIUM,
      concurrency: 1,
      queueLimit: 0,
      renderTimeoutMs: 20_000,
      recycleAfter: 500,
    });
    pools.push(pool);
    await pool.warmUp();
    const killer = keepKillingRenderers();
    const started = performance.now();
    const error = await pool.renderPdf(longTable(6_000)).catch((caught: unknown) => caught);
    await killer.stop();
    expect(error).toBeInstanceOf(BrowserUnavailableError);
    expect(performance.now() - started).toBeLessThan(15_000);
    // The pool recovers once renderers are left alone.
    const pdf = await pool.renderPdf(page('<p>rétabli</p>'));
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  });

  it('is answered 503 RENDERER_UNAVAILABLE with Retry-After over HTTP, never 500', async () => {
    runtime = startRuntime({ RENDER_TIMEOUT_MS: '20000' });
    await runtime.pool.warmUp();
    const id = 'attestation-hebergement';
    const killer = keepKillingRenderers();
    const started = performance.now();
    const response = await request(runtime.app).post(`/v1/documents/${id}`).send(loadSample(id));
    await killer.stop();
    expect(response.status, response.text).toBe(503);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'RENDERER_UNAVAILABLE' });
    expect(response.headers['retry-after']).toBe('5');
    // Not a timeout: at worst two pages that never open (5 s each), well within the deadline.
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});
