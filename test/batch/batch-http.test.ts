import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { templateColumns } from '../../src/edges/batch/index.js';
import { rowCells } from '../../src/edges/batch/template-sheet.js';
import { projectRoot } from '../../src/paths.js';
import { useRuntime } from '../helpers/app.js';
import { loadSample } from '../helpers/samples.js';
import { asBytes } from '../helpers/http.js';
import { unzip } from '../helpers/zip.js';
import { inputSchema, windows1252Csv, xlsxFile } from './sheets.js';

/**
 * A class at once through HTTP (POST /v1/batch/{id}), with the files a school has: a CSV saved
 * by French Excel (Windows-1252, `;`, French titles) and an XLSX (paths as headers), 30 students
 * of whom 2 are wrong. Each PDF is opened and read (pdftotext): the right student in each.
 */
const ID = 'attestation-atmp-stage-etranger';
const runtime = useRuntime({ BATCH_MAX_ROWS: '40' });
const sample = loadSample(ID);
const schema = inputSchema(ID);

const NAMES = [
  ['Lefèvre', 'Héloïse'],
  ['Cœurdevey', 'Noël'],
  ['Dubœuf', 'Zoé'],
  ['Ngô', 'Thành'],
  ['Müller', 'Jürgen'],
  ['Da Silva', 'João'],
] as const;

/** 30 students; rows 2 and 3 of the payloads (spreadsheet lines 4 and 5) are wrong. */
function students(): Record<string, unknown>[] {
  return Array.from({ length: 30 }, (_, index) => {
    const [nom, prenom] = NAMES[index % NAMES.length] as readonly [string, string];
    const student = structuredClone(sample) as {
      eleve: Record<string, unknown>;
      stage: Record<string, unknown>;
    };
    student.eleve.nomNaissance = `${nom}${index}`;
    student.eleve.prenom = prenom;
    delete student.eleve.nomUsage;
    delete student.eleve.mentionNomUsage;
    if (index === 2) student.eleve.nir = '2 95 10 99 126 111 00';
    if (index === 3) student.stage.dateFin = '2026-01-01';
    return student;
  });
}

/** The text pdftotext reads in a PDF. */
function textOf(pdf: Uint8Array): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf, encoding: 'utf8' });
}

const columns = templateColumns(schema, sample);

/** French Excel's CSV: the titles in the header row, Windows-1252. */
function excelCsv(rows: readonly Record<string, unknown>[]): Uint8Array {
  return windows1252Csv([
    ['ligne', ...columns.map((column) => column.header)],
    ...rows.map((row, index) => [`E${index + 1}`, ...rowCells(columns, row)]),
  ]);
}

describe.each([
  ['a CSV saved by French Excel (Windows-1252, `;`, French titles)', () => excelCsv(students())],
  [
    'an XLSX with paths as headers',
    () =>
      xlsxFile((sheet) => {
        sheet.addRow(columns.map((column) => column.path));
        for (const row of students()) sheet.addRow(rowCells(columns, row));
      }),
  ],
])('a class of 30 as %s, 2 rows wrong', (_name, file) => {
  let files: Map<string, Buffer>;
  beforeAll(async () => {
    const response = await asBytes(
      request(runtime.app)
        .post(`/v1/batch/${ID}?engine=acroform`)
        .attach('file', Buffer.from(await file()), 'classe.csv'),
    );
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    files = unzip(response.body as Buffer);
  });

  it('answers a ZIP of the 28 valid students, named by their names, and rapport.csv', () => {
    const pdfs = [...files.keys()].filter((name) => name.endsWith('.pdf'));
    expect(pdfs).toHaveLength(28);
    expect(pdfs).toContain('Lefèvre0-Héloïse.pdf');
    expect(pdfs).toContain('Cœurdevey1-Noël.pdf');
    expect(pdfs).not.toContain('Dubœuf2-Zoé.pdf');
    expect(files.has('rapport.csv')).toBe(true);
  });

  it('puts each student’s own values in each PDF', () => {
    for (const [name, pdf] of files) {
      if (!name.endsWith('.pdf')) continue;
      const [nom, prenom] = name.replace(/\.pdf$/, '').split('-') as [string, string];
      const text = textOf(pdf);
      expect(text, name).toContain(nom.toLocaleUpperCase('fr'));
      expect(text, name).toContain(prenom);
    }
  });

  it('reports the two refused rows with their fields, in French Excel’s dialect', () => {
    const report = files.get('rapport.csv') as Buffer;
    expect([...report.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = report.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('ligne;identifiant;statut;fichier;erreurs;avertissements');
    expect(lines).toHaveLength(31);
    const refused = lines.filter((line) => line.includes(';refusé;'));
    expect(refused).toHaveLength(2);
    expect(refused[0]).toMatch(/^4;(E3)?;refusé;;.*eleve\.nir : /);
    expect(refused[1]).toMatch(/^5;(E4)?;refusé;;.*stage\.dateFin/);
  });
});

describe('POST /v1/batch/{id}, other outputs and refusals', () => {
  it('merges the class in one PDF, each student on their own pages, the report last', async () => {
    const rows = students().slice(0, 5);
    const response = await asBytes(
      request(runtime.app).post(`/v1/batch/${ID}?output=pdf&engine=acroform`).send(rows),
    );
    expect(response.status).toBe(200);
    expect(response.headers['paperasse-batch']).toBe('rows=5; produced=3; refused=2');
    const merged = await PDFDocument.load(response.body as Buffer);
    const single = await asBytes(
      request(runtime.app).post(`/v1/documents/${ID}?engine=acroform`).send(rows[0]),
    );
    const perStudent = (await PDFDocument.load(single.body as Buffer)).getPageCount();
    expect(merged.getPageCount()).toBe(3 * perStudent + 1);
    const pages = (first: number) =>
      execFileSync('pdftotext', ['-f', `${first}`, '-l', `${first + perStudent - 1}`, '-', '-'], {
        input: response.body as Buffer,
        encoding: 'utf8',
      });
    expect(pages(1)).toContain('LEFÈVRE0');
    expect(pages(1 + perStudent)).toContain('CŒURDEVEY1');
    expect(pages(1 + 2 * perStudent)).toContain('MÜLLER4');
    const report = pages(1 + 3 * perStudent);
    expect(report).toContain('Rapport du lot');
    expect(report).toContain('Ligne 3 : refusée');
    expect(report).toContain('eleve.nir');
  });

  it('places the stamp and signature sent once on every attestation', async () => {
    const image = (name: string) => readFileSync(join(projectRoot, 'samples', 'files', name));
    const csv = excelCsv(students().slice(0, 2));
    const response = await asBytes(
      request(runtime.app)
        .post(`/v1/batch/${ID}`)
        .attach('file', Buffer.from(csv), 'classe.csv')
        .attach('cachet', image('cachet.png'), 'cachet.png')
        .attach('signature', image('signature.png'), 'signature.png'),
    );
    expect(response.status).toBe(200);
    const pdfs = [...unzip(response.body as Buffer)].filter(([name]) => name.endsWith('.pdf'));
    expect(pdfs).toHaveLength(2);
    for (const [name, pdf] of pdfs) {
      const list = execFileSync('pdfimages', ['-list', '-'], { input: pdf, encoding: 'utf8' });
      expect(list.trim().split('\n').length - 2, name).toBeGreaterThanOrEqual(2);
    }
  });

  it('answers 422 naming each row’s fields when no row is valid', async () => {
    const rows = students().slice(2, 4);
    const response = await request(runtime.app).post(`/v1/batch/${ID}`).send(rows);
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    const paths = (response.body.errors as { path: string }[]).map((issue) => issue.path);
    expect(paths).toEqual(['lignes[1].eleve.nir', 'lignes[2].stage.dateFin']);
  });

  it('answers 413 naming BATCH_MAX_ROWS over the row limit', async () => {
    const response = await request(runtime.app)
      .post(`/v1/batch/${ID}`)
      .send(Array.from({ length: 41 }, () => sample));
    expect([response.status, response.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(response.body.detail).toContain('BATCH_MAX_ROWS');
  });

  it.each([
    ['?output=docx', 400, 'INVALID_PARAMETER'],
    ['?nom=sans-accolades', 400, 'INVALID_PARAMETER'],
    ['?eleve.inconnu=x', 400, 'INVALID_PARAMETER'],
    ['?signature.date=31/02/2026', 422, 'VALIDATION_FAILED'],
  ])('refuses %s', async (query, status, code) => {
    const response = await request(runtime.app).post(`/v1/batch/${ID}${query}`).send([sample]);
    expect([response.status, response.body.code]).toEqual([status, code]);
  });

  it('takes values shared by every row from the query string, read by their type', async () => {
    const row = structuredClone(sample) as { signature?: unknown };
    delete row.signature;
    const response = await asBytes(
      request(runtime.app).post(`/v1/batch/${ID}?output=pdf&signature.date=02/12/2026`).send([row]),
    );
    expect(response.status).toBe(200);
    expect(textOf(response.body as Buffer)).toContain('02/12/2026');
  });
});

describe('the model spreadsheet', () => {
  it('is a CSV French Excel opens (BOM, `;`) that reads back as one valid row', async () => {
    const csv = await asBytes(request(runtime.app).get(`/v1/batch/${ID}/template.csv`));
    expect(csv.status).toBe(200);
    const bytes = csv.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('Élève ou étudiant — Nom de naissance');
    const batch = await asBytes(
      request(runtime.app).post(`/v1/batch/${ID}`).attach('file', bytes, 'modele.csv'),
    );
    expect(batch.status).toBe(200);
    const names = [...unzip(batch.body as Buffer).keys()];
    expect(names).toEqual(['Lefèvre-Héloïse.pdf', 'rapport.csv']);
  });

  it('is an XLSX whose first sheet has the French titles and the example row as text', async () => {
    const xlsx = await asBytes(request(runtime.app).get(`/v1/batch/${ID}/template.xlsx`));
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as Buffer as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    const header = sheet.getRow(1).values as unknown[];
    expect(header).toContain('Élève ou étudiant — Prénom(s)');
    const example = sheet.getRow(2).values as unknown[];
    expect(example).toContain('Héloïse');
    expect(example).toContain('20/11/2026');
    const batch = await asBytes(
      request(runtime.app)
        .post(`/v1/batch/${ID}`)
        .attach('file', xlsx.body as Buffer, 'modele.xlsx'),
    );
    expect(batch.status).toBe(200);
  });
});
