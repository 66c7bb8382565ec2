import { PDFDocument, PDFName, PDFNumber } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { fillForm } from '../../src/engines/acroform/fill.js';
import { coveredCodePoints, loadFonts } from '../../src/fonts.js';
import { fontsDir } from '../../src/paths.js';
import { readAttachmentPdf } from '../../src/pdf/untrusted/pdf-attachment.js';
import { buildForm, darkPixelsIn, FIELDS, qpdfCheck, renderGray } from '../helpers/forms.js';
import { pdfText, squash } from '../helpers/pdf.js';

const fonts = loadFonts(fontsDir);

/** A form as a person sends it back: filled, still editable, with French characters. */
async function filledEditableForm(): Promise<Uint8Array> {
  const values = {
    [FIELDS.nom]: 'Élodie Lefèvre-Œuvray',
    [FIELDS.majeur]: 'Oui',
    [FIELDS.statut]: 'etudiant',
    [FIELDS.pays]: 'Sénégal',
    [FIELDS.montant]: '1\u202f234,56 €',
    [FIELDS.lieu]: 'Besançon',
  };
  return fillForm(await buildForm(), values, {
    flatten: false,
    fonts,
    covered: coveredCodePoints(fonts),
  });
}

describe('flattening an appended form', () => {
  it('draws each field as the viewer shows it, on its page, and removes every field', async () => {
    const form = await filledEditableForm();
    const { doc, removed } = await readAttachmentPdf(form);
    expect(removed).toContain('form fields (flattened)');
    const flat = await doc.save();
    const text = squash(pdfText(flat));
    for (const value of [
      'Élodie Lefèvre-Œuvray',
      '1 234,56 €',
      'Sénégal',
      'Besançon',
      'REF-2024-001',
    ]) {
      expect(text).toContain(squash(value));
    }
    expect((await PDFDocument.load(flat)).getForm().getFields()).toEqual([]);
    expect(qpdfCheck(flat).status).toBe(0);
  });

  it('prints the checked box and the chosen radio button where they were', async () => {
    const flat = await (await readAttachmentPdf(await filledEditableForm())).doc.save();
    const page = renderGray(flat, 1);
    const checkbox: [number, number, number, number] = [152, 622, 12, 12];
    expect(darkPixelsIn(page, checkbox)).toBeGreaterThan(10);
    // statut = etudiant: the second button (x 250) is filled, the first (x 150) is not.
    const inside = (x: number): [number, number, number, number] => [x + 4, 584, 6, 6];
    expect(darkPixelsIn(page, inside(250))).toBeGreaterThan(darkPixelsIn(page, inside(150)) + 10);
  });

  it('skips a widget without appearance and a hidden one, and still removes both', async () => {
    const doc = await PDFDocument.load(await filledEditableForm());
    const [nom, lieu] = [FIELDS.nom, FIELDS.lieu].map(
      (name) => doc.getForm().getTextField(name).acroField.getWidgets()[0],
    );
    nom?.dict.delete(PDFName.of('AP'));
    lieu?.dict.set(PDFName.of('F'), PDFNumber.of(2)); // Hidden
    const { doc: read } = await readAttachmentPdf(
      await doc.save({ updateFieldAppearances: false }),
    );
    const text = squash(pdfText(await read.save()));
    expect(text).not.toContain(squash('Lefèvre'));
    expect(text).not.toContain(squash('Besançon'));
    expect(text).toContain(squash('Sénégal'));
    expect(read.catalog.has(PDFName.of('AcroForm'))).toBe(false);
  });
});
