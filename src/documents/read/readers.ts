import { adresseFrance } from '../fields.js';
import { readText } from './decode.js';
import type { BoxValue, ReadValue } from './form-reading.js';
import { UnreadableValue } from './unreadable.js';

/**
 * Readers for boxes that hold several input values, as the print helpers write them
 * (print/address.ts, print/names.ts): each is the inverse of its helper.
 */

/** The text of a text box; a checkbox or radio gives none. */
export function textOf(value: BoxValue): string | undefined {
  return typeof value === 'string' ? readText(value) : undefined;
}

/**
 * "12 bis rue de l'Église, Bâtiment C" → numero, voie and complement under `prefix`. The street
 * and its complement are joined by a comma, which either may also hold: the line is cut at the
 * first comma that leaves both within their maximum lengths (fields.ts adresseFrance).
 */
export function streetLine(prefix: string, value: BoxValue): ReadValue[] {
  const text = textOf(value);
  if (text === undefined) return [];
  const { street, complement } = streetAndComplement(text);
  const numbered = new RegExp(`^(${NUMBER}(?:\\s*(?:-|à|et)\\s*${NUMBER})?)\\s+(\\S.*)$`, 'i').exec(
    street,
  );
  return [
    ...(numbered ? [{ path: `${prefix}.numero`, value: numbered[1] }] : []),
    { path: `${prefix}.voie`, value: numbered ? numbered[2] : street },
    ...(complement ? [{ path: `${prefix}.complement`, value: complement }] : []),
  ];
}

/** A number in its street: 12, 12 bis, 3A (ranges too: 12-14, 12 bis et 14). */
const NUMBER = '\\d+[a-z]?(?:\\s*(?:bis|ter|quater))?';

const VOIE_MAX = adresseFrance.shape.voie.maxLength ?? Infinity;
const COMPLEMENT_MAX = adresseFrance.shape.complement.unwrap().maxLength ?? Infinity;

function streetAndComplement(text: string): { street: string; complement?: string } {
  for (const comma of text.matchAll(/\s*,\s*/g)) {
    const street = text.slice(0, comma.index);
    const complement = text.slice(comma.index + comma[0].length);
    // The number may take up to 12 characters before the street's own 80.
    if (street.length <= VOIE_MAX + 13 && complement.length <= COMPLEMENT_MAX) {
      return { street, complement };
    }
  }
  return { street: text };
}

/** "75020 Paris" → codePostal and localite under `prefix`. */
export function postalLine(prefix: string, value: BoxValue): ReadValue[] {
  const text = textOf(value);
  if (text === undefined) return [];
  const match = /^(\d{5})\s+(\S.*)$/.exec(text);
  if (match) {
    return [
      { path: `${prefix}.codePostal`, value: match[1] },
      { path: `${prefix}.localite`, value: match[2] },
    ];
  }
  throw new UnreadableValue(
    'ADDRESS_UNREADABLE',
    `Ligne illisible « ${text} » : le code postal à 5 chiffres puis la commune (par exemple 75020 Paris).`,
    `Unreadable line "${text}": the 5-digit postal code, then the town (e.g. 75020 Paris).`,
    `${prefix}.codePostal`,
  );
}

/**
 * "LEFÈVRE épouse N'DIAYE" → nomNaissance, the mention and nomUsage under `prefix`; a name
 * without a mention is the birth name alone. `mentions` maps the printed word to its input value.
 */
export function nameWithMention(
  prefix: string,
  value: BoxValue,
  mentions: Readonly<Record<string, string>>,
): ReadValue[] {
  const text = textOf(value);
  if (text === undefined) return [];
  const words = [...Object.keys(mentions), "nom d[’']usage"].join('|');
  const match = new RegExp(`^(.+?)\\s+(${words})\\s+(.+)$`, 'iu').exec(text);
  if (!match) return [{ path: `${prefix}.nomNaissance`, value: text }];
  const mention = mentions[match[2]?.toLowerCase() ?? ''];
  return [
    { path: `${prefix}.nomNaissance`, value: match[1] },
    ...(mention ? [{ path: `${prefix}.mentionNomUsage`, value: mention }] : []),
    { path: `${prefix}.nomUsage`, value: match[3] },
  ];
}
