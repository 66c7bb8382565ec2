import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useRuntime } from '../helpers/app.js';
import { drawnImages } from '../helpers/image-boxes.js';
import { pdfText } from '../helpers/pdf.js';
import { transparentSignature } from '../uploads/image-fixtures.js';
import { download, fillForm, submit } from './browser.js';
import { sampleFields } from './form-fields.js';
import { useBrowser } from './use-browser.js';

/**
 * A person attaching files in real Chromium, JavaScript off: a file that is not an image is
 * refused at its input; the right one is placed in its box in the downloaded PDF.
 */
const runtime = useRuntime();
const ATMP = 'attestation-atmp-stage-etranger';
const web = useBrowser(() => runtime.app);

beforeAll(async () => {
  await writeFile(join(web.folder, 'signature.png'), 'ceci n’est pas une image');
  await writeFile(join(web.folder, 'vraie-signature.png'), await transparentSignature());
});

async function choose(page: Page, selector: string, file: string): Promise<void> {
  const input = (await page.$(selector)) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(join(web.folder, file));
}

describe('with JavaScript off', () => {
  it('refuses a bad file at its input, then places the right one in the PDF', async () => {
    const page = await web.browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setViewport({ width: 360, height: 800 });
    await page.goto(`${web.base}/formulaire/${ATMP}`);
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
    const pdf = await download(page, web.folder);
    expect(pdfText(pdf)).toContain('Héloïse');
    expect((await drawnImages(pdf)).length).toBe(1);
    await page.close();
  });
});
