import type { Browser, Page } from 'puppeteer-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useRuntime } from '../helpers/app.js';
import { launchBrowser, listen, typeInto } from './browser.js';
import { csrfOf } from './form-fields.js';

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
  let browser: Browser;
  let server: { base: string; close: () => Promise<void> };
  beforeAll(async () => {
    [browser, server] = await Promise.all([launchBrowser(), listen(runtime.app)]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const errorText = (page: Page, id: string) =>
    page.$eval(`#${id}-error`, (element) => element.textContent ?? '').catch(() => '');

  it('marks a wrong field as it is left, and clears it once fixed', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.base}/formulaire/${ID}`);
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
});
