import type { FieldBox } from '../field-box.js';
import { encodeText, textWidth, type GlyphTable } from './glyph-table.js';

/**
 * PDF content-stream operators that print a value in a measured box the way the HTML engine
 * prints it: same font size and weight, same first baseline, same insets and alignment (all
 * measured by Chromium on the blank form, see field-box.ts). A value wider or taller than its
 * box is drawn smaller, down to MIN_SIZE; a value that does not fit even then is refused before
 * anything is drawn (overflowing()), never drawn past its box.
 */

export interface DrawFont {
  /** The font's resource name on the page, e.g. "/F3". */
  resource: string;
  table: GlyphTable;
}

/** The smallest legible size a value is drawn at, in points; below it the value is refused. */
export const MIN_SIZE = 7;

/** Operators for one value, or undefined when the font lacks one of its characters. */
export function drawValue(
  box: FieldBox,
  value: string | boolean,
  font: DrawFont,
): string | undefined {
  if (box.type === 'checkbox') return value === true ? drawCross(box) : '';
  if (typeof value !== 'string' || value === '') return '';
  if (box.type === 'comb' && box.maxLength) return drawComb(box, value, font);
  if (box.multiline) return drawLines(box, value, font);
  return drawLine(box, value, font);
}

function drawLine(box: FieldBox, value: string, font: DrawFont): string | undefined {
  const text = encodeText(font.table, value);
  if (text === undefined) return undefined;
  const available = box.width - box.text.left - box.text.right;
  const natural = textWidth(font.table, value, box.text.size);
  const size = natural > available ? (box.text.size * available) / natural : box.text.size;
  const width = textWidth(font.table, value, size);
  const x = alignedX(box, width);
  const y = box.y + box.height - box.text.baseline;
  return `BT ${font.resource} ${n(size)} Tf ${n(x)} ${n(y)} Td ${text} Tj ET\n`;
}

/** Word-wrapped lines from the first baseline down, the whole block scaled to fit the box. */
function drawLines(box: FieldBox, value: string, font: DrawFont): string | undefined {
  if (encodeText(font.table, value.replace(/\n/g, ' ')) === undefined) return undefined;
  const available = box.width - box.text.left - box.text.right;
  let scale = 1;
  let lines = wrap(value, font.table, box.text.size, available);
  // Smaller by tenths, down to MIN_SIZE exactly: overflowing() refused what does not fit there.
  while (!fits(box, lines.length, scale) && box.text.size * scale > MIN_SIZE) {
    scale = Math.max(scale * 0.9, MIN_SIZE / box.text.size);
    lines = wrap(value, font.table, box.text.size * scale, available);
  }
  const size = box.text.size * scale;
  const top = box.y + box.height;
  return lines
    .map((line, index) => {
      const x = alignedX(box, textWidth(font.table, line, size));
      // The first line stays on the label's baseline; only the spacing of the others shrinks.
      const y = top - box.text.baseline - index * box.text.lineHeight * scale;
      return `BT ${font.resource} ${n(size)} Tf ${n(x)} ${n(y)} Td ${encodeText(font.table, line)} Tj ET\n`;
    })
    .join('');
}

function fits(box: FieldBox, lineCount: number, scale: number): boolean {
  const descent = 0.25 * box.text.size * scale;
  const needed = box.text.baseline + (lineCount - 1) * box.text.lineHeight * scale + descent;
  return needed <= box.height;
}

/**
 * Whether a value can be drawn in its box at MIN_SIZE or more: on one line within the box's
 * width, or, in a multi-line box, wrapped into the lines its height holds.
 */
export function fitsInBox(box: FieldBox, value: string, table: GlyphTable): boolean {
  if (box.type === 'checkbox' || box.type === 'image' || value === '') return true;
  if (box.type === 'comb' && box.maxLength) return [...value].length <= box.maxLength;
  const available = box.width - box.text.left - box.text.right;
  const scale = Math.min(1, MIN_SIZE / box.text.size);
  if (!box.multiline) return textWidth(table, value, box.text.size * scale) <= available;
  const lines = wrap(value, table, box.text.size * scale, available);
  return (
    lines.every((line) => textWidth(table, line, box.text.size * scale) <= available + 0.01) &&
    fits(box, lines.length, scale)
  );
}

/** How many characters of `value` fit in the box at MIN_SIZE: the room a refusal states. */
export function roomInBox(box: FieldBox, value: string, table: GlyphTable): number {
  const characters = [...value];
  let low = 0;
  let high = characters.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fitsInBox(box, characters.slice(0, middle).join(''), table)) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * Greedy wrapping on spaces, each typed line (\n) starting a new one; a word longer than a line
 * is cut (CSS overflow-wrap: anywhere).
 */
export function wrap(value: string, table: GlyphTable, size: number, width: number): string[] {
  return value.split('\n').flatMap((paragraph) => {
    const lines = wrapParagraph(paragraph, table, size, width);
    return lines.length > 0 ? lines : [''];
  });
}

function wrapParagraph(value: string, table: GlyphTable, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of value.split(' ')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (textWidth(table, candidate, size) <= width) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    line = word;
    while (textWidth(table, line, size) > width && [...line].length > 1) {
      const characters = [...line];
      let cut = characters.length - 1;
      while (cut > 1 && textWidth(table, characters.slice(0, cut).join(''), size) > width) cut -= 1;
      lines.push(characters.slice(0, cut).join(''));
      line = characters.slice(cut).join('');
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** One character centred in each of `maxLength` equal cells across the box. */
function drawComb(box: FieldBox, value: string, font: DrawFont): string | undefined {
  const cell = box.width / (box.maxLength as number);
  const y = box.y + box.height - box.text.baseline;
  let operators = '';
  let index = 0;
  for (const character of value) {
    const glyph = encodeText(font.table, character);
    if (glyph === undefined) return undefined;
    const width = textWidth(font.table, character, box.text.size);
    const x = box.x + cell * (index + 0.5) - width / 2;
    operators += `BT ${font.resource} ${n(box.text.size)} Tf ${n(x)} ${n(y)} Td ${glyph} Tj ET\n`;
    index += 1;
  }
  return operators;
}

/**
 * The HTML checkbox's mark: two bars crossing at the centre, 3.5 mm long and 0.42 mm thick in a
 * 3.4 mm box (templates/_shared/print.css), scaled to the box.
 */
function drawCross(box: FieldBox): string {
  const side = Math.min(box.width, box.height);
  const half = ((side * 3.5) / 3.4 / 2) * Math.SQRT1_2;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  return (
    `q 0 G ${n((side * 0.42) / 3.4)} w 0 J ` +
    `${n(cx - half)} ${n(cy - half)} m ${n(cx + half)} ${n(cy + half)} l S ` +
    `${n(cx - half)} ${n(cy + half)} m ${n(cx + half)} ${n(cy - half)} l S Q\n`
  );
}

function alignedX(box: FieldBox, width: number): number {
  const left = box.x + box.text.left;
  const available = box.width - box.text.left - box.text.right;
  if (box.text.align === 'center') return left + (available - width) / 2;
  if (box.text.align === 'right') return left + available - width;
  return left;
}

/** A number as a content stream writes it: at most 2 decimals, no exponent. */
export function n(value: number): string {
  return String(Math.round(value * 100) / 100);
}
