import type { PDFFont } from 'pdf-lib';

/**
 * A font embedded once in a prepared form, and what drawing text in it needs at request time:
 * each code point's glyph (as the 4-hex-digit CID of the embedded subset) and advance width.
 * Characters are drawn one glyph each, without ligatures or kerning, so encoding is a lookup.
 */
export interface GlyphTable {
  /** Per code point: the CID in hex and the advance width in 1/1000 em. */
  glyphs: ReadonlyMap<number, { cid: string; width: number }>;
}

/**
 * Encodes every code point of `alphabet` the font has, which puts its glyph in the subset
 * pdf-lib writes at save time (and its width in /W, its Unicode in /ToUnicode). Must run before
 * the document is saved; nothing may be encoded with this font afterwards.
 */
export function tabulateGlyphs(font: PDFFont, alphabet: Iterable<number>): GlyphTable {
  const glyphs = new Map<number, { cid: string; width: number }>();
  for (const codePoint of alphabet) {
    const character = String.fromCodePoint(codePoint);
    const cid = font.encodeText(character).asString();
    // One glyph, and not .notdef (0000): the font draws this character.
    if (cid.length !== 4 || cid === '0000') continue;
    glyphs.set(codePoint, { cid, width: font.widthOfTextAtSize(character, 1000) });
  }
  return { glyphs };
}

/** The text as a PDF hex string of CIDs, or undefined when a character is not in the table. */
export function encodeText(table: GlyphTable, text: string): string | undefined {
  let hex = '<';
  for (const character of text) {
    const glyph = table.glyphs.get(character.codePointAt(0) as number);
    if (!glyph) return undefined;
    hex += glyph.cid;
  }
  return `${hex}>`;
}

/** Width in points at `size`; characters missing from the table count as nothing. */
export function textWidth(table: GlyphTable, text: string, size: number): number {
  let width = 0;
  for (const character of text) {
    width += table.glyphs.get(character.codePointAt(0) as number)?.width ?? 0;
  }
  return (width * size) / 1000;
}

/**
 * The characters a French form prints: Basic Latin to Latin Extended-B (œ, Ł, ș…), Latin
 * Extended Additional, general punctuation (the narrow no-break space fr-FR number formatting
 * emits, ’ « » – … ), the euro sign and №. A value outside this set is drawn with a form that
 * embeds the whole font (slower to build, larger output; see fillable-forms.ts).
 */
export function* frenchAlphabet(): Generator<number> {
  const ranges: [number, number][] = [
    [0x20, 0x7e],
    [0xa0, 0x24f],
    [0x1e00, 0x1eff],
    [0x2000, 0x206f],
    [0x20ac, 0x20ac],
    [0x2116, 0x2116],
  ];
  for (const [from, to] of ranges) for (let code = from; code <= to; code += 1) yield code;
}
