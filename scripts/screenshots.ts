/**
 * Screenshots of the web pages at 360 px (a phone) and 1280 px wide, in the project's Chromium,
 * into docs/screenshots/ (shown in README). The form is filled from its sample with one mistake
 * for the error state. Usage: npx tsx scripts/screenshots.ts
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { loadConfig } from '../src/config.js';
import { createRuntime } from '../src/edges/http/runtime.js';
import { createLogger } from '../src/logger.js';
import { projectRoot } from '../src/paths.js';
import { datesInPageLanguage, fillForm, launchBrowser, listen } from '../test/web/browser.js';
import { sampleFields } from '../test/web/form-fields.js';

const FORM = 'attestation-atmp-stage-etranger';
const WIDTHS = [360, 1280];
const outDir = join(projectRoot, 'docs', 'screenshots');
mkdirSync(outDir, { recursive: true });

const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
const runtime = createRuntime(config, createLogger(config.LOG_LEVEL));
const server = await listen(runtime.app);
const browser = await launchBrowser();
// A text file under an image's name: what the file input's refusal is shown with.
const notAnImage = join(mkdtempSync(join(tmpdir(), 'paperasse-shots-')), 'signature.png');
writeFileSync(notAnImage, 'ceci n’est pas une image');

async function shoot(page: Page, name: string, fullPage: boolean): Promise<void> {
  // Dates as a French browser shows them (day first), whatever the headless shell's locale.
  await datesInPageLanguage(page);
  const path = join(outDir, `${name}.png`) as `${string}.png`;
  await page.screenshot({ path, fullPage });
  console.log(path);
}

try {
  for (const width of WIDTHS) {
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setViewport({ width, height: width < 600 ? 800 : 900 });
    await page.goto(`${server.base}/`);
    await shoot(page, `accueil-${width}`, true);
    await page.goto(`${server.base}/formulaire/${FORM}`);
    await shoot(page, `formulaire-${width}`, true);
    await fillForm(page, { ...sampleFields(FORM), 'eleve.nir': '2 95 10 99 126 111 94' });
    await Promise.all([page.waitForNavigation(), page.click('button[value="verifier"]')]);
    await shoot(page, `erreur-resume-${width}`, false);
    await page.click('[role="alert"] a');
    // The field's label, message and box in view (the link lands on the box itself).
    await page.evaluate(() => {
      document.querySelector(location.hash)?.closest('.field')?.scrollIntoView();
      window.scrollBy(0, -16);
    });
    await shoot(page, `erreur-champ-${width}`, false);
    // A file that is not an image, refused at its input (the values typed are kept).
    await page.goto(`${server.base}/formulaire/${FORM}`);
    await fillForm(page, sampleFields(FORM));
    const signature = (await page.$('#fichier-signature')) as ElementHandle<HTMLInputElement>;
    await signature.uploadFile(notAnImage);
    await Promise.all([page.waitForNavigation(), page.click('button[value="verifier"]')]);
    await page.evaluate(() => {
      document.querySelector('#fichier-signature')?.closest('.field')?.scrollIntoView();
      window.scrollBy(0, -16);
    });
    await shoot(page, `erreur-fichier-${width}`, false);
    await page.goto(`${server.base}/attestation-accueil`);
    await shoot(page, `attestation-accueil-${width}`, true);
    await page.goto(`${server.base}/classe/${FORM}`);
    await shoot(page, `classe-${width}`, true);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
  await runtime.close();
}
