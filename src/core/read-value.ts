import {
  readAmount,
  readCountry,
  readDate,
  readNumber,
  readText,
} from '../documents/read/decode.js';
import { COUNTRY_FORMAT } from '../documents/read/form-reading.js';
import { UnreadableValue } from '../documents/read/unreadable.js';
import { typesOf, variantsOf, type SchemaNode } from './schema-node.js';

/**
 * One value typed by a person, read as the type its field has in the document's JSON Schema: a
 * filled form's box (read-form.ts) and a spreadsheet's cell (edges/batch) read the same way, so
 * that "14/05/2003", "350,00 €", "Allemagne" or "oui" mean the same thing in both.
 */

/** What a value that cannot be read throws; edges reach it here, not in documents/. */
export { UnreadableValue };

/** What a box or a cell holds: text, a number (a spreadsheet's), a ticked state; null is empty. */
export type GivenValue = string | number | boolean | null;

/**
 * Reads one value; undefined when nothing is given. Throws UnreadableValue for what cannot be
 * read as the field's type.
 */
export type ValueReader = (value: GivenValue) => unknown;

/** How a value at this node reads, or undefined when the node is no single value (an object). */
export function valueReader(node: SchemaNode): ValueReader | undefined {
  const types = typesOf(node);
  const options = enumOf(node);
  const formats = variantsOf(node).map((variant) => variant.format);
  if (options.length > 0) return (value) => choiceOf(value, options);
  if (types.includes('boolean')) return yesNo;
  if (formats.includes('date')) return textual(readDate);
  if (formats.includes(COUNTRY_FORMAT)) return textual(readCountry);
  // Money is "350.00" or 350: a spreadsheet's number stays one, text is read as euros.
  if (types.includes('number') && types.includes('string')) return numeric(readAmount);
  if (types.includes('number') || types.includes('integer')) return numeric(readNumber);
  if (types.includes('string')) return textual(readText);
  return undefined;
}

/** The text options of a choice (its enum), in the schema's order. */
export function enumOf(node: SchemaNode): string[] {
  return variantsOf(node).flatMap((variant) =>
    (variant.enum ?? []).filter((option): option is string => typeof option === 'string'),
  );
}

/** Text read by `read`; a number is read as its digits; a ticked state gives no text. */
function textual(read: (text: string) => unknown): ValueReader {
  return (value) =>
    typeof value === 'string' || typeof value === 'number' ? read(String(value)) : undefined;
}

/** A number as it is (a spreadsheet's cell), text by `read`. */
function numeric(read: (text: string) => unknown): ValueReader {
  const fromText = textual(read);
  return (value) => (typeof value === 'number' && Number.isFinite(value) ? value : fromText(value));
}

/**
 * The option itself, else the one option it is without regard to case or accents
 * ("Étudiant" → etudiant), as people type it in a cell.
 */
function choiceOf(value: GivenValue, options: readonly string[]): string | undefined {
  if (typeof value === 'boolean' || value === null) return undefined;
  const typed = readText(String(value));
  if (typed === undefined) return undefined;
  if (options.includes(typed)) return typed;
  const matches = options.filter((option) => loose(option) === loose(typed));
  if (matches.length === 1) return matches[0];
  throw new UnreadableValue(
    'CHOICE_UNKNOWN',
    `Choix inconnu « ${typed} » : ${options.join(', ')} attendu.`,
    `Unknown choice "${typed}": one of ${options.join(', ')} expected.`,
  );
}

const YES = new Set(['oui', 'vrai', 'true', 'x', '1']);
const NO = new Set(['non', 'faux', 'false', '0']);

/**
 * A checkbox is its state; a radio group of OUI/NON, or a cell, is its answer: oui/non,
 * vrai/faux, true/false, x (a ticked cell), 1/0. Nothing is not given.
 */
function yesNo(value: GivenValue): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const text = value === null ? undefined : readText(String(value));
  if (text === undefined) return undefined;
  if (YES.has(loose(text))) return true;
  if (NO.has(loose(text))) return false;
  throw new UnreadableValue(
    'CHOICE_UNKNOWN',
    `Réponse illisible « ${text} » : oui ou non attendu.`,
    `Unreadable answer "${text}": oui or non expected.`,
  );
}

/** Lower case, without accents. */
function loose(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
