import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { Express } from 'express';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { loadConfig } from '../../src/config.js';
import { REQUIRED_CHROMIUM_ARGS } from '../../src/engines/html/chromium.js';

/** The project's Chromium (CHROMIUM_PATH, as the service finds it), headless, for page tests. */
export function launchBrowser(): Promise<Browser> {
  const { CHROMIUM_PATH } = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  return puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...REQUIRED_CHROMIUM_ARGS, '--lang=fr-FR'],
  });
}

/** The app on a free loopback port; its base URL and how to stop it. */
export async function listen(app: Express): Promise<{ base: string; close: () => Promise<void> }> {
  const server: Server = await new Promise((resolve) => {
    const started = app.listen(0, '127.0.0.1', () => resolve(started));
  });
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Fills a form as a person would: types into each text field by its name, picks radios and
 * options, types dates into the date inputs (day, month, year in French order).
 */
export async function fillForm(page: Page, fields: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(fields)) {
    const selector = `[name="${name}"]`;
    const kind = await page.$eval(selector, (element) =>
      element instanceof HTMLSelectElement ? 'select' : (element as HTMLInputElement).type,
    );
    if (kind === 'radio') await page.click(`${selector}[value="${value}"]`);
    else if (kind === 'select') await page.select(selector, value);
    else await typeInto(page, selector, value);
  }
}

/**
 * Replaces a field's text by typing. A date input is typed in its segments, in the order of
 * the browser's language (day first in French, month first in American English).
 */
export async function typeInto(page: Page, selector: string, value: string): Promise<void> {
  const valueOf = () => page.$eval(selector, (element) => (element as HTMLInputElement).value);
  const type = await page.$eval(selector, (element) => (element as HTMLInputElement).type);
  if (type === 'date') {
    const [year = '', month = '', day = ''] = value.split('-');
    const order = await page.evaluate(() =>
      new Intl.DateTimeFormat(navigator.language)
        .formatToParts(new Date(2027, 0, 11))
        .map((part) => part.type)
        .filter((type) => ['day', 'month', 'year'].includes(type)),
    );
    const parts: Record<string, string> = { day, month, year };
    await page.focus(selector);
    await page.keyboard.type(order.map((part) => parts[part]).join(''));
    if ((await valueOf()) !== value) throw new Error(`Could not type ${value} into ${selector}`);
    return;
  }
  await page.click(selector, { count: 3 });
  await page.keyboard.press('Backspace');
  await page.type(selector, value);
  if ((await valueOf()) !== value) throw new Error(`Could not type into ${selector}`);
}

/** Clicks a submit button and waits for the page the post answers with. */
export async function submit(page: Page, action: 'verifier' | 'telecharger') {
  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.click(`button[value="${action}"]`),
  ]);
  return response;
}

/** Clicks "Télécharger" and waits for the file the browser saves (under `into`). */
export async function download(
  browser: Browser,
  page: Page,
  into: string,
  extension = '.pdf',
): Promise<Buffer> {
  const directory = await mkdtemp(join(into, 'dl-'));
  const cdp = await browser.target().createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', {
    behavior: 'allow',
    downloadPath: directory,
    eventsEnabled: true,
  });
  const done = new Promise<void>((resolve, reject) => {
    cdp.on('Browser.downloadProgress', (event) => {
      if (event.state === 'completed') resolve();
      if (event.state === 'canceled') reject(new Error('download canceled'));
    });
  });
  await page.click('button[value="telecharger"]');
  await done;
  await cdp.detach();
  const [file] = await readdir(directory);
  if (!file?.endsWith(extension))
    throw new Error(`downloaded ${file ?? 'nothing'}, not ${extension}`);
  return readFile(join(directory, file));
}
