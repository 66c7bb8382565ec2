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

/** "12 bis rue de l'Église, Bâtiment C" → numero, voie and complement under `prefix`. */
export function streetLine(prefix: string, value: BoxValue): ReadValue[] {
  const text = textOf(value);
  if (text === undefined) return [];
  const [street = '', ...complement] = text.split(/\s*,\s*/);
  const numbered = /^(\d+(?:\s*(?:bis|ter|quater|[a-z]))?)\s+(\S.*)$/i.exec(street);
  return [
    ...(numbered ? [{ path: `${prefix}.numero`, value: numbered[1] }] : []),
    { path: `${prefix}.voie`, value: numbered ? numbered[2] : street },
    ...(complement.length > 0
      ? [{ path: `${prefix}.complement`, value: complement.join(', ') }]
      : []),
  ];
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
