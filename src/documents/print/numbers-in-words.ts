/** Counts a text writes in words; beyond them, figures (each caller formats its own). */
const WORDS_FR = [
  'zéro',
  'un',
  'deux',
  'trois',
  'quatre',
  'cinq',
  'six',
  'sept',
  'huit',
  'neuf',
  'dix',
] as const;

/**
 * A small whole number in French words: 3 → "trois". Undefined above `upTo` (dix at most), for a
 * negative number or a fraction: the caller then prints figures, as sober French prose writes
 * small counts in words and larger ones in figures.
 */
export function numberInWords(
  value: number,
  { upTo = 10 }: { upTo?: number } = {},
): string | undefined {
  if (!Number.isInteger(value) || value < 0 || value > upTo) return undefined;
  return WORDS_FR[value];
}
