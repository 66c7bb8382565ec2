import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { constants } from 'node:fs';
import { access, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import puppeteer, {
  ProtocolError,
  TimeoutError,
  type Browser,
  type HTTPRequest,
  type Page,
  type PDFOptions,
} from 'puppeteer-core';
import {
  BrowserUnavailableError,
  PageCrashedError,
  PoolClosedError,
  PoolSaturatedError,
  RenderTimeoutError,
} from './pool-errors.js';

/**
 * Everything that talks to puppeteer (the only module importing it): launch, close, page set-up,
 * print. The pool above only schedules.
 *
 * Added to puppeteer's defaults (which already disable extensions, breakpad, translate, mute audio…).
 * `--no-sandbox`: the service runs as root in a container, where Chromium's sandbox cannot start;
 * pages run no JavaScript and reach no network, which is what makes that acceptable.
 * `--host-resolver-rules`: every host name AND IP literal fails to resolve, a browser-wide second
 * line behind the per-page request refusal (measured: 127.0.0.1 gives ERR_NAME_NOT_RESOLVED).
 */
/** The flags every Chromium of this project is launched with (the bench's bare baseline too). */
export const REQUIRED_CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const CHROMIUM_ARGS: readonly string[] = [
  ...REQUIRED_CHROMIUM_ARGS,
  '--disable-extensions',
  '--mute-audio',
  '--font-render-hinting=none',
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

export interface ChromiumInstance {
  browser: Browser;
  /** The binary launched (the configured path, or the one its shell wrapper runs). */
  binary: string;
  userDataDir: string;
  pid: number | undefined;
}

export interface LaunchOptions {
  executablePath: string;
  /** Parent of the temporary profile directory; the OS temp dir by default. */
  tmpDir?: string;
  /** The only fonts Chromium may use (see `fontConfig`); the system's when absent. */
  fontDirs?: readonly string[];
  timeoutMs: number;
}

export async function launchChromium(options: LaunchOptions): Promise<ChromiumInstance> {
  const { executablePath } = options;
  const userDataDir = await mkdtemp(join(options.tmpDir ?? tmpdir(), 'paperasse-chromium-'));
  try {
    const binary = await unwrapShellScript(executablePath);
    const fontConfigFile = options.fontDirs && (await fontConfig(userDataDir, options.fontDirs));
    const browser = await puppeteer.launch({
      executablePath: binary,
      env: fontConfigFile ? { ...process.env, FONTCONFIG_FILE: fontConfigFile } : process.env,
      // chromium-headless-shell prints about twice as fast as full Chromium's new headless mode.
      headless: basename(executablePath).includes('headless-shell') ? 'shell' : true,
      userDataDir,
      args: [...CHROMIUM_ARGS],
      // A pipe rather than a DevTools port: no local process can connect, and Chromium exits when
      // the pipe closes, even if Node is SIGKILLed (measured; with a websocket it survives).
      pipe: true,
      // The service's shutdown closes the pool; puppeteer still kills Chromium on process 'exit'.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      timeout: options.timeoutMs,
    });
    return { browser, binary, userDataDir, pid: browser.process()?.pid };
  } catch (error) {
    await removeDir(userDataDir);
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new BrowserUnavailableError(`Cannot launch Chromium at ${executablePath}: ${reason}`, {
      cause: error,
    });
  }
}

/**
 * Debian's /usr/bin/chromium-headless-shell is a `#!/bin/sh` script that runs the real binary
 * WITHOUT `exec`: puppeteer's child would be the shell, and killing it (or watching it exit) would
 * miss Chromium. A script whose only command is `/absolute/binary "$@"` is replaced by that binary.
 * (/usr/bin/chromium does `exec` after setting flags: it is left alone.)
 */
export async function unwrapShellScript(executablePath: string): Promise<string> {
  const script = await readHead(executablePath, 4096);
  if (!script.startsWith('#!') || script.length >= 4096) return executablePath;
  const commands = script
    .split('\n')
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const target = commands.length === 1 ? /^(\/\S+) "\$@"$/.exec(commands[0] ?? '')?.[1] : undefined;
  if (!target) return executablePath;
  const executable = await access(target, constants.X_OK).then(
    () => true,
    () => false,
  );
  return executable ? target : executablePath;
}

/**
 * A fontconfig file that shows Chromium these directories and nothing else: templates name the
 * family without `@font-face`, and no system font can stand in for a missing glyph. Measured on
 * one A4 page: ~28 ms per render, against ~230 ms with the four 410 kB faces as data: URIs
 * (2.1 MB of base64 sent, parsed and decoded on every render).
 */
export async function fontConfig(
  userDataDir: string,
  fontDirs: readonly string[],
): Promise<string> {
  const xml = (text: string) =>
    text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const dirs = fontDirs.map((dir) => `  <dir>${xml(resolve(dir))}</dir>`).join('\n');
  const file = join(userDataDir, 'fonts.conf');
  await writeFile(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n` +
      `<fontconfig>\n${dirs}\n  <cachedir>${xml(join(userDataDir, 'fontconfig'))}</cachedir>\n</fontconfig>\n`,
  );
  return file;
}

/** The first bytes of a file (a binary is 200 MB: never read it whole); '' if unreadable. */
async function readHead(path: string, bytes: number): Promise<string> {
  const file = await open(path, 'r').catch(() => undefined);
  if (!file) return '';
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(bytes), 0, bytes, 0);
    return buffer.subarray(0, bytesRead).toString('latin1');
  } catch {
    return '';
  } finally {
    await file.close();
  }
}

/** Closes Chromium, killing its process group if it does not exit within graceMs; removes its profile. */
export async function closeChromium(instance: ChromiumInstance, graceMs = 3_000): Promise<void> {
  const closed = await withinMs(instance.browser.close(), graceMs);
  if (!closed) killChromium(instance);
  const child = instance.browser.process();
  if (child && isRunning(child)) {
    const exited = await withinMs(once(child, 'exit'), graceMs);
    if (!exited) killChromium(instance);
  }
  await removeDir(instance.userDataDir);
}

/**
 * SIGKILLs Chromium and its renderers: puppeteer spawns it as the leader of its own process group.
 * Only while Node has not reaped it, so that a recycled pid is never signalled.
 */
export function killChromium(instance: ChromiumInstance): void {
  const child = instance.browser.process();
  if (!child || !isRunning(child) || child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
}

export interface RenderPage {
  page: Page;
  /** Renders completed on this page (it is replaced after `recycleAfter`). */
  uses: number;
  /** Requests refused since the counter was last reset (a template asking for the network). */
  blockedRequests: number;
  /** Its renderer crashed or was killed (even while idle): the page is never used again. */
  crashed: boolean;
}

/**
 * A page opens in well under a second (measured: 70 to 230 ms). When its renderer dies while it
 * opens, `browser.newPage()` never settles (measured: until Chromium closes): past this, the
 * page counts as crashed.
 */
const OPEN_PAGE_TIMEOUT_MS = 5_000;

/** A page that runs no JavaScript and reaches nothing: only data: URLs (fonts, images) load. */
export async function openRenderPage(
  browser: Browser,
  timeoutMs = OPEN_PAGE_TIMEOUT_MS,
): Promise<RenderPage> {
  const opening = setUpPage(browser);
  if ((await settleWithin(opening, timeoutMs)) === 'timeout') {
    opening.then((late) => late.page.close()).catch(() => undefined);
    throw new PageCrashedError(`Chromium did not open a page within ${timeoutMs} ms`);
  }
  return opening;
}

async function setUpPage(browser: Browser): Promise<RenderPage> {
  const page = await browser.newPage();
  const renderPage: RenderPage = { page, uses: 0, blockedRequests: 0, crashed: false };
  page.on('error', () => {
    renderPage.crashed = true;
  });
  try {
    await page.setJavaScriptEnabled(false);
    await page.setOfflineMode(true);
    await page.setRequestInterception(true);
    page.on('request', (request) => refuseNetwork(request, renderPage));
    return renderPage;
  } catch (error) {
    await page.close().catch(() => undefined);
    throw error;
  }
}

// data: URLs do reach the interceptor (measured) and must be let through; file:// never does,
// Chromium refuses it from an about:blank document by itself (also measured and tested).
function refuseNetwork(request: HTTPRequest, renderPage: RenderPage): void {
  if (request.isInterceptResolutionHandled()) return;
  const url = request.url();
  if (url.startsWith('data:') || url === 'about:blank') {
    request.continue().catch(() => undefined);
    return;
  }
  renderPage.blockedRequests += 1;
  request.abort('blockedbyclient').catch(() => undefined);
}

export interface PdfOptions {
  format?: 'A4';
  landscape?: boolean;
  /** Margins of the printer; the templates set theirs with CSS `@page`, which wins. */
  marginsMm?: { top: number; right: number; bottom: number; left: number };
  displayHeaderFooter?: false;
}

/**
 * Loads the HTML into a reused page and prints it. `setContent` waits for `load` (never
 * `networkidle0`: ~2 s per document, and it can hang on a reused page). `page.pdf` waits for
 * `document.fonts.ready` (its `waitForFonts` default, which works with JavaScript disabled), and
 * `@font-face` fonts given as data: URIs are embedded as subsets.
 */
export async function printPdf(
  page: Page,
  html: string,
  options: PdfOptions,
  deadline: number,
): Promise<Uint8Array> {
  await page.setContent(html, { waitUntil: 'load', timeout: msUntil(deadline) });
  return page.pdf(pdfOptions(options, deadline));
}

/** page.pdf's options: the measuring print (measure-boxes.ts) must lay out as the real one. */
export function pdfOptions(options: PdfOptions, deadline: number): PDFOptions {
  const margins = options.marginsMm ?? { top: 0, right: 0, bottom: 0, left: 0 };
  return {
    format: options.format ?? 'A4',
    landscape: options.landscape ?? false,
    printBackground: true,
    preferCSSPageSize: true,
    displayHeaderFooter: false,
    margin: {
      top: `${margins.top}mm`,
      right: `${margins.right}mm`,
      bottom: `${margins.bottom}mm`,
      left: `${margins.left}mm`,
    },
    waitForFonts: true,
    timeout: msUntil(deadline),
  };
}

/** Puppeteer reads a timeout of 0 as "none": never pass less than 1 ms. */
export function msUntil(deadline: number): number {
  return Math.max(1, Math.ceil(deadline - performance.now()));
}

/**
 * Rejects with PageCrashedError as soon as the page's renderer dies. Needed: killed during
 * `setContent`, puppeteer waits for a `load` that never comes until its own timeout (measured:
 * the whole render deadline); during `printToPDF` it fails at once ("Printing failed").
 */
export function watchCrash(slot: RenderPage): { crashed: Promise<never>; stop(): void } {
  let onError: ((error: Error) => void) | undefined;
  const crashed = new Promise<never>((_, reject) => {
    const fail = (cause?: Error) =>
      reject(new PageCrashedError('The Chromium page crashed during the render', { cause }));
    if (slot.crashed) {
      fail();
      return;
    }
    onError = (error) => fail(error);
    slot.page.once('error', onError);
  });
  crashed.catch(() => undefined);
  return {
    crashed,
    stop: () => {
      if (onError) slot.page.off('error', onError);
    },
  };
}

/**
 * How puppeteer says a page's renderer is gone (killed, out of memory, crashed) while Chromium
 * lives on: its ProtocolError and TargetCloseError ("Protocol error (Page.printToPDF): Printing
 * failed", "Target closed", "Session closed. Most likely the page has been closed.", "Connection
 * closed."), and the page's own "Page crashed!" and detached frames.
 */
const PAGE_GONE =
  /Protocol error|Printing failed|Target closed|Session closed|Connection closed|Page crashed|frame was detached/i;

/**
 * A failure of puppeteer as the pool's own error: a page whose renderer is gone becomes
 * PageCrashedError (retried once, then 503 RENDERER_UNAVAILABLE), puppeteer's own timeout a
 * RenderTimeoutError (503 RENDER_TIMEOUT). Anything else (our own errors, a bug) is left as is.
 */
export function chromiumFailure(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const ours = [BrowserUnavailableError, RenderTimeoutError, PoolClosedError, PoolSaturatedError];
  if (ours.some((kind) => error instanceof kind)) return error;
  const message = error.message.split('\n')[0] ?? '';
  if (error instanceof TimeoutError) return new RenderTimeoutError(message, { cause: error });
  if (error instanceof ProtocolError || PAGE_GONE.test(message)) {
    return new PageCrashedError(`The Chromium page failed during the render: ${message}`, {
      cause: error,
    });
  }
  return error;
}

export type Settled = 'done' | 'failed' | 'timeout';

/** How a promise ended within ms, without ever rejecting. */
export function settleWithin(promise: Promise<unknown>, ms: number): Promise<Settled> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), ms);
    promise.then(
      () => resolve('done'),
      () => resolve('failed'),
    );
    promise.finally(() => clearTimeout(timer)).catch(() => undefined);
  });
}

async function withinMs(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return (await settleWithin(promise, ms)) === 'done';
}
