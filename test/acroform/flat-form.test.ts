import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import {
  fillFlatForm,
  overflowing,
  prepareFlatForm,
} from '../../src/engines/acroform/flat-form.js';
import { frenchAlphabet } from '../../src/engines/acroform/glyph-table.js';
import type { FieldBox } from '../../src/engines/field-box.js';
import { coveredCodePoints, loadFonts, sansFace } from '../../src/fonts.js';
import { fontsDir } from '../../src/paths.js';
import { darkPixelsIn, qpdfCheck, renderGray } from '../helpers/forms.js';
import { pdfFonts, pdfText } from '../helpers/pdf.js';

const fonts = loadFonts(fontsDir);
const covered = coveredCodePoints(fonts);
const faces = { regular: sansFace(fonts, { bold: false }), bold: sansFace(fonts, { bold: true }) };
const french = [...frenchAlphabet()].filter((code) => covered.has(code));

const style = { size: 9.5, bold: true, baseline: 10, lineHeight: 12, left: 2, right: 2 };
function box(
  name: string,
  rect: [number, number, number, number],
  extra: Partial<FieldBox> = {},
): FieldBox {
  const [x, y, width, height] = rect;
  return {
    name,
    type: 'text',
    multiline: false,
    page: 1,
    x,
    y,
    width,
    height,
    text: { ...style, align: 'left' },
    ...extra,
  };
}

const BOXES: FieldBox[] = [
  box('nom', [50, 700, 300, 14]),
  box('montant', [50, 680, 120, 14], { text: { ...style, bold: false, align: 'right' } }),
  box('nir', [50, 650, 150, 14], { type: 'comb', maxLength: 15 }),
  box('coche', [50, 620, 10, 10], { type: 'checkbox' }),
  box('vide', [60, 620, 10, 10], { type: 'checkbox' }),
  box('taches', [50, 520, 200, 60], { multiline: true }),
  box('page2', [50, 700, 200, 14], { page: 2 }),
];

async function printed(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]);
  doc.addPage([595, 842]);
  return doc.save();
}

const form = await prepareFlatForm(await printed(), BOXES, { faces, alphabet: french });

const VALUES = {
  nom: 'Œuvre Müller-Łukasz ’Ärger’',
  montant: '1\u202f234,50\u00a0€',
  nir: '295109912611193',
  coche: true,
  vide: false,
  taches:
    'Accompagner les enfants à l’école, préparer le goûter, aider aux devoirs et ranger la chambre des enfants le mercredi.',
  page2: 'Deuxième page',
};

describe('the flattened fill on a prepared form', () => {
  const pdf = fillFlatForm(form, VALUES) as Uint8Array;

  it('appends to the prepared bytes and gives a valid PDF', () => {
    expect(pdf).toBeDefined();
    expect(Buffer.from(pdf.subarray(0, form.bytes.length)).equals(Buffer.from(form.bytes))).toBe(
      true,
    );
    expect(qpdfCheck(pdf).status).toBe(0);
  });

  it('prints every value, accents and narrow no-break spaces included, on its page', () => {
    const text = pdfText(pdf);
    const [first, second] = text.split('\f');
    expect(first).toContain('Œuvre Müller-Łukasz ’Ärger’');
    // poppler writes the no-break spaces as spaces; the glyphs drawn are U+202F and U+00A0.
    expect(first).toContain('1 234,50 €');
    const regular = form.pages.get(1)?.regular?.table.glyphs;
    const drawn = Buffer.from(pdf.subarray(form.bytes.length)).toString('latin1');
    expect(drawn).toContain(`${regular?.get(0x202f)?.cid}`);
    expect(regular?.get(0x202f)?.cid).not.toBe(regular?.get(0x20)?.cid);
    expect(first?.replace(/\s/g, '')).toContain('295109912611193');
    expect(first?.replace(/\s+/g, ' ')).toContain('préparer le goûter, aider aux devoirs');
    expect(second).toContain('Deuxième page');
  });

  it('embeds only the weights the boxes use, as subsets', () => {
    const names = pdfFonts(pdf).map((font) => font.name);
    expect(pdfFonts(pdf).every((font) => font.embedded)).toBe(true);
    expect(names.some((name) => name.includes('LiberationSans-Bold'))).toBe(true);
    expect(
      names.some((name) =>
        /LiberationSans-?\d*$|LiberationSans$/.test(name.split('+').pop() ?? ''),
      ),
    ).toBe(true);
  });

  it('ticks a true checkbox and leaves a false one empty', () => {
    const image = renderGray(pdf, 1);
    expect(darkPixelsIn(image, [50, 620, 10, 10])).toBeGreaterThan(8);
    expect(darkPixelsIn(image, [60, 620, 10, 10])).toBe(0);
  });

  it('wraps a multiline value inside its box and shrinks a line that is too long', () => {
    const content = Buffer.from(pdf.subarray(form.bytes.length)).toString('latin1');
    const tachesLines = content.match(/ 9\.5 Tf 52 \d+(\.\d+)? Td/g) ?? [];
    expect(tachesLines.length).toBeGreaterThan(0);
    // Too long even at 7 pt: refused by name, with the room the box has.
    const [refused] = overflowing(form, { nom: 'W'.repeat(80) });
    expect(refused).toMatchObject({ field: 'nom', code: 'TOO_LONG_FOR_FORM' });
    // The longest run of W that fits is shrunk, not below 7 pt.
    let length = 80;
    while (overflowing(form, { nom: 'W'.repeat(length) }).length > 0) length -= 1;
    expect(refused?.message_en).toContain(`${length} characters fit at 7 pt, 80 given`);
    const long = fillFlatForm(form, { nom: 'W'.repeat(length) }) as Uint8Array;
    const size = /\/[\w-]+ ([\d.]+) Tf/.exec(
      Buffer.from(long.subarray(form.bytes.length)).toString('latin1'),
    )?.[1];
    expect(Number(size)).toBeLessThan(9.5);
    expect(Number(size)).toBeGreaterThanOrEqual(7);
  });

  it('answers undefined for a character outside its alphabet, and the whole-font form draws it', async () => {
    expect(fillFlatForm(form, { nom: 'Ελένη' })).toBeUndefined();
    const whole = await prepareFlatForm(await printed(), BOXES, { faces, alphabet: [...covered] });
    expect(pdfText(fillFlatForm(whole, { nom: 'Ελένη Кирилл' }) as Uint8Array)).toContain(
      'Ελένη Кирилл',
    );
  });

  it('refuses a value whose box the form does not have (a template error)', () => {
    expect(() => fillFlatForm(form, { inconnu: 'x' })).toThrow(/No box/);
  });
});
