/**
 * Writes the files README's curl examples name beside the samples, so that each example runs as
 * written from a fresh clone (scripts/readme-examples.sh runs them all):
 * - examples/form.pdf: a small fillable form (`nom`, `majeur`, `statut`) for /v1/pdf/fields and
 *   /v1/pdf/fill;
 * - examples/convention-de-stage.pdf and examples/photo.jpg: the free annexes of the multipart
 *   example (SPÉCIMEN);
 * - examples/classe.csv: a class of three for POST /v1/batch/attestation-atmp-stage-etranger,
 *   French Excel's dialect (UTF-8 with BOM, `;`), French titles as the model spreadsheet has them.
 * Fixed dates and no random input: the output is the same on every run.
 * Usage: npx tsx scripts/make-example-files.ts
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import sharp from 'sharp';
import { z } from 'zod';
import { attestationAtmpStageEtranger } from '../src/documents/attestation-atmp-stage-etranger/index.js';
import type { SchemaNode } from '../src/core/schema-node.js';
import { templateColumns } from '../src/edges/batch/index.js';
import { rowCells } from '../src/edges/batch/template-sheet.js';
import { projectRoot } from '../src/paths.js';

const outDir = join(projectRoot, 'examples');
const PDF_DATE = new Date('2026-11-10T09:00:00Z');

async function formPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setCreationDate(PDF_DATE);
  pdf.setModificationDate(PDF_DATE);
  pdf.setTitle('Formulaire d’exemple (SPÉCIMEN)');
  pdf.setProducer('Paperasse scripts/make-example-files.ts');
  const page = pdf.addPage([595.28, 841.89]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  page.drawText('Formulaire d’exemple — SPÉCIMEN', { x: 56, y: 770, size: 16, font: bold });
  page.drawText('Nom', { x: 56, y: 712, size: 11, font });
  page.drawText('Majeur', { x: 56, y: 672, size: 11, font });
  page.drawText('Statut :   élève      étudiant      apprenti', { x: 56, y: 632, size: 11, font });
  const form = pdf.getForm();
  const nom = form.createTextField('nom');
  nom.setMaxLength(40);
  nom.addToPage(page, { x: 130, y: 704, width: 300, height: 22 });
  form.createCheckBox('majeur').addToPage(page, { x: 130, y: 666, width: 16, height: 16 });
  const statut = form.createRadioGroup('statut');
  for (const [option, x] of [
    ['eleve', 100],
    ['etudiant', 160],
    ['apprenti', 232],
  ] as const) {
    statut.addOptionToPage(option, page, { x: x, y: 628, width: 14, height: 14 });
  }
  page.drawRectangle({
    x: 48,
    y: 600,
    width: 500,
    height: 190,
    borderColor: rgb(0.6, 0.6, 0.6),
    borderWidth: 0.5,
  });
  return pdf.save();
}

async function conventionDeStage(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setCreationDate(PDF_DATE);
  pdf.setModificationDate(PDF_DATE);
  pdf.setTitle('Convention de stage (SPÉCIMEN)');
  const page = pdf.addPage([595.28, 841.89]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const lines = [
    'CONVENTION DE STAGE — SPÉCIMEN',
    '',
    'Entre le lycée, l’entreprise d’accueil et l’élève (personnes fictives).',
    'Document d’exemple pour les annexes libres (multipart « attachments »).',
  ];
  lines.forEach((line, index) => {
    page.drawText(line, { x: 56, y: 770 - index * 20, size: index === 0 ? 16 : 11, font });
  });
  return pdf.save();
}

/** A "photo" of a paper attestation: a tilted sheet, lines for text, a SPECIMEN mark. */
function photoJpeg(): Promise<Buffer> {
  const lines = Array.from({ length: 14 }, (_, index) => {
    const width = 420 - (index % 4) * 60;
    return `<rect x="150" y="${200 + index * 34}" width="${width}" height="10" fill="#555"/>`;
  }).join('');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="1200">` +
    `<rect width="900" height="1200" fill="#8a7f70"/>` +
    `<g transform="rotate(-4 450 600)"><rect x="110" y="90" width="680" height="980" fill="#fbfaf6"/>` +
    `<rect x="150" y="130" width="360" height="22" fill="#222"/>${lines}` +
    `<text x="450" y="900" text-anchor="middle" font-size="64" fill="#c00" opacity="0.5">SPECIMEN</text></g></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

/** Three students from the sample, the names changed, under the model spreadsheet's titles. */
function classeCsv(): Buffer {
  const sample = JSON.parse(
    readFileSync(join(projectRoot, 'samples', 'attestation-atmp-stage-etranger.json'), 'utf8'),
  ) as { eleve: Record<string, unknown> };
  const schema = z.toJSONSchema(attestationAtmpStageEtranger.schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as SchemaNode;
  const columns = templateColumns(schema, sample);
  const students = [
    ['Lefèvre', 'Héloïse'],
    ['Martin', 'Noé'],
    ['Nguyen', 'Chloé'],
  ].map(([nomNaissance, prenom], index) => [
    String(index + 1),
    ...rowCells(columns, { ...sample, eleve: { ...sample.eleve, nomNaissance, prenom } }),
  ]);
  const cell = (text: string) => (/[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  const line = (cells: readonly string[]) => cells.map(cell).join(';');
  const rows = [['ligne', ...columns.map((column) => column.header)], ...students];
  return Buffer.from(`\uFEFF${rows.map(line).join('\r\n')}\r\n`, 'utf8');
}

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'form.pdf'), await formPdf());
writeFileSync(join(outDir, 'convention-de-stage.pdf'), await conventionDeStage());
writeFileSync(join(outDir, 'photo.jpg'), await photoJpeg());
writeFileSync(join(outDir, 'classe.csv'), classeCsv());
console.log(`Written to ${outDir}: form.pdf, convention-de-stage.pdf, photo.jpg, classe.csv`);
