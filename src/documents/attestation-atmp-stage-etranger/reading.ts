import { foldForLookup } from '../../shared/countries.js';
import { readCountry } from '../read/decode.js';
import type { FormReading, ReadValue } from '../read/form-reading.js';
import { nameWithMention, postalLine, streetLine, textOf } from '../read/readers.js';
import { UnreadableValue } from '../read/unreadable.js';
import { PROVINCES_CANADA } from './schema.js';

/**
 * The attestation's form read back. Its boxes are the form's, not the input's: the school's and
 * the company's names and addresses are lines, the pupil's names one box, the country may carry
 * a Canadian province. The gratification is not on the form (only its OUI/NON answer is): send it
 * in the `data` part, or the answer is taken as given.
 */
export const attestationAtmpReading: FormReading = {
  computed: [],
  boxes: {
    // Name, then "75 cours de Vincennes[, complement]", then "75020 Paris" (view-model.ts).
    'etablissement.lignes[]': (value, [line]) => {
      if (line === 0) return one('etablissement.denomination', textOf(value));
      return line === 1
        ? streetLine('etablissement.adresse', value)
        : postalLine('etablissement.adresse', value);
    },
    'eleve.nom': (value) => nameWithMention('eleve', value, { épouse: 'epouse', veuve: 'veuve' }),
    // The form's label is "Rue"; the input's field is the street (voie).
    'eleve.adresse.rue': (value) => one('eleve.adresse.voie', textOf(value)),
    // The company's name, then its one or two address lines abroad.
    'stage.entreprise.lignes[]': (value, [line = 0]) =>
      line === 0
        ? one('stage.entreprise.denomination', textOf(value))
        : one(`stage.entreprise.lignesAdresse[${line - 1}]`, textOf(value)),
    'stage.pays': (value) => countryAndProvince(textOf(value)),
    'stage.remunere': (value) =>
      one(
        'stage.remunereAuDelaGratification',
        value === 'oui' ? true : value === 'non' ? false : undefined,
      ),
  },
};

function one(path: string, value: unknown): ReadValue[] {
  return value === undefined ? [] : [{ path, value }];
}

/** "Canada (Québec)", as printed, or a country alone. */
function countryAndProvince(text: string | undefined): ReadValue[] {
  if (text === undefined) return [];
  const match = /^(.+?)\s*\((.+)\)$/.exec(text);
  if (!match) return one('stage.pays', readCountry(text));
  const pays = readCountry(match[1] ?? '');
  const province = Object.entries(PROVINCES_CANADA).find(([code, name]) =>
    [code, name].some((known) => foldForLookup(known) === foldForLookup(match[2] ?? '')),
  )?.[0];
  if (pays !== 'CA' || !province) {
    throw new UnreadableValue(
      'COUNTRY_UNREADABLE',
      `Pays illisible « ${text} » : le pays seul, ou « Canada (province) » (par exemple Canada (Québec)).`,
      `Unreadable country "${text}": the country alone, or "Canada (province)" (e.g. Canada (Québec)).`,
      'stage.pays',
    );
  }
  return [...one('stage.pays', pays), ...one('stage.provinceCanada', province)];
}
