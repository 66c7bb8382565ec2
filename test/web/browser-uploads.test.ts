import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useRuntime } from '../helpers/app.js';
import { drawnImages } from '../helpers/image-boxes.js';
import { pdfText } from '../helpers/pdf.js';
import { transparentSignature } from '../uploads/image-fixtures.js';
import { download, fillForm, launchBrowser, listen, submit } from './browser.js';
import { sampleFields } from './form-fields.js';

/**
 * A person attaching files in real Chromium, JavaScript off: a file that is not an image is
 * refused at its input; the right one is placed in its box in the downloaded PDF.
 */
const runtime = useRuntime();
const ATMP = 'attestation-atmp-stage-etranger';
let browser: Browser;
let server: { base: string; close: () => Promise<void> };
let folder: string;

beforeAll(async () => {
  [browser, server, folder] = await Promise.all([
    launchBrowser(),
    listen(runtime.app),
    mkdtemp(join(tmpdir(), 'paperasse-uploads-')),
  ]);
  await writeFile(join(folder, 'signature.png'), 'ceci n’est pas une image');
  await writeFile(join(folder, 'vraie-signature.png'), await transparentSignature());
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

async function choose(page: Page, selector: string, file: string): Promise<void> {
  const input = (await page.$(selector)) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(join(folder, file));
}

describe('with JavaScript off', () => {
  it('refuses a bad file at its input, then places the right one in the PDF', async () => {
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setViewport({ width: 360, height: 800 });
    await page.goto(`${server.base}/formulaire/${ATMP}`);
    await fillForm(page, sampleFields(ATMP));
    await choose(page, '#fichier-signature', 'signature.png');

    const refused = await submit(page, 'verifier');
    expect(refused?.status()).toBe(415);
    const links = await page.$$eval('[role="alert"] a', (all) =>
      all.map((a) => [a.getAttribute('href'), a.textContent]),
    );
    expect(links).toEqual([['#fichier-signature', expect.stringMatching(/ni un PNG, ni un JPEG/)]]);
    const input = await page.$eval('#fichier-signature', (element) => ({
      invalid: element.getAttribute('aria-invalid'),
      describedBy: element.getAttribute('aria-describedby'),
    }));
    expect(input.invalid).toBe('true');
    expect(input.describedBy).toContain('fichier-signature-error');
    expect(await page.$eval('#fichier-signature-error', (element) => element.textContent)).toMatch(
      /ni un PNG/,
    );
    // The browser kept the typed values, not the file: the page says so at the input.
    expect(
      await page.$eval('#f-eleve-nomNaissance', (element) => (element as HTMLInputElement).value),
    ).toBe(sampleFields(ATMP)['eleve.nomNaissance']);
    expect(await page.$eval('.sent', (element) => element.textContent)).toContain('signature.png');

    await choose(page, '#fichier-signature', 'vraie-signature.png');
    const pdf = await download(page, folder);
    expect(pdfText(pdf)).toContain('Héloïse');
    expect((await drawnImages(pdf)).length).toBe(1);
    await page.close();
  });
});
