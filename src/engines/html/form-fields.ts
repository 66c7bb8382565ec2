import { decodeHTML } from 'entities';

/**
 * The fillable-form convention of templates: each box a value is written in carries
 * `data-field="<name>"` (the AcroForm field's name: the JSON path of what it shows, e.g.
 * `eleve.nom`, `etablissement.lignes[0]`), with
 * - `data-type`: `text` (default), `checkbox` (the `checkbox` helper's `field=` sets it; ticked
 *   when its class is `checkbox--checked`) or `comb` (one character per cell);
 * - `data-maxlength` and `data-multiline` where the form has them.
 * The same marks give the boxes (measured by Chromium on the blank form) and the values (read
 * here from the HTML of a real render), so the two engines print the same thing.
 */
export const FIELD_SELECTOR = '[data-field]';

/**
 * Boxes an image of the request is placed in: `data-image="<name>"` (e.g. `signature`, `cachet`),
 * holding `{{image "<name>"}}`. Measured with the fields, as type `image`.
 */
export const BOX_SELECTOR = '[data-field],[data-image]';

import type { FieldValue } from '../field-box.js';

export type { FieldValue };

/**
 * The value of every marked element of rendered HTML, as it prints: its text with HTML's
 * whitespace collapsed (entities decoded; line breaks kept in `data-multiline` boxes, which print
 * with white-space: pre-line), or a checkbox's state.
 *
 * A scan rather than a DOM: it runs on every acroform fill, where a DOM parser took ~2 ms of a
 * ~4 ms document. It relies on what templates are: Handlebars output with balanced tags, marked
 * elements holding text or plain inline markup (a comb's cells), attribute values in double
 * quotes.
 */
export function readFieldValues(html: string): Record<string, FieldValue> {
  const source = html.replace(/<!--[\s\S]*?-->/g, '');
  const values: Record<string, FieldValue> = {};
  const marked = /<([a-zA-Z][\w-]*)(\s[^>]*?\bdata-field="([^"]*)"[^>]*)>/g;
  for (let match = marked.exec(source); match; match = marked.exec(source)) {
    const [tag, name, attributes, field] = match as unknown as [string, string, string, string];
    const type = /\bdata-type="([^"]*)"/.exec(attributes)?.[1] ?? 'text';
    const key = decodeHTML(field);
    if (type === 'checkbox') {
      const classes = /\bclass="([^"]*)"/.exec(attributes)?.[1] ?? '';
      values[key] = classes.split(/\s+/).includes('checkbox--checked');
      continue;
    }
    const start = match.index + tag.length;
    const inner = source.slice(start, closingTag(source, name, start));
    const decoded = decodeHTML(inner.replace(/<[^>]*>/g, ''));
    // A multi-line box prints with white-space: pre-line: its line breaks stay, spaces collapse.
    const text = /\bdata-multiline\b/.test(attributes)
      ? decoded
          .replace(/[ \t\r\f]+/g, ' ')
          .replace(/ ?\n ?/g, '\n')
          .trim()
      : decoded.replace(/[ \t\n\r\f]+/g, ' ').trim();
    values[key] = type === 'comb' ? text.replace(/ /g, '') : text;
  }
  return values;
}

/** Where the element opened just before `from` closes (same-name tags nest). */
function closingTag(html: string, name: string, from: number): number {
  const tags = new RegExp(`<(/?)${name}\\b[^>]*>`, 'gi');
  tags.lastIndex = from;
  let depth = 1;
  for (let match = tags.exec(html); match; match = tags.exec(html)) {
    depth += match[1] ? -1 : 1;
    if (depth === 0) return match.index;
  }
  throw new Error(`<${name}> opened at ${from} is never closed`);
}
