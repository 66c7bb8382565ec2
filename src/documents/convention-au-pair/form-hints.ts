import type { DocumentContext } from '../document-definition.js';
import { formatDecimalFr, formatEuros, formatHours } from '../../shared/french-format.js';
import { usualStagiaireRange } from './terms.js';

/**
 * The figures a family needs while filling the convention in, from the legal table in force
 * today (the same values the rules check: AP2, AP3, AP3', AP6, AP6', AP9).
 */
export function conventionAuPairFormHints(context: DocumentContext): Record<string, string> {
  const { legal, today } = context;
  const value = (key: Parameters<typeof legal.valueAt>[0]) => legal.valueAt(key, today).value;
  const hints: Record<string, string> = {
    accueil:
      `De ${value('dureeMinAccueilAuPairMois')} à ${value('dureeMaxAccueilAuPairMois')} mois ; ` +
      `${value('dureeMaxAccueilAuPairProlongeeMois')} mois au plus avec la prolongation.`,
    'activites.horaires':
      `Jeune au pair : ${formatHours(Number(value('heuresMaxSemaineAuPair')))} maximum par semaine. ` +
      `Stagiaire aide familial : ${formatHours(Number(value('heuresMaxJourStagiaire')))} maximum par jour. ` +
      'Au moins un jour de repos par semaine.',
    'logement.surfaceChambre': `${value('surfaceMinChambreAuPair')} m² minimum.`,
  };
  // "320 €": the law's figure as it is written (no cents when it has none).
  const pocket = `Jeune au pair : ${formatDecimalFr(value('argentDePocheAuPairMinimum'), 0)}\u00a0€ minimum par mois.`;
  const range = usualStagiaireRange(legal, today);
  hints['argentDePoche.montant'] = range
    ? `${pocket} Stagiaire aide familial : d’usage entre ${formatEuros(range.min)} et ${formatEuros(range.max)}.`
    : pocket;
  return hints;
}
