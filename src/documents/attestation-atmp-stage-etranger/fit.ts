/**
 * Whether a value fits on its box's one line at the form's normal size (bold 9.5 pt), from the
 * font's widths rather than a count of characters: capitals are a third wider than small
 * letters, and a street or a complement in capitals wrapped under a count that let it pass,
 * taking the line that pushed the CPAM's box onto a third page.
 */

/** Advance widths of Liberation Sans Bold, in thousandths of an em, for U+0020 to U+007E. */
const ASCII_BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
  556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667,
  611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
  667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556,
  278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
] as const;

/** Letters and signs of French text outside ASCII without a base letter to stand for them. */
const OTHER_BOLD: Readonly<Record<string, number>> = {
  '’': 278,
  '‘': 278,
  '«': 556,
  '»': 556,
  '–': 556,
  '—': 1000,
  '…': 1000,
  '€': 556,
  œ: 944,
  Œ: 1000,
  æ: 889,
  Æ: 1000,
  ß: 611,
};

/** The widest capitals: what any other character counts, to err on the side of the dense type. */
const WIDE = 1000;

/** The text's width in ems of the bold face: an accented letter as its base letter (É as E). */
export function boldWidthEm(text: string): number {
  let width = 0;
  for (const character of text) width += characterWidth(character);
  return width / 1000;
}

function characterWidth(character: string): number {
  const own = ASCII_BOLD[(character.codePointAt(0) as number) - 0x20];
  if (own !== undefined) return own;
  if (/\s/u.test(character)) return ASCII_BOLD[0];
  const other = OTHER_BOLD[character];
  if (other !== undefined) return other;
  const base = character.normalize('NFD').charAt(0);
  const baseWidth =
    base !== character ? ASCII_BOLD[(base.codePointAt(0) as number) - 0x20] : undefined;
  return baseWidth ?? WIDE;
}

/** Points of text a box of the form holds on one line (its width less its 1 mm insets). */
export const BOX_WIDTH_PT = {
  /** The establishment's and the company's lines: the full width of the box. */
  ligne: 491,
  nom: 461,
  prenom: 447,
  numero: 39,
  voie: 306,
  complement: 381.5,
  localite: 296,
} as const;

/** Size of the values at the normal size (print.css: body 9.5 pt, values bold). */
const VALUE_SIZE_PT = 9.5;

export type Box = keyof typeof BOX_WIDTH_PT;

/** Whether a value would take a second line in its box at the normal size. */
export function wouldWrap(values: Readonly<Record<Box, readonly string[]>>): boolean {
  return Object.entries(values).some(([box, texts]) =>
    texts.some((text) => boldWidthEm(text) * VALUE_SIZE_PT > BOX_WIDTH_PT[box as Box]),
  );
}
