/** The convention's wording that depends on the regime, and the legal figures its texts quote. */
import { LIBELLES_REGIME, type RegimeAuPair } from '../au-pair-regime.js';
import type { LegalKey, LegalTable } from '../../legal/legal-table.js';
import { decimalToCents } from '../../shared/decimal.js';
import { formatEuros, formatHours } from '../../shared/french-format.js';
import type { ConventionTerms } from './terms.js';

export interface RegimeView {
  /** The regime the texts are written for; both false on a blank form (texts for either). */
  estAuPair: boolean;
  estStagiaire: boolean;
  /** The two tick boxes of the regime (unticked on a blank form). */
  caseAuPair: boolean;
  caseStagiaire: boolean;
  libelle: string;
  /** "le jeune au pair" or "le stagiaire aide familial", inside sentences. */
  personne: string;
  /** Heading of section 1. */
  titre: string;
  /** Who signs and undertakes, on the young person's side. */
  signataire: string;
}

export interface LegalView {
  dureeMin: string;
  dureeMaxInitiale: string;
  dureeMaxProlongee: string;
  limiteHeures: string;
  argentDePocheMinimum: string;
  delaiDeclaration: string;
}

/** The wording of one regime; without one (a blank form), wording that fits either. */
export function regimeTexts(
  regime: RegimeAuPair | undefined,
): Omit<RegimeView, 'caseAuPair' | 'caseStagiaire'> {
  if (regime === undefined) {
    return {
      estAuPair: false,
      estStagiaire: false,
      libelle: `${LIBELLES_REGIME.jeuneAuPair} ou ${LIBELLES_REGIME.stagiaireAideFamilial.toLocaleLowerCase('fr-FR')}`,
      personne: 'le jeune',
      titre: 'Le jeune au pair ou le stagiaire aide familial étranger',
      signataire: 'Le jeune au pair ou le stagiaire aide familial',
    };
  }
  const auPair = regime === 'jeuneAuPair';
  return {
    estAuPair: auPair,
    estStagiaire: !auPair,
    libelle: LIBELLES_REGIME[regime],
    personne: auPair ? 'le jeune au pair' : 'le stagiaire aide familial',
    titre: auPair ? 'Le jeune au pair' : 'Le stagiaire aide familial étranger',
    signataire: auPair ? 'Le jeune au pair' : 'Le stagiaire aide familial',
  };
}

/** The legal figures the undertakings and notes quote, from the table (terms.ts). */
export function legalView(terms: ConventionTerms): LegalView {
  return {
    dureeMin: `${terms.dureeMinMois} mois`,
    dureeMaxInitiale: `${terms.dureeMaxInitialeMois} mois`,
    dureeMaxProlongee: `${terms.dureeMaxProlongeeMois} mois`,
    limiteHeures:
      terms.heuresMaxJour === undefined
        ? `${formatHours(terms.heuresMaxSemaine ?? 0)} par semaine`
        : `${formatHours(terms.heuresMaxJour)} par jour`,
    argentDePocheMinimum:
      terms.argentDePocheMinimum === undefined ? '' : formatEuros(terms.argentDePocheMinimum),
    delaiDeclaration: dayCount(terms.delaiDeclarationJours),
  };
}

/** The figures for a form that leaves the regime open: each regime's limit, named. */
export function eitherRegimeLegal(legal: LegalTable, date: string): LegalView {
  const value = (key: LegalKey) => legal.valueAt(key, date).value;
  const months = (key: LegalKey) => `${value(key)} mois`;
  return {
    dureeMin: months('dureeMinAccueilAuPairMois'),
    dureeMaxInitiale: months('dureeMaxAccueilAuPairMois'),
    dureeMaxProlongee: months('dureeMaxAccueilAuPairProlongeeMois'),
    limiteHeures:
      `${formatHours(Number(value('heuresMaxSemaineAuPair')))} par semaine pour le jeune au ` +
      `pair, ${formatHours(Number(value('heuresMaxJourStagiaire')))} par jour pour le stagiaire`,
    argentDePocheMinimum: formatEuros(decimalToCents(value('argentDePocheAuPairMinimum'))),
    delaiDeclaration: dayCount(Number(value('delaiDeclarationEmbaucheJours'))),
  };
}

/** "1 jour", "8 jours". */
export function dayCount(count: number): string {
  return count === 1 ? '1 jour' : `${count} jours`;
}
