/**
 * A printed text cut into segments, so that the template can keep each hyphenated word on one
 * line. Chromium may break a line after any hyphen: "Saint-|Étienne", "LEFÈBVRE-|CHÂTEAU". French
 * typography avoids splitting proper names, and a reader's copy-paste (or pdftotext) then drops
 * the hyphen. Only words short enough to fit a line are kept whole.
 */
export interface Segment {
  texte: string;
  /** Printed in a `white-space: nowrap` span. */
  insecable: boolean;
}

export type Texte = Segment[];

/** A hyphenated word up to this length fits a line of the letter, even in wide capitals. */
const LONGUEUR_MAX_INSECABLE = 30;

function keepWhole(word: string): boolean {
  return word.includes('-') && word.length <= LONGUEUR_MAX_INSECABLE;
}

/** "27 rue Anatole-France" → ["27 rue ", {"Anatole-France", insecable}]. */
export function wholeHyphenatedWords(value: string): Texte {
  const segments: Texte = [];
  const push = (text: string, insecable: boolean) => {
    const last = segments[segments.length - 1];
    if (last && !last.insecable && !insecable) last.texte += text;
    else if (text) segments.push({ texte: text, insecable });
  };
  value.split(' ').forEach((word, index) => {
    if (index > 0) push(' ', false);
    push(word, keepWhole(word));
  });
  return segments;
}

/** The text as read, for tests and lengths. */
export function plain(value: Texte): string {
  return value.map((segment) => segment.texte).join('');
}
