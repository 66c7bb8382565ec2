import type { LegalKey, LegalTable } from '../../legal/legal-table.js';
import { firstDayOfQuarter } from '../../shared/dates.js';
import { decimalToCents, multiplyCents, type Cents } from '../../shared/decimal.js';

/**
 * The flat contribution base of a stagiaire aide familial or jeune au pair (arrêté du
 * 22 octobre 1985, domain-spec §4.3): 13, 56 or 169 times the hourly SMIC per week, month or
 * quarter, the SMIC being the one in force on the first day of the calendar quarter, for the
 * three periods alike (DECISIONS §8).
 */
export const PERIODES_ASSIETTE = ['semaine', 'mois', 'trimestre'] as const;
export type PeriodeAssiette = (typeof PERIODES_ASSIETTE)[number];

/** Each period's multiple of the hourly SMIC, in the legal table. */
export const FACTEUR_ASSIETTE: Readonly<Record<PeriodeAssiette, LegalKey>> = {
  semaine: 'assietteForfaitaireSemaineFoisSmic',
  mois: 'assietteForfaitaireMoisFoisSmic',
  trimestre: 'assietteForfaitaireTrimestreFoisSmic',
};

export interface AssietteForfaitaire {
  periode: PeriodeAssiette;
  /** The multiple of the hourly SMIC, as the table writes it ("56"). */
  facteur: string;
  /** First day of the calendar quarter of the date: the day the SMIC is read. */
  dateSmic: string;
  /** The hourly SMIC in force that day, in cents. */
  smicHoraire: Cents;
  /** Effective date of that SMIC entry (on or before `dateSmic`). */
  smicEffective: string;
  /** False when the table marks the SMIC as single-sourced (domain-spec §8.2). */
  smicConfirmed: boolean;
  /** facteur × SMIC, exact to the cent. */
  montant: Cents;
}

/**
 * The base for `periode` in the quarter containing `date`. Throws LegalValueMissingError when
 * the table has no SMIC on the quarter's first day (before 2022).
 */
export function assietteForfaitaire(
  legal: LegalTable,
  date: string,
  periode: PeriodeAssiette,
): AssietteForfaitaire {
  const dateSmic = firstDayOfQuarter(date);
  const smic = legal.valueAt('smicHoraire', dateSmic);
  const facteur = legal.valueAt(FACTEUR_ASSIETTE[periode], dateSmic).value;
  const smicHoraire = decimalToCents(smic.value);
  return {
    periode,
    facteur,
    dateSmic,
    smicHoraire,
    smicEffective: smic.effective,
    smicConfirmed: smic.confirmed,
    montant: multiplyCents(smicHoraire, facteur),
  };
}
