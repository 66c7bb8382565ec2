import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSheet, templateColumns } from '../../src/edges/batch/index.js';
import { projectRoot } from '../../src/paths.js';
import { loadSample } from '../helpers/samples.js';
import {
  coreErrorOf,
  documentNamed,
  inputSchema,
  utf8Csv,
  windows1252Csv,
  xlsxFile,
} from './sheets.js';

const ID = 'attestation-atmp-stage-etranger';
const document = documentNamed(ID);
const schema = inputSchema(ID);
const sample = loadSample(ID);
const limits = { schema, maxRows: 100, maxBytes: 100_000 };

/** The sample's value at a sheet path (`stage.entreprise.lignesAdresse.1`). */
function sampleAt(path: string): unknown {
  let node: unknown = sample;
  for (const key of path.split('.')) {
    const index = /^\d+$/.test(key) ? Number(key) - 1 : key;
    node = (node as Record<string | number, unknown> | undefined)?.[index];
  }
  return node;
}

/** A value as a school types it: French dates, decimal commas and euros, country names. */
function typedLikeASchool(path: string, value: unknown): string {
  if (typeof value === 'number') return String(value).replace('.', ',');
  const text = String(value);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) return `${iso[3]}/${iso[2]}/${iso[1]}`;
  if (path.endsWith('montantMensuel')) return `${text.replace('.', ',')} €`;
  if (path === 'stage.pays') return 'Allemagne';
  if (path === 'eleve.nationalite') return 'française';
  if (path === 'eleve.statut') return 'Étudiant';
  return text;
}

describe('readSheet: a document’s sample as a class spreadsheet', () => {
  const columns = templateColumns(schema, sample).filter(
    (column) => sampleAt(column.path) !== undefined,
  );

  it('has every leaf of the sample as a column', () => {
    const leaves = JSON.stringify(sample).match(/"[^"]*":\s*("[^"]*"|\d)/g) ?? [];
    const arrayItems = (sampleAt('stage.entreprise.lignesAdresse') as unknown[]).length;
    expect(columns).toHaveLength(leaves.length + arrayItems);
  });

  it('reads back to the sample, which the document’s schema accepts (Windows-1252 CSV, titles)', async () => {
    const bytes = windows1252Csv([
      ['ligne', ...columns.map((column) => column.header)],
      ['1', ...columns.map((column) => typedLikeASchool(column.path, sampleAt(column.path)))],
    ]);
    const { rows, sheetIssues } = await readSheet(bytes, limits);
    expect(sheetIssues).toEqual([]);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row?.issues).toEqual([]);
    expect(row?.data).toEqual(sample);
    expect(document.schema.safeParse(row?.data).success).toBe(true);
  });

  it('reads back to the sample from an XLSX with paths, real dates and numbers', async () => {
    const bytes = await xlsxFile((sheet) => {
      sheet.addRow(columns.map((column) => column.path));
      sheet.addRow(
        columns.map((column) => {
          const value = sampleAt(column.path);
          const iso = typeof value === 'string' && /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
          if (iso) return new Date(Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])));
          if (column.path.endsWith('montantMensuel')) return Number(value);
          return value as string | number;
        }),
      );
    });
    const [row] = (await readSheet(bytes, limits)).rows;
    expect(row?.issues).toEqual([]);
    const parsed = document.schema.safeParse(row?.data);
    expect(parsed.success).toBe(true);
    // The amount stays the number it was in the cell: 693, which the schema takes as 693.00.
    expect(row?.data).toEqual({
      ...sample,
      stage: {
        ...(sample.stage as object),
        gratification: { montantMensuel: 693, heuresPresenceMensuelles: 154 },
      },
    });
  });
});

describe('readSheet: rows and their issues', () => {
  it('reports a bad date on its row, naming the path, and reads the rest of the row and the others', async () => {
    const text =
      'ligne;eleve.prenom;stage.dateDebut;stage.dateFin\n' +
      'a;Léa;11/01/2027;25/06/2027\n' +
      'b;Marc;31/02/2027;25/06/2027\n' +
      'c;Zoé;2027-01-11;2027-06-25\n';
    const { rows } = await readSheet(utf8Csv(text), limits);
    expect(rows.map((row) => row.issues.length)).toEqual([0, 1, 0]);
    expect(rows[1]).toMatchObject({
      row: 3,
      id: 'b',
      data: { eleve: { prenom: 'Marc' }, stage: { dateFin: '2027-06-25' } },
      issues: [
        {
          path: 'stage.dateDebut',
          code: 'DATE_UNREADABLE',
          message_fr: expect.stringContaining('31/02/2027'),
          message_en: expect.stringContaining('Unreadable date'),
        },
      ],
    });
    expect(rows[2]?.data).toEqual({
      eleve: { prenom: 'Zoé' },
      stage: { dateDebut: '2027-01-11', dateFin: '2027-06-25' },
    });
  });

  it('reads booleans, choices and countries the way people type them', async () => {
    const text =
      'stage.remunereAuDelaGratification;eleve.statut;eleve.mentionNomUsage;stage.pays\n' +
      'oui;ÉLÈVE;Épouse;Allemagne\nnon;etudiant;;allemande\nX;Etudiant;;DE\nFaux;eleve;;de\n' +
      'peut-être;apprenti;;Atlantide\n';
    const { rows } = await readSheet(utf8Csv(text), limits);
    expect(rows.slice(0, 4).map((row) => row.data)).toEqual([
      {
        stage: { remunereAuDelaGratification: true, pays: 'DE' },
        eleve: { statut: 'eleve', mentionNomUsage: 'epouse' },
      },
      { stage: { remunereAuDelaGratification: false, pays: 'DE' }, eleve: { statut: 'etudiant' } },
      { stage: { remunereAuDelaGratification: true, pays: 'DE' }, eleve: { statut: 'etudiant' } },
      { stage: { remunereAuDelaGratification: false, pays: 'DE' }, eleve: { statut: 'eleve' } },
    ]);
    expect(rows[4]?.issues.map((issue) => [issue.path, issue.code])).toEqual([
      ['stage.remunereAuDelaGratification', 'CHOICE_UNKNOWN'],
      ['eleve.statut', 'CHOICE_UNKNOWN'],
      ['stage.pays', 'COUNTRY_UNREADABLE'],
    ]);
  });

  it('reads numbered array columns, closing up empty items, and names a bad item by its index', async () => {
    const text =
      'eleve.prenom;stage.entreprise.lignesAdresse.1;stage.entreprise.lignesAdresse.2\n' +
      'Léa;Königstraße 27;70173 Stuttgart\nMarc;;Calle Mayor 1\n';
    const { rows } = await readSheet(utf8Csv(text), limits);
    expect(rows.map((row) => row.data.stage)).toEqual([
      { entreprise: { lignesAdresse: ['Königstraße 27', '70173 Stuttgart'] } },
      { entreprise: { lignesAdresse: ['Calle Mayor 1'] } },
    ]);
  });

  it('lays each row over the common values, the row’s cells winning', async () => {
    const common = {
      etablissement: {
        denomination: 'Lycée Hélène-Boucher',
        adresse: { voie: 'cours de Vincennes' },
      },
      signature: { date: '2026-11-20' },
    };
    const text = 'eleve.prenom;etablissement.adresse.voie\nLéa;\nMarc;rue de la Paix\n';
    const { rows } = await readSheet(utf8Csv(text), { ...limits, common });
    expect(rows[0]?.data).toEqual({ ...common, eleve: { prenom: 'Léa' } });
    expect(rows[1]?.data).toEqual({
      etablissement: { denomination: 'Lycée Hélène-Boucher', adresse: { voie: 'rue de la Paix' } },
      signature: { date: '2026-11-20' },
      eleve: { prenom: 'Marc' },
    });
    // Each row has its own copy: changing one changes neither the others nor `common`.
    (rows[0]?.data.signature as { date: string }).date = '2000-01-01';
    expect(rows[1]?.data.signature).toEqual({ date: '2026-11-20' });
    expect(common.signature.date).toBe('2026-11-20');
  });
});

describe('readSheet: files it refuses', () => {
  it('refuses a file over maxBytes before reading it', async () => {
    const bytes = utf8Csv('eleve.prenom\nLéa\n');
    const error = await coreErrorOf(() => readSheet(bytes, { ...limits, maxBytes: 10 }));
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.detail_fr).toContain('10 au plus');
  });

  it('refuses a CSV over maxRows, blank rows not counted', async () => {
    const text = 'eleve.prenom\nA\n\nB\nC\n';
    await expect(readSheet(utf8Csv(text), { ...limits, maxRows: 3 })).resolves.toBeDefined();
    const error = await coreErrorOf(() => readSheet(utf8Csv(text), { ...limits, maxRows: 2 }));
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toContain('more than 2 rows');
  });

  it('refuses a PDF given as a sheet, saying it is a PDF', async () => {
    const pdf = new Uint8Array(readFileSync(join(projectRoot, 'samples', `${ID}.pdf`)));
    const error = await coreErrorOf(() => readSheet(pdf, { ...limits, maxBytes: pdf.length }));
    expect(error.code).toBe('INVALID_UPLOAD');
    expect(error.message).toContain('a PDF document');
    expect(error.detail_fr).toContain('un document PDF');
  });

  it('refuses an empty file and an old .xls', async () => {
    expect((await coreErrorOf(() => readSheet(new Uint8Array(), limits))).code).toBe(
      'INVALID_UPLOAD',
    );
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    const error = await coreErrorOf(() => readSheet(xls, limits));
    expect(error.code).toBe('INVALID_UPLOAD');
    expect(error.detail_fr).toContain('.xls');
  });
});
