import { parse } from 'node-html-parser';

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

export type FieldValue = string | boolean;

/**
 * The value of every marked element of rendered HTML, as it prints: its text with HTML's
 * whitespace collapsed (entities decoded), or a checkbox's state. node-html-parser is a small,
 * dependency-light parser (css-select, entities) used for this read only; nothing is rendered.
 */
export function readFieldValues(html: string): Record<string, FieldValue> {
  const root = parse(html, { comment: false });
  const values: Record<string, FieldValue> = {};
  for (const element of root.querySelectorAll(FIELD_SELECTOR)) {
    const name = element.getAttribute('data-field') ?? '';
    if (element.getAttribute('data-type') === 'checkbox') {
      values[name] = element.classList.contains('checkbox--checked');
      continue;
    }
    const text = element.text.replace(/[ \t\n\r\f]+/g, ' ').trim();
    values[name] = element.getAttribute('data-type') === 'comb' ? text.replace(/ /g, '') : text;
  }
  return values;
}
