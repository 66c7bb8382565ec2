/**
 * The name of each PDF in a batch's ZIP, from a pattern of the row's data
 * (`{eleve.nomNaissance}-{eleve.prenom}`): safe on Windows (the school's office unzips there),
 * and unique in the archive.
 */

/** Characters Windows refuses in a file name, and control characters. */
const UNSAFE = /[<>:"/\\|?*\p{Cc}]/gu;
/** Names Windows reserves whatever the extension (CON.pdf cannot be created). */
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
/** Long enough for two names; short enough for a path under Windows' 260 characters. */
const MAX_LENGTH = 100;

export interface FileNamer {
  /** The next name, `.pdf` included: the row's data put in the pattern, made safe and unique. */
  next(input: unknown, row: number, fallback?: string): string;
}

/** Whether a pattern only names `{paths}` and text: checked before the batch starts. */
export function patternPaths(pattern: string): string[] {
  return [...pattern.matchAll(/\{([^{}]+)\}/g)].map((match) => (match[1] as string).trim());
}

export function fileNamer(pattern: string | undefined): FileNamer {
  const taken = new Set<string>();
  return {
    next(input, row, fallback) {
      const base = baseName(pattern, input, row, fallback);
      let name = base;
      for (let copy = 2; taken.has(name.toLowerCase()); copy += 1) name = `${base}-${copy}`;
      // Windows compares names without case: "Durand.pdf" and "DURAND.pdf" are one file.
      taken.add(name.toLowerCase());
      return `${name}.pdf`;
    },
  };
}

/**
 * A row's name before it is made unique in the archive, without `.pdf`: what a job's worker
 * works out beside the row's data, so that the archive is named later without that data.
 */
export function baseName(
  pattern: string | undefined,
  input: unknown,
  row: number,
  fallback?: string,
): string {
  const filled = pattern
    ? pattern.replace(/\{([^{}]+)\}/g, (_whole, path: string) => textAt(input, path.trim()))
    : (fallback ?? '');
  return safeName(filled.replace(/\.pdf$/i, '')) || `ligne-${row}`;
}

/** A value of the data at a dotted path (`[0]` or `.0` for array items), as text. */
function textAt(input: unknown, path: string): string {
  let node = input;
  for (const key of path.replace(/\[(\d+)\]/g, '.$1').split('.')) {
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  return typeof node === 'string' || typeof node === 'number' ? String(node) : '';
}

function safeName(text: string): string {
  const cleaned = text.normalize('NFC').replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  const cut = [...cleaned].slice(0, MAX_LENGTH).join('');
  // Windows drops trailing dots and spaces, and reserves a few device names.
  const trimmed = cut.replace(/[. ]+$/, '').replace(/^[. ]+/, '');
  return RESERVED.test(trimmed) ? `${trimmed}-` : trimmed;
}
