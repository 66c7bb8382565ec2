import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { useRuntime } from '../helpers/app.js';
import { pdfText } from '../helpers/pdf.js';
import { download, fillForm, submit, typeInto } from './browser.js';
import { DOCUMENT_CASES } from './document-cases.js';
import { sampleFields } from './form-fields.js';
import { useBrowser } from './use-browser.js';

/**
 * A person in real Chromium with JavaScript off: opens a form, fills it from the sample, makes
 * one mistake, sees it in the summary and at its field, corrects it, downloads the PDF.
 */
const runtime = useRuntime();
const web = useBrowser(() => runtime.app);

async function newPage(): Promise<Page> {
  const page = await web.browser.newPage();
  await page.setJavaScriptEnabled(false);
  await page.setViewport({ width: 360, height: 800 });
  return page;
}

describe('with JavaScript off', () => {
  it.each(DOCUMENT_CASES)(
    '$id: fill, see the mistake, correct it, download the PDF',
    async (test) => {
      const page = await newPage();
      const opened = await page.goto(`${web.base}/formulaire/${test.id}`);
      expect(opened?.status()).toBe(200);
      const fields = sampleFields(test.id);
      const right = fields[test.wrong.name] as string;
      await fillForm(page, { ...fields, [test.wrong.name]: test.wrong.value });

      const checked = await submit(page, 'verifier');
      expect(checked?.status()).toBe(422);
      const id = `f-${test.wrong.name.replace(/\./g, '-')}`;
      const summary = await page.$eval('[role="alert"]', (element) => ({
        heading: element.querySelector('h2')?.textContent,
        links: Array.from(element.querySelectorAll('a')).map((a) => ({
          href: a.getAttribute('href'),
          text: a.textContent,
        })),
      }));
      expect(summary.heading).toBe('Il y a un problème');
      expect(summary.links).toHaveLength(1);
      expect(summary.links[0]?.href).toBe(`#${id}`);
      expect(summary.links[0]?.text).toMatch(test.wrong.message);
      const field = await page.$eval(`#${id}`, (element) => ({
        invalid: element.getAttribute('aria-invalid'),
        describedBy: element.getAttribute('aria-describedby'),
        value: (element as HTMLInputElement).value,
      }));
      expect(field.invalid).toBe('true');
      expect(field.describedBy).toContain(`${id}-error`);
      expect(field.value).toBe(test.wrong.value);
      const message = await page.$eval(`#${id}-error`, (element) => element.textContent);
      expect(message).toContain(summary.links[0]?.text);
      // Following the summary's link lands on the field.
      await page.click(`[role="alert"] a[href="#${id}"]`);
      expect(await page.evaluate(() => location.hash)).toBe(`#${id}`);

      // The values typed before are still there: correct the one field, check again, download.
      await typeInto(page, `#${id}`, right);
      const rechecked = await submit(page, 'verifier');
      expect(rechecked?.status()).toBe(200);
      expect(await page.$eval('.success h2', (element) => element.textContent)).toBe(
        'Aucune erreur',
      );
      const pdf = await download(page, web.folder);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfText(pdf);
      for (const printed of test.printed) expect(text).toContain(printed);
      await page.close();
    },
    // The au pair convention's long form, typed key by key on a shared 2-core machine.
    60_000,
  );

  it('keeps every field labelled in the browser’s own accessibility tree', async () => {
    const page = await newPage();
    await page.goto(`${web.base}/formulaire/convention-au-pair`);
    const unlabelled = await page.$$eval(
      'input[name]:not([type=hidden]), select, textarea',
      (all) =>
        all
          .filter((element) => (element as HTMLInputElement).labels?.length === 0)
          .map((element) => element.getAttribute('name')),
    );
    expect(unlabelled).toEqual([]);
    await page.close();
  });
});
