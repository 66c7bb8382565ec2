import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ElementHandle } from 'puppeteer-core';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { templateColumns } from '../../src/edges/batch/index.js';
import { rowCells } from '../../src/edges/batch/template-sheet.js';
import { inputSchema, windows1252Csv } from '../batch/sheets.js';
import { useRuntime } from '../helpers/app.js';
import { asBytes } from '../helpers/http.js';
import { pdfText } from '../helpers/pdf.js';
import { loadSample } from '../helpers/samples.js';
import { unzip } from '../helpers/zip.js';
import { download } from './browser.js';
import { csrfOf } from './form-fields.js';
import { useBrowser } from './use-browser.js';

/**
 * A school's class page (/classe/{id}): the class spreadsheet uploaded, "Vérifier" shows the
 * report row by row, "Télécharger" gives the ZIP; in real Chromium with JavaScript off too.
 */
const ID = 'attestation-atmp-stage-etranger';
const runtime = useRuntime();
const sample = loadSample(ID) as { eleve: Record<string, unknown> };
const columns = templateColumns(inputSchema(ID), sample);

/** Three students saved by French Excel; the second one's NIR key is wrong (line 3). */
function classCsv(): Buffer {
  const student = (nom: string, nir?: string) =>
    rowCells(columns, {
      ...sample,
      eleve: { ...sample.eleve, nomNaissance: nom, ...(nir ? { nir } : {}) },
    });
  return Buffer.from(
    windows1252Csv([
      columns.map((column) => column.header),
      student('Lefèvre'),
      student('Cœur', '2 95 10 99 126 111 00'),
      student('Dubœuf'),
    ]),
  );
}

describe('the class page over HTTP', () => {
  it('offers the model spreadsheets and an upload, linked from the home page', async () => {
    const home = await request(runtime.app).get('/');
    expect(home.text).toContain(`href="/classe/${ID}"`);
    const page = await request(runtime.app).get(`/classe/${ID}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`/v1/batch/${ID}/template.xlsx`);
    expect(page.text).toMatch(/<label class="label" for="classe-fichier">/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('answers a French 404 page for an unknown document, to GET and to POST', async () => {
    const get = await request(runtime.app).get('/classe/inconnu');
    expect(get.status).toBe(404);
    expect(get.text).toContain('Document introuvable');
    const post = await request(runtime.app)
      .post('/classe/inconnu')
      .attach('file', classCsv(), 'classe.csv');
    expect(post.status).toBe(404);
  });

  it('refuses a post without its CSRF token', async () => {
    const response = await request(runtime.app)
      .post(`/classe/${ID}`)
      .field('action', 'verifier')
      .attach('file', classCsv(), 'classe.csv');
    expect(response.status).toBe(403);
  });

  it('shows the report row by row on "Vérifier", then answers the ZIP on "Télécharger"', async () => {
    const { cookie, token } = csrfOf(await request(runtime.app).get(`/classe/${ID}`));
    const post = (action: string) =>
      request(runtime.app)
        .post(`/classe/${ID}`)
        .set('Cookie', cookie)
        .field('_csrf', token)
        .field('action', action)
        .field('output', 'zip')
        .attach('file', classCsv(), 'classe.csv');
    const checked = await post('verifier');
    expect(checked.status).toBe(200);
    expect(checked.text).toContain('2 lignes prêtes sur 3');
    expect(checked.text).toMatch(
      /<th scope="row">3<\/th><td><\/td><td>refusée<\/td><td><p>eleve\.nir : La clé du NIR est incorrecte/,
    );
    const zip = await asBytes(post('telecharger'));
    expect(zip.status).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    expect([...unzip(zip.body as Buffer).keys()].sort()).toEqual([
      'Dubœuf-Héloïse.pdf',
      'Lefèvre-Héloïse.pdf',
      'rapport.csv',
    ]);
  });
});

describe('the values the class shares, typed once on the page', () => {
  /** Two students, the school and signature columns left empty. */
  function withoutSchool(): Buffer {
    const student = (nom: string) =>
      rowCells(columns, {
        ...sample,
        etablissement: undefined,
        signature: undefined,
        eleve: { ...sample.eleve, nomNaissance: nom },
      });
    return Buffer.from(
      windows1252Csv([
        columns.map((column) => column.header),
        student('Lefèvre'),
        student('Dubœuf'),
      ]),
    );
  }

  async function postClass(fields: Record<string, string>, action = 'verifier') {
    const { cookie, token } = csrfOf(await request(runtime.app).get(`/classe/${ID}`));
    let post = request(runtime.app).post(`/classe/${ID}`).set('Cookie', cookie);
    post = post.field('_csrf', token);
    for (const [name, value] of Object.entries(fields)) post = post.field(name, value);
    post = post.field('action', action).field('output', 'zip');
    post = post.attach('file', withoutSchool(), 'classe.csv');
    return action === 'telecharger' ? asBytes(post) : post;
  }

  const SCHOOL = {
    'etablissement.denomination': 'Lycée Émile-Zola',
    'etablissement.adresse.numero': '12',
    'etablissement.adresse.voie': 'rue de l’Église',
    'etablissement.adresse.codePostal': '35000',
    'etablissement.adresse.localite': 'Rennes',
    'signature.date': '2026-11-20',
  };

  it('shows the shared sections as a form of their own, generated from the schema', async () => {
    const page = await request(runtime.app).get(`/classe/${ID}`);
    expect(page.text).toContain('Commun à toute la classe');
    for (const name of Object.keys(SCHOOL)) expect(page.text).toContain(`name="${name}"`);
    // Only the shared sections: each student's own values come from the spreadsheet.
    expect(page.text).not.toContain('name="eleve.nir"');
  });

  it('prints the school typed on the page on every student’s document', async () => {
    const zip = await postClass(SCHOOL, 'telecharger');
    expect(zip.status).toBe(200);
    const files = unzip(zip.body as Buffer);
    const pdfs = [...files.keys()].filter((name) => name.endsWith('.pdf'));
    expect(pdfs).toHaveLength(2);
    for (const name of pdfs) {
      const text = pdfText(files.get(name) as Uint8Array);
      expect(text).toContain('Lycée Émile-Zola');
      expect(text).toContain('Rennes');
    }
  });

  it('shows a shared value left out at its field, once, and in the summary', async () => {
    const rest = Object.fromEntries(
      Object.entries(SCHOOL).filter(([name]) => name !== 'etablissement.denomination'),
    );
    const response = await postClass(rest);
    expect(response.status).toBe(422);
    expect(response.text).toMatch(
      /<input type="text" id="f-etablissement-denomination"[^>]*aria-invalid="true"/,
    );
    expect(response.text).toMatch(/role="alert"[\s\S]*href="#f-etablissement-denomination"/);
    // What was typed is kept.
    expect(response.text).toContain('value="Rennes"');
  });

  it('refuses a shared value that cannot be read, before reading the spreadsheet', async () => {
    const response = await postClass({ ...SCHOOL, 'signature.date': '31/02/2026' });
    expect(response.status).toBe(422);
    expect(response.text).toMatch(
      /<input type="date"[^>]*id="f-signature-date"[^>]*aria-invalid="true"/,
    );
    expect(response.text).not.toContain('id="rapport"');
  });
});

describe('the class page in a browser, JavaScript off', () => {
  const web = useBrowser(() => runtime.app);

  it('uploads the class, shows the refused row, and downloads the ZIP', async () => {
    const csv = join(web.folder, 'classe.csv');
    await writeFile(csv, classCsv());
    const page = await web.browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setViewport({ width: 360, height: 800 });
    await page.goto(`${web.base}/classe/${ID}`);
    const input = (await page.$('#classe-fichier')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(csv);
    await Promise.all([page.waitForNavigation(), page.click('button[value="verifier"]')]);
    const report = await page.$eval('table.report', (table) => table.textContent ?? '');
    expect(report).toContain('refusée');
    expect(report).toContain('eleve.nir');

    // The file input is empty again on the answered page: the class is chosen once more.
    const again = (await page.$('#classe-fichier')) as ElementHandle<HTMLInputElement>;
    await again.uploadFile(csv);
    const zip = await download(page, web.folder, '.zip');
    const names = [...unzip(zip).keys()];
    expect(names.filter((name) => name.endsWith('.pdf'))).toHaveLength(2);
    expect(names).toContain('rapport.csv');
    await page.close();
  });
});
