import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { Express } from 'express';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { loadConfig } from '../../src/config.js';
import { REQUIRED_CHROMIUM_ARGS } from '../../src/engines/html/chromium.js';

/**
 * Chromium in French, as the pages' users run it. Debian's headless shell ships only the en-US
 * locale, so `--lang=fr-FR` alone leaves date inputs in American order (mm/dd/yyyy): this Blink
 * feature lays each form control out in its page's language instead (`<html lang="fr">`: day
 * first, 02/03/2026; see datesInPageLanguage). Its placeholder letters stay English
 * (dd/mm/yyyy): jj/mm/aaaa needs Chromium's French strings (Debian's chromium-l10n, which
 * brings the full chromium). `--accept-lang` makes navigator.language and Accept-Language French.
 */
const FRENCH = [
  '--lang=fr-FR',
  '--accept-lang=fr-FR,fr',
  '--enable-blink-features=LangAttributeAwareFormControlUI',
];

/** The project's Chromium (CHROMIUM_PATH, as the service finds it), headless, for page tests. */
export function launchBrowser(): Promise<Browser> {
  const { CHROMIUM_PATH } = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  return puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...REQUIRED_CHROMIUM_ARGS, ...FRENCH],
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
 * Lays the page's date inputs out again in the page's language. Blink lays a date input out as
 * the parser sets its `min`, before the input is in the page and knows its language, so it
 * keeps the browser's default (American) order; setting `min` again, in place, lays it out
 * anew. Works with JavaScript off (puppeteer's evaluation is not the page's script).
 */
export async function datesInPageLanguage(page: Page): Promise<void> {
  await page.$$eval('input[type="date"][min]', (inputs) =>
    inputs.forEach((input) => input.setAttribute('min', input.getAttribute('min') ?? '')),
  );
}

/**
 * Replaces a field's text by typing. A date input is typed in its segments, in the order of
 * the page's language, as launchBrowser lays them out (day first in French, month first in
 * American English).
 */
export async function typeInto(page: Page, selector: string, value: string): Promise<void> {
  const valueOf = () => page.$eval(selector, (element) => (element as HTMLInputElement).value);
  const type = await page.$eval(selector, (element) => (element as HTMLInputElement).type);
  if (type === 'date') {
    // Focused (a summary's link lands on it), it would keep its caret in a segment of the old
    // layout: typing starts from the first segment of a freshly focused input.
    await page.$eval(selector, (element) => (element as HTMLElement).blur());
    await datesInPageLanguage(page);
    const [year = '', month = '', day = ''] = value.split('-');
    const order = await page.$eval(selector, (element) =>
      new Intl.DateTimeFormat(element.closest('[lang]')?.getAttribute('lang') || navigator.language)
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

/**
 * Clicks "Télécharger" and returns the file the browser saves (into a new folder under `into`):
 * the post answers with an attachment, with or without JavaScript.
 */
export async function download(page: Page, into: string, extension = '.pdf'): Promise<Buffer> {
  const directory = await mkdtemp(join(into, 'dl-'));
  const cdp = await page.browser().target().createCDPSession();
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
