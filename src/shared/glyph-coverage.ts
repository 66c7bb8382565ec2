import type { FieldIssue } from '../core/errors.js';
import { formatPath } from './json-path.js';

/**
 * Every character of every text the caller sends must exist in the embedded fonts: otherwise
 * Chromium would borrow a system font (or print a blank box) and the printed form would differ
 * from what was sent. The check runs at validation, so /validate reports it too.
 */
export function uncoveredCharacters(input: unknown, covered: ReadonlySet<number>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  walk(input, [], (path, text) => {
    const missing = [...new Set([...text].filter((char) => !isCovered(char, covered)))];
    if (missing.length === 0) return;
    const list = missing.map((char) => `« ${char} » (U+${codePoint(char)})`).join(', ');
    const listEn = missing.map((char) => `"${char}" (U+${codePoint(char)})`).join(', ');
    issues.push({
      path: formatPath(path),
      code: 'UNSUPPORTED_CHARACTER',
      message_fr: `Caractère impossible à imprimer avec la police du document : ${list}.`,
      message_en: `Character the document's font cannot print: ${listEn}.`,
    });
  });
  return issues;
}

function isCovered(char: string, covered: ReadonlySet<number>): boolean {
  const code = char.codePointAt(0) as number;
  return code === 0x0a || code === 0x09 || covered.has(code);
}

function codePoint(char: string): string {
  return (char.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0');
}

function walk(
  value: unknown,
  path: PropertyKey[],
  visit: (path: PropertyKey[], text: string) => void,
): void {
  if (typeof value === 'string') visit(path, value);
  else if (Array.isArray(value))
    value.forEach((item, index) => walk(item, [...path, index], visit));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) walk(item, [...path, key], visit);
  }
}
