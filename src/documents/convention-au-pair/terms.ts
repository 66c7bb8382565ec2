import type { LegalKey, LegalTable } from '../../legal/legal-table.js';
import { LegalValueMissingError } from '../../legal/legal-table.js';
import { decimalToCents, multiplyCents, type Cents } from '../../shared/decimal.js';
import { addDays, addMonths, compareIso, daysBetweenInclusive } from '../../shared/dates.js';
import { regimeAuPair, type RegimeAuPair } from '../au-pair-regime.js';
import { JOURS, type ConventionAuPairInput, type Jour } from './schema.js';

/**
 * The figures of the convention, computed once for the rules and the view model alike: the
 * legal values in force (the stay's rules at its start date, pocket money at the signature date,
 * domain-spec §3.4), the weekly hours and rest days of the timetable, the length of the stay.
 */
export interface ConventionTerms {
  regime: RegimeAuPair;
  /** The convention's date: the signature date, or today in Paris. */
  signature: string;
  dureeMinMois: number;
  /** 12 months, or 24 when the stay is extended (prolongation). */
  dureeMaxMois: number;
  dureeMaxInitialeMois: number;
  dureeMaxProlongeeMois: number;
  /** Au pair: the weekly limit (AP3). */
  heuresMaxSemaine?: number;
  /** Stagiaire: the daily limit (AP3'). */
  heuresMaxJour?: number;
  /** Au pair: the legal minimum (AP6). */
  argentDePocheMinimum?: Cents;
  /** Stagiaire: the usual range, 75–90 × MG (AP6'); undefined when no MG is known then. */
  argentDePocheUsuel?: { min: Cents; max: Cents };
  surfaceMinChambre: number;
  ageMinEnfant: number;
  /** Days the family has to declare the young person to the Urssaf after arrival. */
  delaiDeclarationJours: number;
}

/** Keys read at the signature date; every other one is read at the start of the stay. */
export const SIGNATURE_DATE_KEYS: ReadonlySet<LegalKey> = new Set<LegalKey>([
  'argentDePocheAuPairMinimum',
  'minimumGaranti',
  'argentDePocheStagiaireMinFoisMG',
  'argentDePocheStagiaireMaxFoisMG',
]);

/** Throws LegalValueMissingError when a value the convention needs is not known at its date. */
export function conventionTerms(
  input: ConventionAuPairInput,
  legal: LegalTable,
  today: string,
): ConventionTerms {
  // The nationality decides (DECISIONS §3); a stated regime that differs is refused by the rules.
  const regime = regimeAuPair(input.jeune.nationalite);
  const signature = input.signature.date ?? today;
  const start = input.accueil.dateDebut;
  const number = (key: LegalKey, date = start) => Number(legal.valueAt(key, date).value);
  const dureeMaxInitialeMois = number('dureeMaxAccueilAuPairMois');
  const dureeMaxProlongeeMois = number('dureeMaxAccueilAuPairProlongeeMois');
  const terms: ConventionTerms = {
    regime,
    signature,
    dureeMinMois: number('dureeMinAccueilAuPairMois'),
    dureeMaxMois: input.accueil.prolongation ? dureeMaxProlongeeMois : dureeMaxInitialeMois,
    dureeMaxInitialeMois,
    dureeMaxProlongeeMois,
    surfaceMinChambre: number('surfaceMinChambreAuPair'),
    ageMinEnfant: number('ageMinEnfantGardeAuPair'),
    delaiDeclarationJours: number('delaiDeclarationEmbaucheJours'),
  };
  if (regime === 'jeuneAuPair') {
    terms.heuresMaxSemaine = number('heuresMaxSemaineAuPair');
    terms.argentDePocheMinimum = decimalToCents(
      legal.valueAt('argentDePocheAuPairMinimum', signature).value,
    );
  } else {
    terms.heuresMaxJour = number('heuresMaxJourStagiaire');
    terms.argentDePocheUsuel = usualStagiaireRange(legal, signature);
  }
  return terms;
}

/** 75 × MG … 90 × MG with the MG in force on `date` (DECISIONS §11: a warning range only). */
export function usualStagiaireRange(
  legal: LegalTable,
  date: string,
): { min: Cents; max: Cents } | undefined {
  try {
    const mg = decimalToCents(legal.valueAt('minimumGaranti', date).value);
    return {
      min: multiplyCents(mg, legal.valueAt('argentDePocheStagiaireMinFoisMG', date).value),
      max: multiplyCents(mg, legal.valueAt('argentDePocheStagiaireMaxFoisMG', date).value),
    };
  } catch (error: unknown) {
    if (error instanceof LegalValueMissingError) return undefined;
    throw error;
  }
}

/** Hours of the typical week, the sum of the seven days (AP13). */
export function weeklyHours(horaires: Readonly<Record<Jour, number>>): number {
  return JOURS.reduce((total, jour) => total + horaires[jour], 0);
}

/** Days without any task: full rest days (AP5). */
export function restDays(horaires: Readonly<Record<Jour, number>>): Jour[] {
  return JOURS.filter((jour) => horaires[jour] === 0);
}

/** The last day of a stay of `months` months starting on `start`: 3 months from 01/01 end 31/03. */
export function lastDayAfterMonths(start: string, months: number): string {
  return addDays(addMonths(start, months), -1);
}

/** The stay's length in whole months and the days left over, both ends counted. */
export function stayLength(start: string, end: string): { mois: number; jours: number } {
  let mois = 0;
  while (compareIso(lastDayAfterMonths(start, mois + 1), end) <= 0) mois += 1;
  const rest = daysBetweenInclusive(addMonths(start, mois), end);
  return { mois, jours: Math.max(rest, 0) };
}
