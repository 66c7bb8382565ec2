/**
 * The bare Chromium baseline: puppeteer-core's `page.pdf` on ONE reused page of a Chromium
 * launched with the pool's base flags and `headless: 'shell'`, printing the HTML the engine
 * prints. No request interception, no offline mode, JavaScript left on, no pdf-lib metadata pass,
 * no queue, no deadline. Fonts: the pool's own fontconfig file (fonts/ as the only directory).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import {
  fontConfig,
  removeDir,
  REQUIRED_CHROMIUM_ARGS,
  unwrapShellScript,
} from '../src/engines/html/chromium.js';
import { fontsDir } from '../src/paths.js';

/** The flags every Chromium here must have, without the pool's extras (see chromium.ts). */
export const BARE_ARGS = REQUIRED_CHROMIUM_ARGS;

export interface BarePrinter {
  /** The browser process (the root of its tree, for memory). */
  pid: number | undefined;
  print(html: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

export async function launchBare(executablePath: string): Promise<BarePrinter> {
  const dir = await mkdtemp(join(tmpdir(), 'paperasse-bench-'));
  const fontsConf = await fontConfig(dir, [fontsDir]);
  const browser = await puppeteer.launch({
    // The binary Debian's wrapper script runs (it does not `exec`), as the pool launches it.
    executablePath: await unwrapShellScript(executablePath),
    headless: 'shell',
    args: [...BARE_ARGS],
    env: { ...process.env, FONTCONFIG_FILE: fontsConf },
    userDataDir: join(dir, 'profile'),
    // The pool's transport too: a pipe, not a DevTools websocket.
    pipe: true,
  });
  const page = await browser.newPage();
  return {
    pid: browser.process()?.pid,
    async print(html) {
      await page.setContent(html, { waitUntil: 'load' });
      return page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    },
    async close() {
      await browser.close();
      await removeDir(dir);
    },
  };
}

/** Does a PDF name Liberation Sans, i.e. did the fontconfig file reach Chromium? */
export const embedsLiberation = (pdf: Uint8Array) => Buffer.from(pdf).includes('LiberationSans');
