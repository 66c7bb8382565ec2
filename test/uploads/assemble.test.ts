import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { fontsDir } from '../../src/paths.js';
import { ANNEX_IMAGE_TARGET, IMAGE_AREA } from '../../src/pdf/annexes/annex-pages.js';
import { appendAnnexes, type Annex } from '../../src/pdf/annexes/assemble.js';
import { UploadError } from '../../src/uploads/errors.js';
import { normalizeImage } from '../../src/uploads/images.js';
import { readAttachmentPdf } from '../../src/pdf/untrusted/pdf-attachment.js';
import { qpdfCheck, renderGray } from '../helpers/forms.js';
import { pdfFonts, pdfInfo } from '../helpers/pdf.js';
import { phonePhoto, transparentSignature } from './image-fixtures.js';
import { activePdf, collidingForm, multiPagePdf, ownDocument, rotatedPdf } from './pdf-fixtures.js';
import { drawnImages, expandedText, scriptsOf } from './pdf-probe.js';

const font = readFileSync(join(fontsDir, 'LiberationSans-Regular.ttf'));
const options = { font, maxPages: 50 };
/** Every French character a caption may hold: œ, the apostrophe ’, U+202F and U+00A0. */
const FRENCH_CAPTION = 'Attestation de droits de la sœur d’Élodie\u202F: 1\u00a0234 €';

/** One page's text, laid out; poppler writes U+00A0 and U+202F as plain spaces. */
function pageText(pdf: Uint8Array, page: number): string {
  const args = ['-enc', 'UTF-8', '-layout', '-f', String(page), '-l', String(page), '-', '-'];
  return execFileSync('pdftotext', args, { input: pdf, encoding: 'utf8' });
}

const spaced = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

/** The box of non-white pixels of a page rendered at 72 dpi, in PDF points (origin bottom-left). */
function inkBox(pdf: Uint8Array, page: number, below: number) {
  const image = renderGray(pdf, page);
  let [left, right, top, bottom] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let row = Math.ceil(image.height - below); row < image.height; row += 1) {
    for (let column = 0; column < image.width; column += 1) {
      if ((image.pixels[row * image.width + column] ?? 255) >= 240) continue;
      [left, right] = [Math.min(left, column), Math.max(right, column + 1)];
      [top, bottom] = [Math.min(top, row), Math.max(bottom, row + 1)];
    }
  }
  return { left, right, top: image.height - top, bottom: image.height - bottom };
}

describe('appendAnnexes', () => {
  let output: Uint8Array;
  let elapsed: number;

  beforeAll(async () => {
    const photo = await normalizeImage(await phonePhoto(), ANNEX_IMAGE_TARGET);
    const signature = await normalizeImage(await transparentSignature(), ANNEX_IMAGE_TARGET);
    const pdf = async (bytes: Promise<Uint8Array>) => (await readAttachmentPdf(await bytes)).doc;
    const annexes: Annex[] = [
      { caption: 'Relevé de trois pages', kind: 'pdf', pdf: await pdf(multiPagePdf(3)) },
      { caption: FRENCH_CAPTION, kind: 'image', image: photo },
      { caption: 'Scan tourné', kind: 'pdf', pdf: await pdf(rotatedPdf()) },
      { caption: 'Signature', kind: 'image', image: signature },
      { caption: 'La même photo, encore', kind: 'image', image: photo },
      { caption: 'Formulaire piégé', kind: 'pdf', pdf: await pdf(activePdf()) },
      { caption: 'Formulaire homonyme', kind: 'pdf', pdf: await pdf(collidingForm()) },
    ];
    const started = performance.now();
    output = await appendAnnexes(await ownDocument(), annexes, options);
    elapsed = performance.now() - started;
  });

  it('appends a list page and each annex after the document: 1 + 1 + 3 + 1 + 3 + 1 + 1 + 1 + 1', async () => {
    expect((await pdfInfo(output)).pages).toBe(13);
    expect(elapsed).toBeLessThan(5000);
  });

  it('lists each annex with its number, caption and first page', () => {
    const list = pageText(output, 2);
    expect(list).toContain('Pièces jointes');
    const rows = [
      [1, 'Relevé de trois pages', 3],
      [2, FRENCH_CAPTION, 6],
      [3, 'Scan tourné', 7],
      [4, 'Signature', 10],
      [5, 'La même photo, encore', 11],
      [6, 'Formulaire piégé', 12],
      [7, 'Formulaire homonyme', 13],
    ] as const;
    for (const [number, caption, page] of rows) {
      const row = new RegExp(`^\\s*${number}\\s+${spaced(caption)}\\s+${page}\\s*$`, 'm');
      expect(list).toMatch(row);
    }
    expect(pageText(output, 3)).toContain('Annexe page 1');
    expect(pageText(output, 7)).toContain('Page tournée 1');
  });

  it('prints the caption above each image, with every French character', () => {
    expect(pageText(output, 6)).toContain(`Pièce n° 2 – ${spaced(FRENCH_CAPTION)}`);
    expect(pageText(output, 10)).toContain('Pièce n° 4 – Signature');
    expect(pdfFonts(output)).toContainEqual(
      expect.objectContaining({ name: expect.stringMatching(/LiberationSans/), embedded: true }),
    );
  });

  it('centres the image between the margins, below its caption', () => {
    const margin = (15 * 72) / 25.4;
    const box = inkBox(output, 6, 842 - margin - 30);
    expect(box.left).toBeGreaterThanOrEqual(Math.floor(margin));
    expect(Math.abs(box.left - (595 - box.right))).toBeLessThanOrEqual(2);
    // 1417 × 1889 px is a little wider than the area: it fills the width between the margins,
    // and is centred in the height left under its one-line caption.
    expect(box.right - box.left).toBeGreaterThanOrEqual(Math.floor(IMAGE_AREA.widthPt));
    const areaTop = 841.89 - margin - 14 - 6 * (72 / 25.4);
    expect(Math.abs((box.top + box.bottom) / 2 - (areaTop + margin) / 2)).toBeLessThanOrEqual(2);
  });

  it('keeps the rotation of a rotated annex page', async () => {
    const doc = await PDFDocument.load(output);
    expect(doc.getPages().map((page) => page.getRotation().angle)).toEqual([
      0, 0, 0, 0, 0, 0, 0, 90, 0, 0, 0, 0, 0,
    ]);
  });

  it('embeds the photo used twice once, and the signature with its transparency mask', () => {
    const images = drawnImages(output);
    const drawn = images.filter((image) => image.type === 'image');
    expect(drawn.map((image) => image.page)).toEqual([6, 10, 11]);
    expect(new Set(drawn.map((image) => image.object)).size).toBe(2);
    expect(drawn[0]?.object).toBe(drawn[2]?.object);
    expect(images.filter((image) => image.type === 'smask').map((image) => image.page)).toEqual([
      10,
    ]);
  });

  it('leaves no script, action or embedded file anywhere in the file', () => {
    expect(scriptsOf(output)).toBe('');
    const text = expandedText(output);
    expect(text).not.toMatch(
      /\/(JS|JavaScript|Launch|OpenAction|AA|URI|SubmitForm|EmbeddedFile)\b/,
    );
    expect(text).not.toMatch(/\/Subtype \/(Link|FileAttachment)\b/);
    // Only the document's own widget is left, and no unreachable copy of a page.
    expect(text.match(/\/Subtype \/Widget\b/g)).toHaveLength(1);
    expect(text.match(/\/Type \/Page\b(?!s)/g)).toHaveLength(13);
  });

  it("keeps only the document's own form field: the annex's eleve.nom does not collide", async () => {
    const doc = await PDFDocument.load(output);
    expect(
      doc
        .getForm()
        .getFields()
        .map((field) => field.getName()),
    ).toEqual(['eleve.nom']);
    expect(pageText(output, 13)).toContain('Intrus');
  });

  it('keeps the metadata and passes qpdf --check', async () => {
    const info = await pdfInfo(output);
    expect([info.title, info.language]).toEqual(['Attestation de test', 'fr-FR']);
    const check = qpdfCheck(output);
    expect(check.status).toBe(0);
    expect(check.output).not.toMatch(/WARNING/i);
    // A classic cross-reference table, which the metadata step appends to.
    expect(Buffer.from(output.subarray(-2048)).toString('latin1')).toMatch(/\nxref\n/);
  });
});

describe('appendAnnexes, other cases', () => {
  it('cleans what a PDFDocument not read by readAttachmentPdf brings along', async () => {
    const raw = await PDFDocument.load(await activePdf());
    const output = await appendAnnexes(
      await multiPagePdf(1, 'Document'),
      [{ caption: 'Brut', kind: 'pdf', pdf: raw }],
      options,
    );
    expect(scriptsOf(output)).toBe('');
    const text = expandedText(output);
    expect(text).not.toMatch(/\/(JS|JavaScript|Launch|OpenAction|AA|URI|EmbeddedFile)\b/);
    // The widget's /P led copyPages to a second copy of the page: dropped as unreachable.
    expect(text.match(/\/Type \/Page\b(?!s)/g)).toHaveLength(1 + 1 + 1);
    expect(qpdfCheck(output).status).toBe(0);
  });

  it('appends to a document printed by Chromium, keeping its title', async () => {
    const sample = readFileSync('samples/attestation-hebergement.pdf');
    const before = await pdfInfo(sample);
    const annex = (await readAttachmentPdf(await multiPagePdf(2))).doc;
    const output = await appendAnnexes(
      sample,
      [{ caption: 'Justificatif', kind: 'pdf', pdf: annex }],
      options,
    );
    const after = await pdfInfo(output);
    expect([after.pages, after.title, after.language]).toEqual([
      before.pages + 3,
      before.title,
      'fr-FR',
    ]);
    expect(qpdfCheck(output).status).toBe(0);
  });

  it('refuses more annex pages than allowed as too-many-pages, the list page not counted', async () => {
    const annex = (await readAttachmentPdf(await multiPagePdf(3))).doc;
    const annexes: Annex[] = [
      { caption: 'A', kind: 'pdf', pdf: annex },
      { caption: 'B', kind: 'pdf', pdf: annex },
    ];
    const document = await ownDocument();
    await expect(appendAnnexes(document, annexes, { font, maxPages: 6 })).resolves.toBeDefined();
    const error = await appendAnnexes(document, annexes, { font, maxPages: 5 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UploadError);
    expect((error as UploadError).reason).toBe('too-many-pages');
  });

  it('answers the document unchanged when there is no annex', async () => {
    const document = await ownDocument();
    expect(await appendAnnexes(document, [], options)).toBe(document);
  });

  it('continues the list on a second page when it is long, and numbers pages accordingly', async () => {
    const annex = (await readAttachmentPdf(await multiPagePdf(1))).doc;
    const caption =
      'Justificatif de domicile établi au nom de l’hébergeant, avec une légende assez longue pour tenir sur deux lignes';
    const annexes: Annex[] = Array.from({ length: 30 }, () => ({
      caption,
      kind: 'pdf',
      pdf: annex,
    }));
    const output = await appendAnnexes(await ownDocument(), annexes, options);
    expect((await pdfInfo(output)).pages).toBe(1 + 2 + 30);
    expect(pageText(output, 3)).toContain('Pièces jointes (suite)');
    expect(pageText(output, 3)).toMatch(/^\s*30\s.*\s33\s*$/m);
    expect(qpdfCheck(output).status).toBe(0);
  });

  it('keeps the document catalog entries it does not own (/Lang), and its own AcroForm', async () => {
    const output = await appendAnnexes(
      await ownDocument(),
      [{ caption: 'x', kind: 'pdf', pdf: (await readAttachmentPdf(await multiPagePdf(1))).doc }],
      options,
    );
    const doc = await PDFDocument.load(output);
    expect(doc.catalog.has(PDFName.of('AcroForm'))).toBe(true);
    expect(doc.catalog.has(PDFName.of('Lang'))).toBe(true);
  });
});
