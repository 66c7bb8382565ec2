import { renameOnState } from '../../src/engines/acroform/blank-form.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName, PDFString, StandardFonts, type PDFPage } from 'pdf-lib';

/**
 * The forms the AcroForm tests fill, built here with pdf-lib so every case is visible in the
 * test code: one field of each kind, a comb NIR, a checkbox whose on-value is "Oui" as on
 * French official forms, a read-only field and a field on page 2.
 */
export const FIELDS = {
  nom: 'identite.nom',
  adresse: 'adresse',
  nir: 'nir',
  majeur: 'majeur',
  statut: 'statut',
  pays: 'pays',
  langues: 'langues',
  reference: 'reference',
  montant: 'montant',
  lieu: 'signature.lieu',
} as const;

export async function buildForm(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const helvetica = await doc.embedFont(StandardFonts.Helvetica);
  const [page1, page2] = [doc.addPage([595, 842]), doc.addPage([595, 842])] as [PDFPage, PDFPage];
  const form = doc.getForm();
  const at = (y: number, width = 300, height = 20) => ({
    x: 150,
    y,
    width,
    height,
    font: helvetica,
  });
  label(page1, 'Nom', 780);
  form.createTextField(FIELDS.nom).addToPage(page1, at(780));
  label(page1, 'Adresse', 700);
  const adresse = form.createTextField(FIELDS.adresse);
  adresse.enableMultiline();
  adresse.addToPage(page1, at(700, 300, 60));
  autoFontSize(adresse.acroField);
  label(page1, 'NIR', 660);
  const nir = form.createTextField(FIELDS.nir);
  nir.setMaxLength(15);
  nir.enableCombing();
  nir.addToPage(page1, at(660, 300, 22));
  label(page1, 'Majeur', 620);
  const majeur = form.createCheckBox(FIELDS.majeur);
  majeur.addToPage(page1, { x: 150, y: 620, width: 16, height: 16 });
  const widget = majeur.acroField.getWidgets()[0];
  if (widget) renameOnState(widget.dict, 'Oui');
  label(page1, 'Statut', 580);
  const statut = form.createRadioGroup(FIELDS.statut);
  statut.addOptionToPage('eleve', page1, { x: 150, y: 580, width: 14, height: 14 });
  statut.addOptionToPage('etudiant', page1, { x: 250, y: 580, width: 14, height: 14 });
  label(page1, 'Pays', 540);
  const pays = form.createDropdown(FIELDS.pays);
  pays.setOptions(['France', 'Belgique', 'Suisse', 'Sénégal']);
  pays.addToPage(page1, at(540, 200));
  label(page1, 'Langues', 460);
  const langues = form.createOptionList(FIELDS.langues);
  langues.setOptions(['français', 'anglais', 'allemand']);
  langues.enableMultiselect();
  langues.addToPage(page1, at(460, 200, 60));
  autoFontSize(langues.acroField);
  label(page1, 'Référence', 420);
  const reference = form.createTextField(FIELDS.reference);
  reference.setText('REF-2024-001');
  reference.enableReadOnly();
  reference.addToPage(page1, at(420, 200));
  label(page1, 'Montant', 380);
  form.createTextField(FIELDS.montant).addToPage(page1, at(380, 200));
  label(page2, 'Fait à', 700);
  form.createTextField(FIELDS.lieu).addToPage(page2, at(700));
  // Keep the "auto" sizes: saving with appearance updates would write pdf-lib's computed ones.
  return doc.save({ updateFieldAppearances: false });
}

/** Font size "auto" (0 Tf), as most official forms set it; pdf-lib writes the size it computed. */
function autoFontSize(field: { setDefaultAppearance(da: string): void }): void {
  field.setDefaultAppearance('0 0 0 rg\n/Helvetica 0 Tf');
}

function label(page: PDFPage, text: string, y: number): void {
  page.drawText(text, { x: 50, y: y + 5, size: 11 });
}

/** A form of `count` text fields (for measuring), each on its own line of one page. */
export async function buildTextForm(count: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const form = doc.getForm();
  for (let index = 0; index < count; index += 1) {
    form.createTextField(`champ${index}`).addToPage(page, {
      x: 150,
      y: 800 - index * 30,
      width: 300,
      height: 20,
    });
  }
  return doc.save();
}

export async function buildPdfWithoutForm(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage().drawText('Aucun champ ici', { x: 50, y: 700 });
  return doc.save();
}

/** A form whose AcroForm also carries XFA; `needsRendering` makes it XFA-only (dynamic XFA). */
export async function buildXfaForm(options: { withFields: boolean; needsRendering: boolean }) {
  const doc = await PDFDocument.load(options.withFields ? await buildForm() : await buildEmpty());
  const acroForm =
    doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict) ??
    doc.context.obj({ Fields: [] as never[] });
  acroForm.set(PDFName.of('XFA'), PDFString.of('<xdp:xdp/>'));
  doc.catalog.set(PDFName.of('AcroForm'), acroForm);
  if (options.needsRendering) doc.catalog.set(PDFName.of('NeedsRendering'), doc.context.obj(true));
  return doc.save();
}

async function buildEmpty(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage();
  return doc.save();
}

/** qpdf's AES-256 encryption with a user password: what pdf-lib cannot open. */
export function encrypt(pdf: Uint8Array): Uint8Array {
  return withTempFiles((dir) => {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    execFileSync('qpdf', [
      '--encrypt',
      'secret',
      'owner',
      '256',
      '--',
      join(dir, 'in.pdf'),
      join(dir, 'out.pdf'),
    ]);
    return new Uint8Array(readFileSync(join(dir, 'out.pdf')));
  });
}

/** `qpdf --check` on the bytes: its exit status and output (warnings make it exit 3). */
export function qpdfCheck(pdf: Uint8Array): { status: number; output: string } {
  return withTempFiles((dir) => {
    writeFileSync(join(dir, 'check.pdf'), pdf);
    try {
      const output = execFileSync('qpdf', ['--check', join(dir, 'check.pdf')], {
        encoding: 'utf8',
      });
      return { status: 0, output };
    } catch (error) {
      const failed = error as { status: number; stdout: string; stderr: string };
      return { status: failed.status, output: failed.stdout + failed.stderr };
    }
  });
}

/** One page rendered by poppler as a grey PGM: width, height and one byte per pixel. */
export function renderGray(pdf: Uint8Array, page: number, dpi = 72) {
  const pgm = execFileSync(
    'pdftoppm',
    ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-'],
    { input: pdf, maxBuffer: 64 * 1024 * 1024 },
  );
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not answer a PGM');
  const [text, width, height] = header as unknown as [string, string, string];
  return { width: Number(width), height: Number(height), pixels: pgm.subarray(text.length) };
}

/** Dark pixels inside a PDF rectangle (points, origin bottom-left) of a page rendered at 72 dpi. */
export function darkPixelsIn(
  image: ReturnType<typeof renderGray>,
  rect: [number, number, number, number],
): number {
  const [x, y, width, height] = rect;
  let dark = 0;
  for (let row = Math.ceil(image.height - y - height); row < image.height - y; row += 1) {
    for (let column = Math.ceil(x); column < x + width; column += 1) {
      if ((image.pixels[row * image.width + column] ?? 255) < 128) dark += 1;
    }
  }
  return dark;
}

function withTempFiles<T>(work: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'paperasse-forms-'));
  try {
    return work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
