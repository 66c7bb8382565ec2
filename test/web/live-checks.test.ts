import type { Page } from 'puppeteer-core';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useRuntime } from '../helpers/app.js';
import { pdfText } from '../helpers/pdf.js';
import { download, fillForm, typeInto } from './browser.js';
import { DOCUMENT_CASES } from './document-cases.js';
import { csrfOf, sampleFields } from './form-fields.js';
import { useBrowser } from './use-browser.js';

/**
 * With JavaScript on, a field is checked as the person leaves it, by the same rules and messages
 * as the API: the error appears at the field, and goes when the field is fixed. Fields not yet
 * left are not marked. (Without JavaScript the page is the same, checked on submit.)
 */
const ID = 'attestation-atmp-stage-etranger';
const runtime = useRuntime();

describe('POST /formulaire/{id}/controle', () => {
  it('answers the errors by field name, with the CSRF pair, and 403 without it', async () => {
    const { cookie, token } = csrfOf(await request(runtime.app).get(`/formulaire/${ID}`));
    const answer = await request(runtime.app)
      .post(`/formulaire/${ID}/controle`)
      .set('Cookie', cookie)
      .type('form')
      .send({
        _csrf: token,
        'eleve.nir': '2 95 10 99 126 111 94',
        'stage.dateDebut': '31/02/2027',
      });
    expect(answer.status).toBe(200);
    const errors = answer.body.errors as Record<string, string>;
    expect(errors['eleve.nir']).toMatch(/clé/i);
    expect(Object.keys(errors).length).toBeGreaterThan(3);
    const refused = await request(runtime.app)
      .post(`/formulaire/${ID}/controle`)
      .type('form')
      .send({ 'eleve.nir': '1' });
    expect(refused.status).toBe(403);
  });
});

describe('in a browser with JavaScript on', () => {
  const web = useBrowser(() => runtime.app);

  const errorText = (page: Page, id: string) =>
    page.$eval(`#${id}-error`, (element) => element.textContent ?? '').catch(() => '');

  it('marks a wrong field as it is left, and clears it once fixed', async () => {
    const page = await web.browser.newPage();
    await page.goto(`${web.base}/formulaire/${ID}`);
    const nir = await page.$eval('[name="eleve.nir"]', (element) => element.id);
    await typeInto(page, '[name="eleve.nir"]', '2 95 10 99 126 111 94');
    await page.keyboard.press('Tab');
    await page.waitForSelector(`#${nir}-error`);
    expect(await errorText(page, nir)).toMatch(/clé/i);
    expect(await page.$eval(`#${nir}`, (input) => input.getAttribute('aria-invalid'))).toBe('true');
    // Fields never left stay unmarked, though empty.
    expect(await page.$$('.error-message')).toHaveLength(1);

    await typeInto(page, '[name="eleve.nir"]', '2 95 10 99 126 111 93');
    await page.keyboard.press('Tab');
    await page.waitForSelector(`#${nir}-error`, { hidden: true });
    expect(await page.$eval(`#${nir}`, (input) => input.getAttribute('aria-invalid'))).toBeNull();
    await page.close();
  });

  /**
   * Leaves the focused field as a person does, with Tab: in a date input Tab may first move
   * between its day, month and year, so Tab until the focus is elsewhere.
   */
  async function leave(page: Page): Promise<void> {
    const focusedName = () => page.evaluate(() => document.activeElement?.getAttribute('name'));
    const name = await focusedName();
    for (let tabs = 0; tabs < 4 && name && (await focusedName()) === name; tabs += 1) {
      await page.keyboard.press('Tab');
    }
  }

  // Every document, one page after another in the one browser.
  it.each(DOCUMENT_CASES)(
    '$id: filled from the sample, a mistake shown and cleared in place, the PDF downloaded',
    async (test) => {
      const page = await web.browser.newPage();
      await page.goto(`${web.base}/formulaire/${test.id}`);
      const fields = sampleFields(test.id);
      await fillForm(page, fields);
      await leave(page);
      // Every field left holds the sample's right value: nothing is marked.
      await page.waitForNetworkIdle({ idleTime: 300 });
      expect(
        await page.$$eval('.error-message', (all) => all.map((one) => one.textContent)),
      ).toEqual([]);
      // A mark on this page's window: still there, the page was not loaded again.
      await page.evaluate(() => Object.assign(window, { samePage: true }));

      const selector = `[name="${test.wrong.name}"]`;
      const id = await page.$eval(selector, (element) => element.id);
      await typeInto(page, selector, test.wrong.value);
      await leave(page);
      await page.waitForSelector(`#${id}-error`);
      expect(await errorText(page, id)).toMatch(test.wrong.message);
      const marked = await page.$eval(`#${id}`, (input) => ({
        invalid: input.getAttribute('aria-invalid'),
        describedBy: input.getAttribute('aria-describedby'),
      }));
      expect(marked.invalid).toBe('true');
      expect(marked.describedBy).toContain(`${id}-error`);
      expect(await page.$$('.error-message')).toHaveLength(1);
      expect(await page.evaluate(() => 'samePage' in window)).toBe(true);
      expect(await page.$('[role="alert"]')).toBeNull();

      await typeInto(page, selector, fields[test.wrong.name] as string);
      await leave(page);
      await page.waitForSelector(`#${id}-error`, { hidden: true });
      expect(await page.$eval(`#${id}`, (input) => input.getAttribute('aria-invalid'))).toBeNull();
      expect(await page.evaluate(() => 'samePage' in window)).toBe(true);

      const text = pdfText(await download(page, web.folder));
      for (const printed of test.printed) expect(text).toContain(printed);
      await page.close();
    },
    // The au pair convention's long form, typed key by key on a shared 2-core machine.
    60_000,
  );
});
