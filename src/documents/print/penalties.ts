import { PERPETUITE } from '../../legal/legal-table-schema.js';
import { formatDecimalFr, NBSP } from '../../shared/french-format.js';

/**
 * The longest sentence of the code pénal's scales, as the code writes it: up to ten years it is
 * emprisonnement (a délit, art. 131-4); beyond, réclusion criminelle (a crime, art. 131-1).
 */
const LONGEST_EMPRISONNEMENT_YEARS = 10;

/**
 * A custodial sentence from the legal table (whole years, or "perpétuité"), as the code pénal
 * words it: "7 ans d’emprisonnement", "20 ans de réclusion criminelle", "réclusion criminelle à
 * perpétuité".
 */
export function custodyText(sentence: string): string {
  if (sentence === PERPETUITE) return 'réclusion criminelle à perpétuité';
  if (!/^\d+$/.test(sentence)) {
    throw new RangeError(
      `Not a custodial sentence (whole years or "${PERPETUITE}"): "${sentence}"`,
    );
  }
  const years = Number(sentence);
  const duration = `${years}${NBSP}${years >= 2 ? 'ans' : 'an'}`;
  return years > LONGEST_EMPRISONNEMENT_YEARS
    ? `${duration} de réclusion criminelle`
    : `${duration} d’emprisonnement`;
}

/** A fine from the legal table ("150000"): "150 000 €", groups and sign joined by U+00A0. */
export function fineText(fine: string): string {
  return `${formatDecimalFr(fine, 0)}${NBSP}€`;
}

/** "7 ans d’emprisonnement et 150 000 € d’amende"; the custodial sentence alone without a fine. */
export function penaltyText(sentence: string, fine?: string): string {
  const custody = custodyText(sentence);
  return fine === undefined ? custody : `${custody} et ${fineText(fine)} d’amende`;
}
