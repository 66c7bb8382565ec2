import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';
import type { AxeResults } from 'axe-core';
import { describe, expect, it } from 'vitest';
import { useRuntime } from '../helpers/app.js';
import { typeInto } from './browser.js';
import { useBrowser } from './use-browser.js';

/**
 * axe-core, run in each page in real Chromium: no violation of WCAG 2.x levels A and AA on the
 * home page, each document's form, a form showing its errors, and the attestation d'accueil page,
 * at a phone's width and a desktop's. (The pages' policy forbids inline scripts: the test lets
 * its own axe script in by bypassing the CSP, which the pages themselves never need.)
 */
const runtime = useRuntime();
const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const web = useBrowser(() => runtime.app);

async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axeSource });
  const results = (await page.evaluate(() =>
    (window as unknown as { axe: { run(options: object): Promise<unknown> } }).axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }),
  )) as AxeResults;
  return results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.nodes
        .slice(0, 3)
        .map((node) => node.target.join(' '))
        .join(', ')}`,
  );
}

async function open(path: string, width: number): Promise<Page> {
  const page = await web.browser.newPage();
  await page.setBypassCSP(true);
  await page.setViewport({ width, height: 900 });
  await page.goto(`${web.base}${path}`);
  return page;
}

const PAGES = [
  '/',
  '/attestation-accueil',
  '/classe/attestation-atmp-stage-etranger',
  ...documentIds().map((id) => `/formulaire/${id}`),
];

/** The four documents' ids, known without starting the runtime (its catalog is the registry's). */
function documentIds(): string[] {
  return [
    'attestation-atmp-stage-etranger',
    'convention-au-pair',
    'declaration-embauche-emploi-familial',
    'attestation-hebergement',
  ];
}

it('finds violations where there are some (the check can fail)', async () => {
  const page = await web.browser.newPage();
  await page.setContent('<html><body><img src="x.png"><input name="nom"></body></html>');
  const found = await violations(page);
  expect(found.join('\n')).toMatch(/image-alt/);
  expect(found.join('\n')).toMatch(/label/);
  await page.close();
});

describe.each([360, 1280])('at %i px wide', (width) => {
  it.each(PAGES)('%s has no WCAG A or AA violation', async (path) => {
    const page = await open(path, width);
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it('a form showing its errors has none either', async () => {
    const page = await open('/formulaire/attestation-atmp-stage-etranger', width);
    await typeInto(page, '[name="eleve.nir"]', '2 95 10 99 126 111 94');
    await Promise.all([page.waitForNavigation(), page.click('button[value="verifier"]')]);
    expect(await page.$('[role="alert"]')).not.toBeNull();
    expect(await violations(page)).toEqual([]);
    await page.close();
  });
});
