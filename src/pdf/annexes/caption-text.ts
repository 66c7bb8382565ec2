import type { PDFFont } from 'pdf-lib';

/**
 * A caption as sent, made printable in one line of text: line breaks, tabs and other control
 * characters become spaces (they would print as empty boxes), runs of spaces become one. No-break
 * spaces (U+00A0, U+202F, which French typography puts before ; : ! ? and in numbers) are kept.
 * A character the font cannot draw becomes "?" rather than an empty box: the HTTP layer is
 * expected to refuse such captions first, naming the character.
 */
export function printableCaption(caption: string, font: PDFFont): string {
  const covered = new Set(font.getCharacterSet());
  const cleaned = caption
    .replace(/[\p{Cc}\u2028\u2029]/gu, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
  return Array.from(cleaned, (char) => (covered.has(char.codePointAt(0) ?? 0) ? char : '?')).join(
    '',
  );
}

/**
 * Breaks text into lines no wider than `width` at `size`: at ordinary spaces only (never at a
 * no-break space), and inside a word only when the word alone is wider than a line (a long file
 * name, a URL).
 */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const fits = (line: string) => font.widthOfTextAtSize(line, size) <= width;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    line = '';
    for (const char of Array.from(word)) {
      if (line !== '' && !fits(line + char)) {
        lines.push(line);
        line = '';
      }
      line += char;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/** At most `count` lines; the last one shortened with "…" when text was left out. */
export function firstLines(
  lines: string[],
  count: number,
  fits: (line: string) => boolean,
): string[] {
  if (lines.length <= count) return lines;
  const kept = lines.slice(0, count);
  let last = kept[count - 1] ?? '';
  while (last !== '' && !fits(`${last}…`)) last = Array.from(last).slice(0, -1).join('');
  kept[count - 1] = `${last.trimEnd()}…`;
  return kept;
}
