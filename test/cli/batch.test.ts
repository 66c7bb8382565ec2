import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { windows1252Csv } from '../batch/sheets.js';
import { unzip } from '../helpers/zip.js';
import { runCli } from './cli-process.js';

const work = mkdtempSync(join(tmpdir(), 'paperasse-cli-batch-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const ATMP = 'attestation-atmp-stage-etranger';

describe('paperasse template and batch', () => {
  it('writes the model, then a class from it to a ZIP and to one PDF, with progress and a summary', async () => {
    const model = join(work, 'classe.csv');
    const template = await runCli(['template', ATMP, '-o', model]);
    expect(template.code, template.stderr).toBe(0);
    // The model's example row, twice more under other names, one with a broken NIR; saved
    // again the way French Excel saves a CSV (Windows-1252).
    const [header, example] = readFileSync(model, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const cells = (line: string) => line.split(';');
    const row = (nom: string, nir?: string) =>
      cells(example as string).map((cell) =>
        cell === 'Lefèvre' ? nom : nir && cell.startsWith('2 95') ? nir : cell,
      );
    const csv = join(work, 'classe-excel.csv');
    writeFileSync(
      csv,
      windows1252Csv([cells(header as string), row('Lefèvre'), row('Cœur'), row('Dubœuf', '1 23')]),
    );

    const zip = await runCli([
      'batch',
      ATMP,
      csv,
      '--engine',
      'acroform',
      '-o',
      join(work, 'lot.zip'),
    ]);
    expect(zip.code, zip.stderr).toBe(0);
    expect(zip.stderr).toContain('Terminé en');
    expect(zip.stderr).toContain('2 produits, 1 refusé sur 3 lignes');
    expect(zip.stderr).toMatch(/Ligne 4 refusée :\n {2}eleve\.nir : /);
    const files = unzip(readFileSync(join(work, 'lot.zip')));
    expect([...files.keys()].sort()).toEqual([
      'Cœur-Héloïse.pdf',
      'Lefèvre-Héloïse.pdf',
      'rapport.csv',
    ]);

    const pdf = await runCli(['batch', ATMP, csv, '--output', 'pdf', '-o', join(work, 'lot.pdf')]);
    expect(pdf.code, pdf.stderr).toBe(0);
    const merged = await PDFDocument.load(readFileSync(join(work, 'lot.pdf')));
    expect(merged.getPageCount()).toBeGreaterThanOrEqual(3);
  });

  it('exits 1 naming each row’s fields when no row is valid', async () => {
    const rows = join(work, 'lignes.json');
    writeFileSync(rows, JSON.stringify([{}, { eleve: {} }]));
    const run = await runCli(['batch', ATMP, rows, '-o', join(work, 'vide.zip')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Aucune ligne valide');
    expect(run.stderr).toMatch(/Ligne 2 :\n {2}etablissement : Champ obligatoire/);
  });
});
