import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, listen } from './browser.js';

/** What a browser test works with: the browser, the app's address, a folder of its own. */
export interface BrowserTest {
  readonly browser: Browser;
  /** `http://127.0.0.1:<port>`: the app being tested. */
  readonly base: string;
  /** A temporary folder for files to upload and downloads, removed after the tests. */
  readonly folder: string;
}

/**
 * The project's Chromium and the app on a free port, started before the tests of the file (or
 * of the describe it is called in) and stopped after, with a temporary folder.
 */
export function useBrowser(app: () => Express): BrowserTest {
  let browser: Browser | undefined;
  let server: { base: string; close: () => Promise<void> } | undefined;
  let folder: string | undefined;
  beforeAll(async () => {
    [browser, server, folder] = await Promise.all([
      launchBrowser(),
      listen(app()),
      mkdtemp(join(tmpdir(), 'paperasse-browser-')),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the browser is used outside the tests');
    return value;
  };
  return {
    get browser() {
      return started(browser);
    },
    get base() {
      return started(server).base;
    },
    get folder() {
      return started(folder);
    },
  };
}
