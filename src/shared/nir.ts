/**
 * NIR (numéro de sécurité sociale), domain-spec §1.1 and DECISIONS §10.
 *
 * 13 characters + a 2-digit key: sex (1) · year (2) · month (2) · département (2, "2A"/"2B"
 * for Corsica) · commune or country (3) · order number (3) · key (2).
 * Key = 97 − (N mod 97), N being the 13 characters with 2A read as 19 and 2B as 18.
 */

export type NirIssueCode =
  | 'NIR_FORMAT'
  | 'NIR_LENGTH'
  | 'NIR_KEY_MISSING'
  | 'NIR_KEY'
  | 'NIR_TEMPORARY'
  | 'NIR_SEX'
  | 'NIR_MONTH'
  | 'NIR_MONTH_UNUSUAL'
  | 'NIR_SEX_MISMATCH'
  | 'NIR_BIRTH_DATE_MISMATCH'
  | 'NIR_BIRTHPLACE_MISMATCH';

export interface NirIssue {
  code: NirIssueCode;
  message_fr: string;
  message_en: string;
}

export type NirResult =
  | {
      ok: true;
      /** 15 characters, or 13 when the key was optional and not given; no separators. */
      normalized: string;
      /** Grouped as on the carte Vitale: "2 95 10 99 126 111 93". */
      formatted: string;
      sex: 1 | 2;
      birthYear2: string;
      birthMonth: string;
      department: string;
      /** Accepted but worth a look (NIR_MONTH_UNUSUAL). */
      warnings: NirIssue[];
    }
  | { ok: false; issue: NirIssue };

export interface NirOptions {
  /** False accepts a NIR of 13 characters without its key; every document so far requires the key. */
  keyRequired: boolean;
}

/** Spaces (incl. no-break ones), dots and hyphens are how people type and print NIRs. */
const SEPARATORS = /[\s.\-\u2010-\u2014]/g;
/** Sex 1|2, year, month, département (digits or 2A/2B), commune/country, order number. */
const BODY_PATTERN = /^[12]\d{2}\d{2}(?:\d{2}|2A|2B)\d{6}$/;
/** Same, without the sex rule: computeNirKey also serves other 13-character bodies. */
const ANY_BODY_PATTERN = /^\d{5}(?:\d{2}|2A|2B)\d{6}$/;
const KEY_PATTERN = /^\d{2}$/;

function issue(code: NirIssueCode, message_fr: string, message_en: string): NirIssue {
  return { code, message_fr, message_en };
}

/**
 * The key of the first 13 characters (Corsica substitution included), as 2 digits.
 * Throws on a malformed body: callers pass a body that passed the format check.
 */
export function computeNirKey(first13: string): string {
  const body = first13.toUpperCase();
  if (!ANY_BODY_PATTERN.test(body)) {
    throw new RangeError(`computeNirKey: not the 13 characters of a NIR: "${first13}"`);
  }
  const department = body.slice(5, 7).replace('2A', '19').replace('2B', '18');
  const numeric = body.slice(0, 5) + department + body.slice(7);
  // 13 digits < 2^53: exact as a Number.
  const key = 97 - (Number(numeric) % 97);
  return String(key).padStart(2, '0');
}

function formatNir(normalized: string): string {
  const groups = [
    normalized.slice(0, 1),
    normalized.slice(1, 3),
    normalized.slice(3, 5),
    normalized.slice(5, 7),
    normalized.slice(7, 10),
    normalized.slice(10, 13),
    normalized.slice(13, 15),
  ];
  return groups.filter((group) => group !== '').join(' ');
}

function checkLength(length: number, keyRequired: boolean): NirIssue | null {
  if (length === 15 || (length === 13 && !keyRequired)) return null;
  if (length === 13) {
    return issue(
      'NIR_KEY_MISSING',
      'La clé du NIR (les 2 derniers chiffres) est obligatoire : 13 caractères saisis, 15 attendus.',
      'The NIR key (the last 2 digits) is required: 13 characters given, 15 expected.',
    );
  }
  const expectedFr = keyRequired ? '15 caractères' : '13 caractères, ou 15 avec la clé';
  const expectedEn = keyRequired ? '15 characters' : '13 characters, or 15 with the key';
  return issue(
    'NIR_LENGTH',
    `Le NIR doit comporter ${expectedFr} : ${length} saisi${length > 1 ? 's' : ''}.`,
    `The NIR must have ${expectedEn}: ${length} given.`,
  );
}

function checkMonth(month: string): { error?: NirIssue; warning?: NirIssue } {
  const value = Number(month);
  if (value >= 1 && value <= 12) return {};
  if ((value >= 20 && value <= 42) || value >= 50) {
    // Numbers given from an incomplete civil status (unknown month) exist: accept, but flag.
    return {
      warning: issue(
        'NIR_MONTH_UNUSUAL',
        `Le mois de naissance du NIR (${month}) n'est pas un mois de 01 à 12 : c'est possible pour une personne dont l'état civil était incomplet lors de l'immatriculation ; vérifiez le numéro sur la carte Vitale ou l'attestation de droits.`,
        `The NIR's birth month (${month}) is not 01–12: this happens for people registered from an incomplete civil status; check the number against the carte Vitale or the attestation de droits.`,
      ),
    };
  }
  return {
    error: issue(
      'NIR_MONTH',
      `Le mois de naissance du NIR (positions 4 et 5) est impossible : ${month}. Attendu : 01 à 12 (ou 20 à 42, 50 à 99 pour un état civil incomplet).`,
      `The NIR's birth month (positions 4–5) is impossible: ${month}. Expected 01–12 (or 20–42, 50–99 for an incomplete civil status).`,
    ),
  };
}

const TEMPORARY_NUMBER = issue(
  'NIR_TEMPORARY',
  "Ce numéro commence par 7 ou 8 : c'est un numéro provisoire (NNP). Les numéros provisoires ont été supprimés fin 2022 et remplacés par le numéro d'identification d'attente (NIA) depuis 2016. Indiquez le NIR définitif ou le NIA, qui commence par 1 ou 2.",
  'This number starts with 7 or 8: it is a temporary number (NNP). Temporary numbers were abolished at the end of 2022, replaced since 2016 by the NIA (numéro d’identification d’attente). Give the permanent NIR or the NIA, which starts with 1 or 2.',
);

/** Validates and normalizes a NIR typed by a user. Never throws. */
export function parseNir(raw: string, options: NirOptions): NirResult {
  const normalized = raw.replace(SEPARATORS, '').toUpperCase();
  if (normalized === '') {
    return { ok: false, issue: issue('NIR_FORMAT', 'Le NIR est vide.', 'The NIR is empty.') };
  }
  if (!/^[0-9AB]+$/.test(normalized)) {
    return {
      ok: false,
      issue: issue(
        'NIR_FORMAT',
        'Le NIR ne doit contenir que des chiffres (et 2A ou 2B pour un département de naissance en Corse).',
        'The NIR may only contain digits (and 2A or 2B for a birth département in Corsica).',
      ),
    };
  }
  const sexDigit = normalized[0];
  if (sexDigit === '7' || sexDigit === '8') return { ok: false, issue: TEMPORARY_NUMBER };
  if (sexDigit !== '1' && sexDigit !== '2') {
    return {
      ok: false,
      issue: issue(
        'NIR_SEX',
        `Le NIR doit commencer par 1 (homme) ou 2 (femme) : ${sexDigit} saisi.`,
        `The NIR must start with 1 (man) or 2 (woman): ${sexDigit} given.`,
      ),
    };
  }
  const lengthIssue = checkLength(normalized.length, options.keyRequired);
  if (lengthIssue) return { ok: false, issue: lengthIssue };

  const body = normalized.slice(0, 13);
  const givenKey = normalized.slice(13);
  if (!BODY_PATTERN.test(body) || (givenKey !== '' && !KEY_PATTERN.test(givenKey))) {
    return {
      ok: false,
      issue: issue(
        'NIR_FORMAT',
        'Le NIR est mal formé : seuls des chiffres sont admis, sauf 2A ou 2B en positions 6 et 7 (département de naissance en Corse).',
        'The NIR is malformed: digits only, except 2A or 2B at positions 6–7 (birth département in Corsica).',
      ),
    };
  }

  const birthMonth = body.slice(3, 5);
  const month = checkMonth(birthMonth);
  if (month.error) return { ok: false, issue: month.error };

  if (givenKey !== '') {
    const expectedKey = computeNirKey(body);
    if (expectedKey !== givenKey) {
      return {
        ok: false,
        issue: issue(
          'NIR_KEY',
          `La clé du NIR est incorrecte : clé attendue ${expectedKey}, clé saisie ${givenKey}. Vérifiez chaque chiffre du numéro.`,
          `The NIR key is wrong: ${expectedKey} expected, ${givenKey} given. Check every digit of the number.`,
        ),
      };
    }
  }

  return {
    ok: true,
    normalized,
    formatted: formatNir(normalized),
    sex: sexDigit === '1' ? 1 : 2,
    birthYear2: body.slice(1, 3),
    birthMonth,
    department: body.slice(5, 7),
    warnings: month.warning ? [month.warning] : [],
  };
}

/** What the form says elsewhere about the person, to cross-check against the NIR (rule N5). */
export interface NirFacts {
  sex?: 1 | 2;
  /** ISO 'YYYY-MM-DD'. */
  birthDate?: string;
  bornAbroad?: boolean;
}

/** Départements 91–96 were Algeria, Morocco and Tunisia before independence: born abroad today. */
const FORMER_NORTH_AFRICA_DEPARTMENTS = new Set(['91', '92', '93', '94', '95', '96']);

/**
 * Rule N5: warnings (never errors) when a valid NIR disagrees with the other fields, which
 * usually means a typo in one of them.
 */
export function nirConsistencyWarnings(
  nir: Extract<NirResult, { ok: true }>,
  facts: NirFacts,
): NirIssue[] {
  const warnings: NirIssue[] = [];
  if (facts.sex !== undefined && facts.sex !== nir.sex) {
    warnings.push(
      issue(
        'NIR_SEX_MISMATCH',
        `Le premier chiffre du NIR (${nir.sex}) ne correspond pas au sexe indiqué.`,
        `The NIR's first digit (${nir.sex}) does not match the sex given.`,
      ),
    );
  }
  if (facts.birthDate !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(facts.birthDate)) {
    const year2 = facts.birthDate.slice(2, 4);
    const month = facts.birthDate.slice(5, 7);
    const monthIsReal = Number(nir.birthMonth) >= 1 && Number(nir.birthMonth) <= 12;
    if (year2 !== nir.birthYear2 || (monthIsReal && month !== nir.birthMonth)) {
      warnings.push(
        issue(
          'NIR_BIRTH_DATE_MISMATCH',
          `L'année et le mois de naissance du NIR (${nir.birthYear2}/${nir.birthMonth}) ne correspondent pas à la date de naissance indiquée.`,
          `The NIR's birth year and month (${nir.birthYear2}/${nir.birthMonth}) do not match the date of birth given.`,
        ),
      );
    }
  }
  if (facts.bornAbroad !== undefined) {
    const nirSaysAbroad = nir.department === '99';
    const plausible =
      nirSaysAbroad === facts.bornAbroad ||
      (facts.bornAbroad && FORMER_NORTH_AFRICA_DEPARTMENTS.has(nir.department));
    if (!plausible) {
      warnings.push(
        issue(
          'NIR_BIRTHPLACE_MISMATCH',
          nirSaysAbroad
            ? "Le NIR indique une naissance à l'étranger (99), mais le lieu de naissance indiqué est en France."
            : `Le NIR indique une naissance en France (département ${nir.department}), mais le lieu de naissance indiqué est à l'étranger.`,
          nirSaysAbroad
            ? 'The NIR says born abroad (99), but the place of birth given is in France.'
            : `The NIR says born in France (département ${nir.department}), but the place of birth given is abroad.`,
        ),
      );
    }
  }
  return warnings;
}
