/**
 * French printing of dates, amounts and hours, written by hand rather than with Intl:
 * Intl's fr-FR output uses U+202F (narrow no-break space), which our PDF font may not cover,
 * and its exact output changes with the ICU version. Here every space that must not break
 * is U+00A0 NO-BREAK SPACE, always.
 */
import { centsToDecimalString, type Cents } from './decimal.js';
import { isIsoDate, type IsoDate } from './dates.js';

/** U+00A0: between thousands groups, before "€", "%" and "h". */
export const NBSP = '\u00A0';

const MONTHS_FR = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
] as const;

function splitDate(iso: IsoDate): [string, string, string] {
  if (!isIsoDate(iso)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): "${iso}"`);
  const [year = '', month = '', day = ''] = iso.split('-');
  return [year, month, day];
}

/** "2026-03-05" → "05/03/2026" (the JJ/MM/AAAA of French forms). */
export function formatDateFr(iso: IsoDate): string {
  const [year, month, day] = splitDate(iso);
  return `${day}/${month}/${year}`;
}

/** "2026-03-05" → "5 mars 2026"; the first of the month is "1er mars 2026". */
export function formatDateLongFr(iso: IsoDate): string {
  const [year, month, day] = splitDate(iso);
  const dayNumber = Number(day);
  const dayText = dayNumber === 1 ? '1er' : String(dayNumber);
  return `${dayText} ${MONTHS_FR[Number(month) - 1]} ${year}`;
}

/** "1234567" → "1 234 567" with U+00A0 between groups of three. */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
}

/**
 * A '.'-decimal printed the French way, thousands grouped: "4.5" → "4,50", "1786.33" → "1 786,33".
 * Pads to `minFractionDigits` decimals but never drops one: rounding belongs to decimal.ts.
 */
export function formatDecimalFr(decimal: string, minFractionDigits = 2): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(decimal);
  if (!match) throw new RangeError(`formatDecimalFr: not a decimal number: "${decimal}"`);
  const [, sign = '', integer = '', fraction = ''] = match;
  const paddedFraction = fraction.padEnd(minFractionDigits, '0');
  const grouped = groupThousands(integer);
  return paddedFraction ? `${sign}${grouped},${paddedFraction}` : `${sign}${grouped}`;
}

/** An amount without the currency sign, for boxes whose label already says "€": "1 234,56". */
export function formatAmountFr(cents: Cents): string {
  return formatDecimalFr(centsToDecimalString(cents));
}

/** 123456 → "1 234,56 €" (U+00A0 between groups and before "€"). */
export function formatEuros(cents: Cents): string {
  return `${formatAmountFr(cents)}${NBSP}€`;
}

/** A rate from the legal table: "15" → "15 %", "13.75" → "13,75 %" (U+00A0 before "%"). */
export function formatPercentFr(percent: string): string {
  return `${formatDecimalFr(percent, 0)}${NBSP}%`;
}

/**
 * Hours as French forms write them: 7.5 → "7 h 30", 25 → "25 h", 0.75 → "0 h 45"
 * (U+00A0 around "h"); rounded to the nearest minute.
 */
export function formatHours(hours: number): string {
  if (!Number.isFinite(hours) || hours < 0) {
    throw new RangeError(`formatHours: not a duration: ${hours}`);
  }
  const totalMinutes = Math.round(hours * 60);
  const wholeHours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  const hoursText = `${groupThousands(String(wholeHours))}${NBSP}h`;
  return minutes === 0 ? hoursText : `${hoursText}${NBSP}${String(minutes).padStart(2, '0')}`;
}
