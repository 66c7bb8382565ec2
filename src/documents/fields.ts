import { z } from 'zod';
import { COUNTRY_FORMAT } from './read/form-reading.js';
import { isIsoDate } from '../shared/dates.js';
import { parseEuros } from '../shared/decimal.js';
import { isCountryCode } from '../shared/countries.js';
import { parseNir } from '../shared/nir.js';
import { forbiddenCharacterMessages, forbiddenCharacters } from '../shared/characters.js';

/**
 * The building blocks shared by every document (DECISIONS §14: French camelCase keys, the same
 * word for the same thing everywhere). Each carries a French title and description for /schema,
 * and each failure a code and a message in both languages.
 */
export function bilingual(code: string, message_fr: string, message_en: string) {
  return { message: message_en, params: { code, message_fr } };
}

export interface Described {
  title: string;
  description: string;
}

/**
 * Every string of every document starts here (free text and codes alike). It refuses the
 * characters of shared/characters.ts — controls, line breaks, bidi controls, invisible and
 * format characters, noncharacters, lone surrogates — with FORBIDDEN_CHARACTER naming each as
 * U+XXXX, wherever they are in the value (even at its ends, before any trim). Then the value is
 * put in NFC, so that an "é" sent decomposed (e + U+0301) is one character, printed as one glyph
 * and counted once by `max`. `multiline` turns CRLF into LF first and lets LF through.
 */
export function chaine({ multiline = false }: { multiline?: boolean } = {}) {
  const raw = multiline
    ? z.string().overwrite((value) => value.replace(/\r\n/g, '\n'))
    : z.string();
  return raw
    .superRefine((value, context) => {
      const issue = forbiddenCharacterIssue(value, multiline);
      if (issue) context.addIssue(issue);
    })
    .normalize('NFC');
}

/** The FORBIDDEN_CHARACTER issue of a value, if it has forbidden characters; it aborts the field. */
function forbiddenCharacterIssue(value: string, multiline: boolean) {
  const found = forbiddenCharacters(value, { multiline });
  if (found.length === 0) return undefined;
  const { message_fr, message_en } = forbiddenCharacterMessages(found, { multiline });
  return {
    code: 'custom' as const,
    message: message_en,
    params: { code: 'FORBIDDEN_CHARACTER', message_fr },
    input: value,
    // The other checks of the field (format, length) would only repeat it less clearly.
    continue: false,
  };
}

/** A free text printed on one line: a name, a commune, a street, a task. */
export function texte({ title, description }: Described, maxLength = 120) {
  return chaine().trim().min(1).max(maxLength).meta({ title, description });
}

/**
 * A free text the form prints on several lines (templates mark its box `data-multiline`): line
 * feeds are kept (CRLF becomes LF), every other character of shared/characters.ts is refused.
 */
export function texteMultiligne({ title, description }: Described, maxLength: number) {
  return chaine({ multiline: true })
    .trim()
    .min(1)
    .max(maxLength)
    .meta({ title, description: `${description} Plusieurs lignes admises (sauts de ligne \\n).` });
}

/** The days a form's date may be: arithmetic on them (ages, durations, quarters) stays in range. */
export const DATE_MIN = '1900-01-01';
export const DATE_MAX = '2999-12-31';

export function dateIso({ title, description }: Described) {
  return chaine()
    .refine(isIsoDate, {
      ...bilingual(
        'DATE_FORMAT',
        'Date invalide : format attendu AAAA-MM-JJ (par exemple 2026-09-01).',
        'Invalid date: expected YYYY-MM-DD (e.g. 2026-09-01).',
      ),
      abort: true,
    })
    .refine(
      (value) => value >= DATE_MIN && value <= DATE_MAX,
      bilingual(
        'DATE_RANGE',
        'Date hors limites : entre le 01/01/1900 et le 31/12/2999.',
        'Date out of range: between 1900-01-01 and 2999-12-31.',
      ),
    )
    .meta({
      title,
      description: `${description} Format AAAA-MM-JJ, de 1900 à 2999.`,
      format: 'date',
    });
}

export const codePostal = chaine()
  .trim()
  .refine(
    (value) => /^\d{5}$/.test(value),
    bilingual(
      'POSTAL_CODE',
      'Code postal invalide : 5 chiffres attendus (par exemple 69003).',
      'Invalid postal code: 5 digits expected (e.g. 69003).',
    ),
  )
  .meta({ title: 'Code postal', description: 'Code postal français à 5 chiffres (La Poste).' });

export const adresseFrance = z
  .strictObject({
    numero: texte(
      { title: 'Numéro', description: 'Numéro dans la voie, avec bis/ter le cas échéant.' },
      12,
    ).optional(),
    voie: texte(
      { title: 'Voie', description: 'Type et nom de la voie (rue, avenue, chemin…).' },
      80,
    ),
    complement: texte(
      { title: "Complément d'adresse", description: 'Bâtiment, étage, lieu-dit… (facultatif).' },
      60,
    ).optional(),
    codePostal,
    localite: texte({ title: 'Localité', description: 'Commune (ou bureau distributeur).' }, 60),
  })
  .meta({ title: 'Adresse en France', description: 'Adresse postale française.' });

export function pays({ title, description }: Described) {
  return (
    chaine()
      .trim()
      .toUpperCase()
      .refine(
        isCountryCode,
        bilingual(
          'COUNTRY_CODE',
          'Code pays inconnu : code ISO 3166-1 alpha-2 attendu (par exemple DE, MA, CA).',
          'Unknown country: ISO 3166-1 alpha-2 code expected (e.g. DE, MA, CA).',
        ),
      )
      // The format tells a form's reader to take a country's name for its code (read/decode.ts).
      .meta({
        title,
        description: `${description} Code ISO 3166-1 alpha-2.`,
        format: COUNTRY_FORMAT,
      })
  );
}

/** The NIR, normalised (no spaces). Its warnings (unusual month) are raised again by the rules. */
export function nir({ keyRequired }: { keyRequired: boolean }) {
  return chaine()
    .transform((raw, context) => {
      const result = parseNir(raw, { keyRequired });
      if (result.ok) return result.normalized;
      context.addIssue({
        code: 'custom',
        message: result.issue.message_en,
        params: { code: result.issue.code, message_fr: result.issue.message_fr },
      });
      return z.NEVER;
    })
    .meta({
      title: "N° d'immatriculation à la sécurité sociale (NIR)",
      description:
        'Numéro de sécurité sociale : 13 caractères et la clé de 2 chiffres' +
        (keyRequired ? '' : ' (clé facultative)') +
        ' ; espaces acceptés ; 2A/2B pour la Corse.',
    });
}

/** Euros as a decimal string ("612.50", "612,50") or a number with at most 2 decimals → cents. */
export function montant({ title, description }: Described) {
  return z
    .union([z.string(), z.number()])
    .transform((raw, context) => {
      const forbidden = typeof raw === 'string' && forbiddenCharacterIssue(raw, false);
      if (forbidden) {
        context.addIssue(forbidden);
        return z.NEVER;
      }
      const cents = parseEuros(raw);
      if (cents !== null) return cents;
      context.addIssue({
        code: 'custom',
        message: 'Invalid amount: a non-negative number of euros with at most 2 decimals.',
        params: {
          code: 'AMOUNT_FORMAT',
          message_fr: 'Montant invalide : un nombre positif d’euros, 2 décimales au plus.',
        },
      });
      return z.NEVER;
    })
    .meta({ title, description: `${description} En euros, 2 décimales au plus (ex. "612.50").` });
}

/**
 * A person's names, the same keys in every document: spread into the document's own object,
 * e.g. `z.strictObject({ ...identite, dateNaissance: dateIso(…) })`. Printed by
 * print/names.ts `printedName`.
 */
export const identite = {
  nomNaissance: texte(
    { title: 'Nom de naissance', description: 'Nom de naissance (nom de famille).' },
    60,
  ),
  nomUsage: texte(
    {
      title: "Nom d'usage",
      description: "Nom d'usage, s'il diffère du nom de naissance (facultatif).",
    },
    60,
  ).optional(),
  prenom: texte(
    { title: 'Prénom(s)', description: 'Prénom usuel, suivi des autres prénoms le cas échéant.' },
    80,
  ),
};

export const sexe = z
  .enum(['F', 'M'])
  .meta({ title: 'Sexe', description: 'F (féminin) ou M (masculin).' });

export const lieuNaissance = z
  .strictObject({
    commune: texte(
      { title: 'Commune de naissance', description: 'Commune ou ville de naissance.' },
      60,
    ),
    pays: pays({ title: 'Pays de naissance', description: 'Pays de naissance.' }),
  })
  .meta({ title: 'Lieu de naissance', description: 'Commune et pays de naissance.' });

/** Names, sex, birth date and place: a person as the civil-status papers describe them. */
export const etatCivil = {
  ...identite,
  sexe,
  dateNaissance: dateIso({ title: 'Date de naissance', description: 'Date de naissance.' }),
  lieuNaissance,
};

/** A phone number as it will be printed: 9 to 15 digits, spaces, dots, dashes, a leading +. */
export function telephone({ title, description }: Described) {
  return chaine()
    .trim()
    .max(25)
    .refine(
      (value) => /^\+?[\d .()-]+$/.test(value) && /^(?:\D*\d){9,15}\D*$/.test(value),
      bilingual(
        'PHONE_FORMAT',
        'Numéro de téléphone invalide : 9 à 15 chiffres, espaces, points et « + » admis (par exemple 02 40 12 34 56).',
        'Invalid phone number: 9 to 15 digits; spaces, dots and "+" allowed (e.g. 02 40 12 34 56).',
      ),
    )
    .meta({ title, description: `${description} Indicatif international accepté (+57…).` });
}

export function courriel({ title, description }: Described) {
  return chaine()
    .trim()
    .max(80)
    .refine(
      (value) => /^[^\s@]+@[^\s@]+\.[^\s@.]+$/.test(value),
      bilingual(
        'EMAIL_FORMAT',
        'Adresse électronique invalide (par exemple prenom.nom@exemple.fr).',
        'Invalid e-mail address (e.g. prenom.nom@exemple.fr).',
      ),
    )
    .meta({ title, description });
}

/** "Fait à … le …": where the document is signed and when (today in Paris by default). */
export function faitALe(descriptions: { lieu: string; date: string; bloc: Described }) {
  return z
    .strictObject({
      lieu: texte({ title: 'Fait à', description: descriptions.lieu }, 60),
      date: dateIso({
        title: 'Le',
        description: `${descriptions.date} ; par défaut le jour même (heure de Paris).`,
      }).optional(),
    })
    .meta({ ...descriptions.bloc });
}
