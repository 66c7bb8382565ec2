import type { LegalTable } from '../legal/legal-table.js';
import { isEuropeanNational } from '../shared/countries.js';
import { addMonths, ageAt } from '../shared/dates.js';
import { formatDateFr } from '../shared/french-format.js';
import type { RuleCollector } from './rule-kit.js';

/**
 * The two regimes of the au pair convention and the hiring declaration (DECISIONS §3): a national
 * of the EU, the EEA or Switzerland is a "stagiaire aide familial étranger", anyone else a
 * "jeune au pair". Shared by every document about a young person placed au pair.
 */
export type RegimeAuPair = 'jeuneAuPair' | 'stagiaireAideFamilial';

export const REGIMES_AU_PAIR = ['jeuneAuPair', 'stagiaireAideFamilial'] as const;

export const LIBELLES_REGIME: Readonly<Record<RegimeAuPair, string>> = {
  jeuneAuPair: 'Jeune au pair',
  stagiaireAideFamilial: 'Stagiaire aide familial étranger',
};

export function regimeAuPair(nationalite: string): RegimeAuPair {
  return isEuropeanNational(nationalite) ? 'stagiaireAideFamilial' : 'jeuneAuPair';
}

/** A regime the caller states must be the one the nationality gives. */
export function checkRegime(
  rules: RuleCollector,
  declared: RegimeAuPair | undefined,
  nationalite: string,
  path: string,
): RegimeAuPair {
  const regime = regimeAuPair(nationalite);
  if (declared && declared !== regime) {
    rules.error(
      path,
      'REGIME_NATIONALITY',
      `Régime incohérent avec la nationalité : un ressortissant ${
        regime === 'stagiaireAideFamilial'
          ? "de l'UE, de l'EEE ou de Suisse"
          : 'hors UE, EEE et Suisse'
      } relève du régime « ${LIBELLES_REGIME[regime]} ».`,
      `Regime inconsistent with the nationality: the nationality gives "${LIBELLES_REGIME[regime]}".`,
    );
  }
  return regime;
}

export interface AgeCheck {
  dateNaissance: string;
  dateDebut: string;
  dateFin?: string;
  regime: RegimeAuPair;
  /** Path of the birth date, named by the error. */
  path: string;
  legal: LegalTable;
}

/**
 * AP1/AP1'/AP1'': 18–30 (au pair) or 17–30 (stagiaire) at the start date, bounds inclusive
 * ("30" read as "under 31", DECISIONS §4); a warning when 31 is reached before the end.
 */
export function checkAgeAuPair(rules: RuleCollector, check: AgeCheck): void {
  const { dateNaissance, dateDebut, dateFin, regime, path, legal } = check;
  const minKey = regime === 'jeuneAuPair' ? 'ageMinAuPair' : 'ageMinStagiaireAideFamilial';
  const min = Number(legal.valueAt(minKey, dateDebut).value);
  const max = Number(legal.valueAt('ageMaxAuPair', dateDebut).value);
  const age = ageAt(dateNaissance, dateDebut);
  if (age < min || age > max) {
    rules.error(
      path,
      'AGE_OUT_OF_RANGE',
      `${LIBELLES_REGIME[regime]} : ${min} à ${max} ans au début de l'accueil ` +
        `(${formatDateFr(dateDebut)}) ; âge à cette date : ${age} ans.`,
      `${regime === 'jeuneAuPair' ? 'Au pair' : 'Stagiaire aide familial'}: ${min} to ${max} years ` +
        `old when the stay starts (${dateDebut}); age then: ${age}.`,
    );
    return;
  }
  if (dateFin && ageAt(dateNaissance, dateFin) > max) {
    const birthday = addMonths(dateNaissance, 12 * (max + 1));
    rules.warn(
      path,
      'AGE_LIMIT_DURING_STAY',
      `La personne aura ${max + 1} ans le ${formatDateFr(birthday)}, avant la fin de l'accueil.`,
      `The person turns ${max + 1} on ${birthday}, before the stay ends.`,
    );
  }
}
