import type { LegalTable } from '../../legal/legal-table.js';
import { formatDecimalFr, NBSP } from '../../shared/french-format.js';
import { numberInWords } from './index.js';

/**
 * The sanctions of article 441-7 of the Code pénal for a false attestation (domain-spec §5.5),
 * from the legal table: a penal text's figures are legal facts, dated like the others. Only the
 * basic offence is quoted; the aggravated one (3 years, 45 000 €) concerns other purposes.
 */
export interface PenalSanction {
  /** "un an", "deux ans"…: how a sober mention writes a prison term. */
  emprisonnement: string;
  /** "15 000 €", with U+00A0 between groups and before the sign. */
  amende: string;
}

/** "un an", "deux ans"; in figures above dix: "12 ans". */
function yearsInWords(value: string): string {
  const years = Number(value);
  const count = numberInWords(years) ?? formatDecimalFr(value, 0);
  return years >= 2 ? `${count}${NBSP}ans` : `${count}${NBSP}an`;
}

/** Throws LegalValueMissingError when the table has no value in force on `date`. */
export function penalSanctionAt(legal: LegalTable, date: string): PenalSanction {
  const years = legal.valueAt('fausseAttestationEmprisonnementAns', date).value;
  const fine = legal.valueAt('fausseAttestationAmende', date).value;
  return {
    emprisonnement: yearsInWords(years),
    amende: `${formatDecimalFr(fine, 0)}${NBSP}€`,
  };
}
