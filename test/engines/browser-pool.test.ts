import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BrowserUnavailableError,
  createBrowserPool,
  PoolClosedError,
  PoolSaturatedError,
  RenderTimeoutError,
  type BrowserPool,
  type BrowserPoolOptions,
} from '../../src/engines/html/browser-pool.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium-headless-shell';
const FONT = join(import.meta.dirname, '../../fonts/LiberationSans-Regular.ttf');
const RED_PIXEL =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

const page = (body: string, head = '') =>
  `<!doctype html><html lang="fr"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
/** A table long enough that loading it takes Chromium a few hundred ms per 1000 rows. */
const longTable = (rows: number) =>
  page(`<table>${'<tr><td>Élève</td><td>ligne de tableau</td></tr>'.repeat(rows)}</table>`);

const pdfText = (pdf: Uint8Array) =>
  execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf, encoding: 'utf8' });
const pdfTool = (tool: string, pdf: Uint8Array) =>
  execFileSync(tool, tool === 'pdfimages' ? ['-list', '-'] : ['-'], {
    input: pdf,
    encoding: 'utf8',
  });

/** Live processes whose command line mentions a path (Chromium's carry their profile dir). */
function processesMentioning(path: string): { pid: number; args: string }[] {
  const lines = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n');
  return lines
    .filter((line) => line.includes(path) && !line.includes('ps -eo'))
    .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line) ?? [])
    .map(([, pid, args]) => ({ pid: Number(pid), args: args ?? '' }));
}

/** Chromium's browser process: not a renderer/zygote/utility (--type=), not a shell wrapper. */
function browserPid(dir: string): number {
  const browser = processesMentioning(dir).find(
    ({ args }) => !args.includes('--type=') && !args.startsWith('/bin/sh'),
  );
  if (!browser) throw new Error(`no Chromium process under ${dir}`);
  return browser.pid;
}

async function until(condition: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const tmpDirs: string[] = [];
const pools: BrowserPool[] = [];
function newPool(overrides: Partial<BrowserPoolOptions> = {}) {
  const tmpDir = mkdtempSync(join(tmpdir(), 'paperasse-pool-test-'));
  tmpDirs.push(tmpDir);
  const pool = createBrowserPool({
    executablePath: CHROMIUM,
    concurrency: 2,
    queueLimit: 4,
    renderTimeoutMs: 10_000,
    recycleAfter: 500,
    tmpDir,
    ...overrides,
  });
  pools.push(pool);
  return { pool, tmpDir };
}

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
  for (const dir of tmpDirs) rmSync(dir, { recursive: true, force: true });
});

describe('browser pool', () => {
  const logs: string[] = [];
  const logger = {
    debug: (obj: object, msg?: string) => logs.push(JSON.stringify({ obj, msg })),
    info: (obj: object, msg?: string) => logs.push(JSON.stringify({ obj, msg })),
    warn: (obj: object, msg?: string) => logs.push(JSON.stringify({ obj, msg })),
    error: (obj: object, msg?: string) => logs.push(JSON.stringify({ obj, msg })),
  };
  let shared: BrowserPool;

  beforeAll(async () => {
    shared = newPool({ logger }).pool;
    await shared.warmUp();
  });

  it('renders accented HTML with a data: URI font, embedded in the PDF', async () => {
    const font = readFileSync(FONT).toString('base64');
    const css = `<style>@font-face{font-family:Doc;src:url(data:font/ttf;base64,${font}) format("truetype")}
      body{font-family:Doc}</style>`;
    const pdf = await shared.renderPdf(page('<h1>Élève àéèçœ</h1><p>SECRET-NIR-1234</p>', css));

    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(pdfText(pdf)).toContain('Élève àéèçœ');
    expect(pdfTool('pdffonts', pdf)).toMatch(/LiberationSans\s.*\syes\s+yes\s+yes/);
    expect(logs.join('\n')).not.toContain('SECRET-NIR');
  });

  it('with fontDirs, prints with those fonts only, and without @font-face', async () => {
    const { pool } = newPool({ fontDirs: [dirname(FONT)] });
    // DejaVu Sans is installed on the system: Chromium must not see it.
    const css = `<style>body{font-family:'DejaVu Sans'} h1{font-family:'Liberation Sans'}</style>`;
    const pdf = await pool.renderPdf(page('<h1>Élève àéèçœ</h1><p>Texte courant</p>', css));

    expect(pdfText(pdf)).toContain('Élève àéèçœ');
    const fonts = pdfTool('pdffonts', pdf);
    expect(fonts).toMatch(/LiberationSans\s.*\syes\s+yes\s+yes/);
    expect(fonts).not.toMatch(/DejaVu/);
  });

  it('reuses one Chromium and its pages over 10 renders', async () => {
    for (let i = 0; i < 10; i++) await shared.renderPdf(page(`<p>Document ${i}</p>`));
    expect(shared.stats()).toMatchObject({ launches: 1, busy: 0, queued: 0 });
    expect(shared.stats().idle).toBeGreaterThanOrEqual(1);
    expect(shared.stats().idle).toBeLessThanOrEqual(2);
  });

  it('renders 6 documents at once, 2 at a time, each with its own text', async () => {
    let maxBusy = 0;
    const jobs = Array.from({ length: 6 }, (_, i) =>
      shared.renderPdf(page(`<p>Dossier numéro ${i}</p>`)).finally(() => {
        maxBusy = Math.max(maxBusy, shared.stats().busy);
      }),
    );
    expect(shared.stats()).toMatchObject({ busy: 2, queued: 4 });
    const pdfs = await Promise.all(jobs);
    pdfs.forEach((pdf, i) => expect(pdfText(pdf)).toContain(`Dossier numéro ${i}`));
    expect(maxBusy).toBeLessThanOrEqual(2);
    expect(shared.stats()).toMatchObject({ launches: 1, busy: 0 });
  });

  it('refuses at once with PoolSaturatedError when 2 render and 4 wait', async () => {
    const accepted = Array.from({ length: 6 }, () => shared.renderPdf(longTable(300)));
    const started = performance.now();
    const refused = await shared.renderPdf(page('<p>de trop</p>')).catch((error: unknown) => error);

    expect(performance.now() - started).toBeLessThan(50);
    expect(refused).toBeInstanceOf(PoolSaturatedError);
    const { retryAfterSeconds } = refused as PoolSaturatedError;
    expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(retryAfterSeconds).toBeLessThanOrEqual(5);
    await Promise.all(accepted);
  });

  it('sends no request to the network, loads no file:// URL, and still prints', async () => {
    const secretFile = join(tmpDirs[0] ?? tmpdir(), 'secret.html');
    writeFileSync(secretFile, '<p>FILE-SECRET</p>');
    const requests: string[] = [];
    const server: Server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.end('<p>SERVED-OVER-HTTP</p>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const head = `<style>@import url(${origin}/import.css);
      @font-face{font-family:Remote;src:url(${origin}/font.woff2)}
      body{background:url(${origin}/background.png)} h1{font-family:Remote}</style>
      <link rel="stylesheet" href="${origin}/link.css"><link rel="prefetch" href="${origin}/prefetch">`;
    const body = `<h1>Texte visible</h1><img src="${origin}/image.png">
      <img src="${origin.replace('127.0.0.1', 'localhost')}/localhost.png">
      <iframe src="${origin}/frame.html"></iframe><iframe src="file:///etc/passwd"></iframe>
      <img src="file:///etc/passwd"><iframe src="file://${secretFile}"></iframe>
      <img src="data:image/png;base64,${RED_PIXEL}">`;
    try {
      const pdf = await shared.renderPdf(page(body, head));
      const text = pdfText(pdf);
      expect(text).toContain('Texte visible');
      expect(text).not.toMatch(/SERVED-OVER-HTTP|FILE-SECRET|root:/);
      expect(pdfTool('pdfimages', pdf)).toMatch(/^\s+1\s+\d+\s+image\s+1\s+1\s/m);
      expect(requests).toEqual([]);
    } finally {
      server.close();
    }
  });

  it('runs no JavaScript in the document', async () => {
    const html = page(`<p>Texte statique</p><script>document.body.innerHTML = 'JS RAN'</script>`);
    const text = pdfText(await shared.renderPdf(html));
    expect(text).toContain('Texte statique');
    expect(text).not.toContain('JS RAN');
  });

  it('stops waiting when the caller aborts, and reuses the page afterwards', async () => {
    const controller = new AbortController();
    const rendering = shared.renderPdf(longTable(2_000), { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    const started = performance.now();
    await expect(rendering).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - started).toBeLessThan(300);

    await until(() => shared.stats().busy === 0);
    expect(pdfText(await shared.renderPdf(page('<p>après abandon</p>')))).toContain('après');
    expect(shared.stats().launches).toBe(1);
  });

  it('takes an aborted render out of the queue', async () => {
    const running = [shared.renderPdf(longTable(300)), shared.renderPdf(longTable(300))];
    const controller = new AbortController();
    const queued = shared.renderPdf(page('<p>en attente</p>'), { signal: controller.signal });
    expect(shared.stats().queued).toBe(1);
    controller.abort();
    await expect(queued).rejects.toMatchObject({ name: 'AbortError' });
    expect(shared.stats().queued).toBe(0);
    await Promise.all(running);
  });

  it('answers checkReady from a recent render', async () => {
    const started = performance.now();
    await expect(shared.checkReady()).resolves.toBe(true);
    expect(performance.now() - started).toBeLessThan(20);
  });
});

describe('browser pool failures', () => {
  it('times a render out, discards its page and renders the next document', async () => {
    const { pool } = newPool({ concurrency: 1, renderTimeoutMs: 1_500 });
    await pool.warmUp();
    const started = performance.now();
    await expect(pool.renderPdf(longTable(20_000))).rejects.toBeInstanceOf(RenderTimeoutError);
    expect(performance.now() - started).toBeLessThan(2_500);

    expect(pdfText(await pool.renderPdf(page('<p>rétabli</p>')))).toContain('rétabli');
    expect(pool.stats()).toMatchObject({ launches: 1, busy: 0 });
  });

  it('relaunches Chromium after it is killed, including under a render in flight', async () => {
    const { pool, tmpDir } = newPool();
    await pool.warmUp();
    const killed = browserPid(tmpDir);
    process.kill(killed, 'SIGKILL');
    await until(() => !processesMentioning(tmpDir).some(({ pid }) => pid === killed));
    expect(pdfText(await pool.renderPdf(page('<p>relancé</p>')))).toContain('relancé');
    expect(pool.stats().launches).toBe(2);

    const inFlight = pool.renderPdf(longTable(3_000));
    setTimeout(() => process.kill(browserPid(tmpDir), 'SIGKILL'), 100);
    expect(pdfText(await inFlight)).toContain('ligne de tableau');
    expect(pool.stats().launches).toBe(3);
  });

  it('replaces Chromium after relaunchAfter renders and closes the old one', async () => {
    const { pool, tmpDir } = newPool({ concurrency: 1, recycleAfter: 2, relaunchAfter: 4 });
    for (let i = 0; i < 9; i++) await pool.renderPdf(page(`<p>${i}</p>`));
    expect(pool.stats().launches).toBe(3);
    const profiles = () =>
      new Set(
        processesMentioning(tmpDir).map(({ args }) => /--user-data-dir=(\S+)/.exec(args)?.[1]),
      );
    await until(() => profiles().size === 1 && readdirSync(tmpDir).length === 1);
  });

  it('rejects with BrowserUnavailableError naming the path, and retries the launch', async () => {
    const errors: string[] = [];
    const logger = {
      info() {},
      warn() {},
      error: (_: object, msg?: string) => errors.push(msg ?? ''),
    };
    const missing = '/nonexistent/chromium-headless-shell';
    const { pool } = newPool({ executablePath: missing, logger });
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = await pool.renderPdf(page('<p>x</p>')).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(BrowserUnavailableError);
      expect((error as Error).message).toContain(missing);
    }
    expect(errors.filter((msg) => msg === 'Chromium launch failed')).toHaveLength(2);
    await expect(pool.checkReady()).resolves.toBe(false);
    expect(pool.stats()).toMatchObject({ launches: 0, busy: 0 });
  });

  it('closes everything: no Chromium process, no profile left, later renders refused', async () => {
    const { pool, tmpDir } = newPool();
    await pool.renderPdf(page('<p>un</p>'));
    expect(processesMentioning(tmpDir).length).toBeGreaterThan(0);
    const inFlight = pool.renderPdf(longTable(2_000)).catch((error: unknown) => error);

    await pool.close();
    expect(await inFlight).toBeInstanceOf(PoolClosedError);
    expect(processesMentioning(tmpDir)).toEqual([]);
    expect(readdirSync(tmpDir)).toEqual([]);
    await expect(pool.renderPdf(page('<p>deux</p>'))).rejects.toBeInstanceOf(PoolClosedError);
    await expect(pool.close()).resolves.toBeUndefined();
    await expect(pool.checkReady()).resolves.toBe(false);
  });

  it('closes while Chromium is still launching without leaving it behind', async () => {
    const { pool, tmpDir } = newPool();
    const first = pool.renderPdf(page('<p>trop tôt</p>')).catch((error: unknown) => error);
    await pool.close();
    expect(await first).toBeInstanceOf(PoolClosedError);
    expect(processesMentioning(tmpDir)).toEqual([]);
    expect(readdirSync(tmpDir)).toEqual([]);
  });
});
