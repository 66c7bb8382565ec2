import { execFileSync } from 'node:child_process';
import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream, PDFStream } from 'pdf-lib';
import type { FieldBox } from '../../src/engines/field-box.js';

/**
 * Where the acroform engine drew each value, read back from its PDF the way a reader sees it, and
 * judged against the blank print it was drawn on (the words of the form: labels, headers,
 * footers) and the boxes measured on that print. Positions come from poppler (`pdftotext -bbox`)
 * and sizes from the content stream, never from what the engine meant to draw.
 *
 * Coordinates here are poppler's: points from the page's top left, y downwards. A FieldBox's are
 * PDF's (bottom left, y upwards): `boxRect` converts.
 */

export interface Word {
  /** 1-based. */
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface Rect {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PdfWords {
  /** Page heights, in points (index 0 is page 1). */
  heights: number[];
  words: Word[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Every word poppler reads, with its box: from the font's ascent to its descent, glyph advances. */
export function pdfWords(pdf: Uint8Array): PdfWords {
  const xml = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', '-', '-'], {
    input: pdf,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const heights: number[] = [];
  const words: Word[] = [];
  const pattern =
    /<page width="[\d.]+" height="([\d.]+)">|<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)<\/word>/g;
  for (const match of xml.matchAll(pattern)) {
    const [, height, xMin, yMin, xMax, yMax, text] = match;
    if (height) {
      heights.push(Number(height));
      continue;
    }
    words.push({
      page: heights.length,
      text: (text as string).replace(
        /&(\w+);/g,
        (entity, name: string) => ENTITIES[name] ?? entity,
      ),
      xMin: Number(xMin),
      yMin: Number(yMin),
      xMax: Number(xMax),
      yMax: Number(yMax),
    });
  }
  return { heights, words };
}

const wordKey = (word: Word) => `${word.page}\u0000${word.text}`;

/** Whether two readings of a word are the same word at the same place. */
function samePlace(a: Word, b: Word): boolean {
  return (
    Math.abs(a.xMin - b.xMin) < 0.05 &&
    Math.abs(a.yMin - b.yMin) < 0.05 &&
    Math.abs(a.xMax - b.xMax) < 0.05 &&
    Math.abs(a.yMax - b.yMax) < 0.05
  );
}

/**
 * Words of `filled` that `blank` does not have at the same place (what was drawn), and words of
 * `blank` that `filled` lost (none when `filled` is drawn on exactly that print).
 */
export function diffWords(blank: readonly Word[], filled: readonly Word[]) {
  const index = (words: readonly Word[]) => {
    const map = new Map<string, Word[]>();
    for (const word of words) map.set(wordKey(word), [...(map.get(wordKey(word)) ?? []), word]);
    return map;
  };
  const inBlank = index(blank);
  const inFilled = index(filled);
  const found = (map: Map<string, Word[]>, word: Word) =>
    (map.get(wordKey(word)) ?? []).some((other) => samePlace(word, other));
  return {
    drawn: filled.filter((word) => !found(inBlank, word)),
    lost: blank.filter((word) => !found(inFilled, word)),
  };
}

/** A measured box as poppler's coordinates have it. */
export function boxRect(box: FieldBox, pageHeight: number): Rect {
  return {
    xMin: box.x,
    xMax: box.x + box.width,
    yMin: pageHeight - box.y - box.height,
    yMax: pageHeight - box.y,
  };
}

export function within(inner: Rect, outer: Rect, tolerance: number): boolean {
  return (
    inner.xMin >= outer.xMin - tolerance &&
    inner.xMax <= outer.xMax + tolerance &&
    inner.yMin >= outer.yMin - tolerance &&
    inner.yMax <= outer.yMax + tolerance
  );
}

/** Whether two rectangles share some area: touching edges do not count. */
export function intersects(a: Rect, b: Rect): boolean {
  const EPSILON = 0.01;
  return (
    a.xMin < b.xMax - EPSILON &&
    b.xMin < a.xMax - EPSILON &&
    a.yMin < b.yMax - EPSILON &&
    b.yMin < a.yMax - EPSILON
  );
}

/**
 * The baseline of a word: poppler's box runs from the font's ascent to its descent, 0.905 and
 * 0.212 em in Liberation Sans (0.891 and 0.216 in Liberation Serif), so the baseline lies 19% of
 * the box's height above its bottom, whatever the font size.
 */
export function baseline(word: Word): number {
  return word.yMax - ((word.yMax - word.yMin) * 0.212) / 1.117;
}

export const describeWord = (word: Word) =>
  `"${word.text}" p${word.page} [${[word.xMin, word.yMin, word.xMax, word.yMax].map((v) => v.toFixed(1)).join(', ')}]`;

/** One text drawing of the content streams the filled PDF adds to the blank print. */
export interface DrawnText {
  page: number;
  /** The `Tf` size, in points. */
  size: number;
  /** Where it starts (`Td`), in PDF coordinates (bottom left). */
  x: number;
  y: number;
}

/**
 * Every `BT /F size Tf x y Td … ET` of the content streams `filled` has and `blank` has not on the
 * same page (the values the acroform engine drew; flat-form.ts wraps the page's own content in
 * `q`/`Q` streams, which are left out).
 */
export async function drawnTexts(blank: Uint8Array, filled: Uint8Array): Promise<DrawnText[]> {
  const blankStreams = await pageStreams(blank);
  const filledStreams = await pageStreams(filled);
  const texts: DrawnText[] = [];
  filledStreams.forEach((streams, index) => {
    const own = new Set(blankStreams[index] ?? []);
    for (const stream of streams) {
      if (own.has(stream) || /^\s*[qQ]\s*$/.test(stream)) continue;
      const operators = /BT\s+\/\S+\s+([\d.]+)\s+Tf\s+([-\d.]+)\s+([-\d.]+)\s+Td/g;
      for (const [, size, x, y] of stream.matchAll(operators)) {
        texts.push({ page: index + 1, size: Number(size), x: Number(x), y: Number(y) });
      }
    }
  });
  return texts;
}

/** Each page's content streams, decoded, as latin1 text. */
async function pageStreams(pdf: Uint8Array): Promise<string[][]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  return doc.getPages().map((page) => {
    const contents = page.node.Contents();
    const streams =
      contents instanceof PDFArray
        ? contents.asArray().map((ref) => doc.context.lookup(ref))
        : [contents];
    return streams.map((stream) => {
      if (stream instanceof PDFRawStream) {
        return Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
      }
      if (stream instanceof PDFStream) return Buffer.from(stream.getContents()).toString('latin1');
      return '';
    });
  });
}

/** What the placement checks read: a filled PDF, the blank print under it and its boxes. */
export interface Placement {
  blank: PdfWords;
  filled: PdfWords;
  /** Words the engine drew: in the filled PDF, not in the blank print at the same place. */
  drawn: Word[];
  /** Words of the blank print the filled PDF lacks: none when it is drawn on that print. */
  lost: Word[];
  boxes: readonly FieldBox[];
  texts: DrawnText[];
}

export async function readPlacement(
  blankPdf: Uint8Array,
  boxes: readonly FieldBox[],
  filledPdf: Uint8Array,
): Promise<Placement> {
  const blank = pdfWords(blankPdf);
  const filled = pdfWords(filledPdf);
  const { drawn, lost } = diffWords(blank.words, filled.words);
  return { blank, filled, drawn, lost, boxes, texts: await drawnTexts(blankPdf, filledPdf) };
}

/** How far a word may stick out of its box: pdftotext's boxes are the font's, not the ink's. */
export const BOX_TOLERANCE = 1.5;
/** How far a value's first baseline may sit from its label's. */
export const BASELINE_TOLERANCE = 2.5;

function rectOf(placement: Placement, box: FieldBox): Rect {
  return boxRect(box, placement.blank.heights[box.page - 1] as number);
}

const textBoxes = (placement: Placement) =>
  placement.boxes.filter((box) => box.type !== 'checkbox' && box.type !== 'image');

/** The drawn words lying in a box. */
export function wordsIn(placement: Placement, box: FieldBox): Word[] {
  const rect = rectOf(placement, box);
  return placement.drawn.filter(
    (word) => word.page === box.page && within(word, rect, BOX_TOLERANCE),
  );
}

/** Check 1: drawn words that lie in no measured box of their page. */
export function outsideBoxes(placement: Placement): string[] {
  return placement.drawn
    .filter(
      (word) =>
        !placement.boxes.some(
          (box) => box.page === word.page && within(word, rectOf(placement, box), BOX_TOLERANCE),
        ),
    )
    .map((word) => `${describeWord(word)} lies in no box`);
}

/** Check 2: drawn words whose box overlaps a word of the blank print (label, header, footer). */
export function overPrintedWords(placement: Placement): string[] {
  return placement.drawn.flatMap((word) =>
    placement.blank.words
      .filter((printed) => printed.page === word.page && intersects(word, printed))
      .map((printed) => `${describeWord(word)} is drawn over ${describeWord(printed)}`),
  );
}

/**
 * Check 3: each box with a value whose blank print has words to its left within its height (its
 * label, or a row header): its first drawn line must share a baseline with one of them. Boxes with
 * nothing to their left are skipped and counted.
 */
export function offBaseline(placement: Placement): {
  withValue: number;
  checked: number;
  problems: string[];
} {
  let withValue = 0;
  let checked = 0;
  const problems: string[] = [];
  for (const box of textBoxes(placement)) {
    const words = wordsIn(placement, box);
    if (words.length === 0) continue;
    withValue += 1;
    const rect = rectOf(placement, box);
    const labels = placement.blank.words.filter(
      (word) =>
        word.page === box.page &&
        word.xMax <= rect.xMin + BOX_TOLERANCE &&
        word.yMax > rect.yMin &&
        word.yMin < rect.yMax,
    );
    if (labels.length === 0) continue;
    checked += 1;
    const first = Math.min(...words.map(baseline));
    const nearest = labels.reduce((best, label) =>
      Math.abs(baseline(label) - first) < Math.abs(baseline(best) - first) ? label : best,
    );
    const gap = baseline(nearest) - first;
    if (Math.abs(gap) > BASELINE_TOLERANCE) {
      const line = words.filter((word) => Math.abs(baseline(word) - first) < 1);
      problems.push(
        `${box.name} (p${box.page}): "${line.map((word) => word.text).join(' ')}" sits ` +
          `${Math.abs(gap).toFixed(1)} pt ${gap > 0 ? 'above' : 'below'} the nearest label ` +
          `baseline, ${describeWord(nearest)}`,
      );
    }
  }
  return { withValue, checked, problems };
}

/** Check 4: boxes whose value is drawn smaller than `minimum` points (each box once, its smallest). */
export function tooSmall(placement: Placement, minimum: number): string[] {
  const smallest = new Map<string, number>();
  for (const text of placement.texts) {
    if (text.size >= minimum) continue;
    const box = placement.boxes.find(
      (candidate) =>
        candidate.page === text.page &&
        text.x >= candidate.x - BOX_TOLERANCE &&
        text.x <= candidate.x + candidate.width + BOX_TOLERANCE &&
        text.y >= candidate.y - BOX_TOLERANCE &&
        text.y <= candidate.y + candidate.height + BOX_TOLERANCE,
    );
    const name = box ? box.name : `no box at (${text.x}, ${text.y}) p${text.page}`;
    smallest.set(name, Math.min(text.size, smallest.get(name) ?? Infinity));
  }
  return [...smallest].map(([name, size]) => `${name}: ${size} pt`);
}

/** How far a value's first word may start from where the html engine prints it, in points. */
export const START_TOLERANCE = 1;

/**
 * Check 5: each left-aligned text box's first drawn word starts where the html engine prints that
 * word for the same payload (the same text, the nearest by x). Lines and pages differ between the
 * two prints (the html one grows with the data, the fixed form keeps room for every row), but a
 * value starts at its box's left edge in both: a box measured a few points left or right of its
 * print is caught here, which the other checks, all relative to the measured boxes, cannot see.
 */
export function offHtmlStart(
  placement: Placement,
  html: PdfWords,
): { checked: number; problems: string[] } {
  let checked = 0;
  const problems: string[] = [];
  for (const box of textBoxes(placement)) {
    if (box.type !== 'text' || box.text.align !== 'left') continue;
    const [first] = wordsIn(placement, box).sort(
      (a, b) => baseline(a) - baseline(b) || a.xMin - b.xMin,
    );
    if (!first) continue;
    checked += 1;
    const printed = html.words
      .filter((word) => word.text === first.text)
      .sort((a, b) => Math.abs(a.xMin - first.xMin) - Math.abs(b.xMin - first.xMin))[0];
    if (!printed || Math.abs(printed.xMin - first.xMin) > START_TOLERANCE) {
      problems.push(
        `${box.name} (p${box.page}): ${describeWord(first)} starts ` +
          (printed
            ? `${(first.xMin - printed.xMin).toFixed(1)} pt from the html print's ${describeWord(printed)}`
            : 'where the html print has no such word nearby'),
      );
    }
  }
  return { checked, problems };
}
