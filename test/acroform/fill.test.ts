import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { FormValuesError, UnsupportedPdfError } from '../../src/engines/acroform/errors.js';
import { fillForm } from '../../src/engines/acroform/fill.js';
import { inspectForm } from '../../src/engines/acroform/inspect.js';
import { coveredCodePoints, loadFonts } from '../../src/fonts.js';
import { fontsDir } from '../../src/paths.js';
import {
  buildForm,
  buildPdfWithoutForm,
  buildXfaForm,
  darkPixelsIn,
  encrypt,
  FIELDS,
  qpdfCheck,
  renderGray,
} from '../helpers/forms.js';
import { pdfFonts, pdfText, squash } from '../helpers/pdf.js';

const fonts = loadFonts(fontsDir);
const covered = coveredCodePoints(fonts);
const fill = (pdf: Uint8Array, values: Record<string, unknown>, flatten = true) =>
  fillForm(pdf, values, { flatten, fonts, covered });

/** Accents, ligatures, a typographic apostrophe and U+202F: what WinAnsi Helvetica would break on. */
const VALUES = {
  [FIELDS.nom]: 'Élodie Lefèvre-Œuvray',
  [FIELDS.adresse]: 'Cœur d’Alène\n12 rue des Lilas',
  [FIELDS.nir]: '285077512345642',
  [FIELDS.majeur]: 'Oui',
  [FIELDS.statut]: 'etudiant',
  [FIELDS.pays]: 'Sénégal',
  [FIELDS.langues]: ['français', 'allemand'],
  [FIELDS.montant]: '1\u202f234,56 €',
  [FIELDS.lieu]: 'Besançon',
};

let form: Uint8Array;
beforeAll(async () => {
  form = await buildForm();
});

describe('inspectForm', () => {
  it('lists each field with its type, options, export value, limits and place', async () => {
    const fields = Object.fromEntries((await inspectForm(form)).map((f) => [f.name, f]));
    expect(Object.keys(fields)).toEqual(Object.values(FIELDS));
    expect(fields[FIELDS.nom]).toMatchObject({ type: 'text', value: null, readOnly: false });
    expect(fields[FIELDS.adresse]).toMatchObject({ type: 'text', multiline: true });
    expect(fields[FIELDS.nir]).toMatchObject({ type: 'text', maxLength: 15, comb: true });
    expect(fields[FIELDS.majeur]).toMatchObject({
      type: 'checkbox',
      value: false,
      exportValue: 'Oui',
    });
    expect(fields[FIELDS.statut]).toMatchObject({ type: 'radio', options: ['eleve', 'etudiant'] });
    expect(fields[FIELDS.pays]).toMatchObject({ type: 'dropdown', options: expect.any(Array) });
    expect(fields[FIELDS.langues]).toMatchObject({ type: 'optionList', value: [] });
    expect(fields[FIELDS.reference]).toMatchObject({ readOnly: true, value: 'REF-2024-001' });
    expect(fields[FIELDS.lieu]?.widgets).toEqual([{ page: 2, rect: [149.5, 699.5, 301, 21] }]);
    expect(fields[FIELDS.statut]?.widgets).toHaveLength(2);
  });

  it.each([
    ['an encrypted PDF', async () => encrypt(await buildForm()), 'encrypted'],
    [
      'an XFA-only form',
      () => buildXfaForm({ withFields: false, needsRendering: true }),
      'xfa-only',
    ],
    ['a PDF without form', buildPdfWithoutForm, 'no-form'],
    [
      'a PNG',
      async () => Buffer.from('\x89PNG\r\n\x1a\n' + 'x'.repeat(100), 'latin1'),
      'not-a-pdf',
    ],
    ['truncated bytes', async () => (await buildForm()).subarray(0, 2000), 'unreadable'],
  ])('refuses %s', async (_name, make, reason) => {
    const error = await inspectForm(await make()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnsupportedPdfError);
    expect((error as UnsupportedPdfError).reason).toBe(reason);
  });

  it('reads a hybrid XFA form through its AcroForm fields', async () => {
    const hybrid = await buildXfaForm({ withFields: true, needsRendering: false });
    expect((await inspectForm(hybrid)).map((field) => field.name)).toContain(FIELDS.nir);
  });
});

describe('fillForm, flattened', () => {
  let filled: Uint8Array;
  beforeAll(async () => {
    filled = await fill(form, VALUES);
  });

  it('prints every value, with French characters, as text poppler extracts', () => {
    const text = squash(pdfText(filled));
    for (const value of ['Élodie Lefèvre-Œuvray', 'Cœur d’Alène', '1 234,56 €', 'Besançon']) {
      expect(text).toContain(squash(value));
    }
    // poppler extracts U+202F as a plain space; the glyph itself is drawn.
    expect(pdfText(filled)).toMatch(/1\s234,56 €/u);
    expect(text).toContain('285077512345642');
  });

  it('embeds Liberation Sans, leaves no field, and passes qpdf --check', async () => {
    expect(pdfFonts(filled)).toContainEqual(
      expect.objectContaining({ name: expect.stringMatching(/LiberationSans/), embedded: true }),
    );
    expect((await PDFDocument.load(filled)).getForm().getFields()).toEqual([]);
    const check = qpdfCheck(filled);
    expect(check.status, check.output).toBe(0);
    expect(check.output).not.toMatch(/WARNING/i);
  });

  it('keeps the ticked checkbox and the chosen radio visible after flattening', async () => {
    const empty = await fill(form, { [FIELDS.majeur]: false });
    const ticked = darkPixelsIn(renderGray(filled, 1), [152, 622, 12, 12]);
    const unticked = darkPixelsIn(renderGray(empty, 1), [152, 622, 12, 12]);
    expect(ticked).toBeGreaterThan(unticked + 5);
    const radioOn = darkPixelsIn(renderGray(filled, 1), [253, 583, 8, 8]);
    const radioOff = darkPixelsIn(renderGray(filled, 1), [153, 583, 8, 8]);
    expect(radioOn).toBeGreaterThan(radioOff + 5);
  });

  it('spaces a comb field into its cells', async () => {
    const image = renderGray(await fill(form, { [FIELDS.nir]: '1'.repeat(15) }), 1);
    // 15 cells of 20 pt over the 300 pt box: ink in the first and in the last cell.
    expect(darkPixelsIn(image, [151, 661, 18, 18])).toBeGreaterThan(0);
    expect(darkPixelsIn(image, [431, 661, 18, 18])).toBeGreaterThan(0);
  });
});

describe('fillForm, editable', () => {
  it('keeps the fields, with the values set', async () => {
    const doc = await PDFDocument.load(await fill(form, VALUES, false));
    const read = doc.getForm();
    expect(read.getTextField(FIELDS.nom).getText()).toBe(VALUES[FIELDS.nom]);
    expect(read.getTextField(FIELDS.montant).getText()).toBe(VALUES[FIELDS.montant]);
    expect(read.getCheckBox(FIELDS.majeur).isChecked()).toBe(true);
    expect(read.getRadioGroup(FIELDS.statut).getSelected()).toBe('etudiant');
    expect(read.getDropdown(FIELDS.pays).getSelected()).toEqual(['Sénégal']);
    expect(read.getOptionList(FIELDS.langues).getSelected()).toEqual(['français', 'allemand']);
  });
});

describe('fillForm, refused values', () => {
  async function issuesOf(values: Record<string, unknown>) {
    const error = await fill(form, values).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FormValuesError);
    return (error as FormValuesError).issues;
  }

  it('lists every problem at once, each naming its field', async () => {
    const issues = await issuesOf({
      inconnu: 'x',
      [FIELDS.statut]: 'retraite',
      [FIELDS.nir]: '1'.repeat(16),
      [FIELDS.reference]: 'autre',
      [FIELDS.nom]: 'Wáng 王',
      [FIELDS.majeur]: 'peut-être',
      [FIELDS.montant]: 12,
    });
    expect(issues.map(({ field, code }) => `${field} ${code}`)).toEqual([
      'inconnu UNKNOWN_FIELD',
      `${FIELDS.statut} INVALID_OPTION`,
      `${FIELDS.nir} TOO_LONG`,
      `${FIELDS.reference} READ_ONLY_FIELD`,
      `${FIELDS.nom} UNSUPPORTED_CHARACTER`,
      `${FIELDS.majeur} INVALID_TYPE`,
      `${FIELDS.montant} INVALID_TYPE`,
    ]);
    expect(issues[1]?.message_en).toContain('"eleve", "etudiant"');
    expect(issues[4]?.message_en).toContain('U+738B');
  });

  it('refuses two choices in a single-choice list and a line break in a one-line field', async () => {
    const issues = await issuesOf({ [FIELDS.pays]: ['France'], [FIELDS.nom]: 'a\nb' });
    expect(issues.map((issue) => issue.code)).toEqual(['INVALID_OPTION', 'INVALID_TYPE']);
  });
});
