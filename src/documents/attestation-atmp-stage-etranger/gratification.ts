import type { LegalTable } from '../../legal/legal-table.js';
import { decimalToCents, multiplyCents, percentOf, type Cents } from '../../shared/decimal.js';
import { compareIso } from '../../shared/dates.js';
import type { AttestationAtmpInput } from './schema.js';

export interface HourlyGratification {
  /** 15 % of the hourly social-security ceiling, in cents (C. éduc. D124-6, L124-6). */
  hourly: Cents;
  ceilingHourly: Cents;
  ratePercent: string;
  /** The later of the two values' effective dates: "Depuis le …". */
  effective: string;
}

/** The minimum hourly gratification in force on a date, from the legal table. */
export function hourlyGratificationAt(legal: LegalTable, date: string): HourlyGratification {
  const ceiling = legal.valueAt('plafondHoraireSecuriteSociale', date);
  const rate = legal.valueAt('tauxGratificationStage', date);
  const ceilingHourly = decimalToCents(ceiling.value);
  return {
    hourly: percentOf(ceilingHourly, rate.value),
    ceilingHourly,
    ratePercent: rate.value,
    effective:
      compareIso(ceiling.effective, rate.effective) >= 0 ? ceiling.effective : rate.effective,
  };
}

/** Hours of presence in a month when the caller gives none: the threshold spread over its months. */
export function defaultMonthlyHours(legal: LegalTable, date: string): number {
  const hours = Number(legal.valueAt('seuilGratificationHeures', date).value);
  const months = Number(legal.valueAt('seuilGratificationMois', date).value);
  return hours / months;
}

/** The monthly minimum for a number of presence hours, exact to the cent. */
export function monthlyMinimum(hourly: Cents, hoursPerMonth: number): Cents {
  return multiplyCents(hourly, String(hoursPerMonth));
}

/** The date the gratification is judged at: the agreement's signature, else the start (DECISIONS §7). */
export function signatureConvention(stage: AttestationAtmpInput['stage']): string {
  return stage.dateSignatureConvention ?? stage.dateDebut;
}

export interface GratificationTerms {
  hourly: Cents;
  hoursPerMonth: number;
  /** Hourly minimum × monthly presence hours: the line between NON and OUI on the form. */
  monthlyMinimum: Cents;
}

/** The terms in force when the internship agreement was signed (the start date by default). */
export function gratificationTerms(
  stage: AttestationAtmpInput['stage'],
  legal: LegalTable,
): GratificationTerms {
  const signed = signatureConvention(stage);
  const { hourly } = hourlyGratificationAt(legal, signed);
  const hoursPerMonth =
    stage.gratification?.heuresPresenceMensuelles ?? defaultMonthlyHours(legal, signed);
  return { hourly, hoursPerMonth, monthlyMinimum: monthlyMinimum(hourly, hoursPerMonth) };
}
