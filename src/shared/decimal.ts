/**
 * Exact money. Amounts are integer cents; legal figures are decimal strings ("12.31", "15").
 * Products go through BigInt so that 13 × 12,02 is 156,26 and never 156,25999….
 */

/** An amount in euro cents: a safe integer. */
export type Cents = number;

/** A non-negative decimal with at most two decimals, '.' or ',' as separator. */
const EUROS_PATTERN = /^(\d+)(?:[.,](\d{1,2}))?$/;
/** A decimal of any precision, optionally signed, '.' as separator (legal-table style). */
const DECIMAL_PATTERN = /^([+-]?)(\d+)(?:\.(\d+))?$/;

function toSafeCents(value: bigint, context: string): Cents {
  const cents = Number(value);
  if (!Number.isSafeInteger(cents)) throw new RangeError(`${context}: amount out of range`);
  return cents;
}

/**
 * Euros as typed by a caller: "1234.5", "1234,50", "1234" or the number 1234.5.
 * Returns null for anything that is not a non-negative amount with at most two decimals
 * (NaN, Infinity, "1,234", "12.345", "-3", "1e3", "", " 12"): rejecting beats guessing.
 */
export function parseEuros(input: string | number): Cents | null {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || input < 0) return null;
    // String(0.1 + 0.2) is "0.30000000000000004": more than two decimals, so rejected.
    text = String(input);
  } else {
    text = input;
  }
  const match = EUROS_PATTERN.exec(text);
  if (!match) return null;
  const cents = BigInt(match[1] ?? '0') * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
  const result = Number(cents);
  return Number.isSafeInteger(result) ? result : null;
}

interface ScaledDecimal {
  /** The digits as an integer, sign included: "-12.5" → -125n. */
  units: bigint;
  /** Number of decimals: "-12.5" → 1. */
  scale: number;
}

function parseDecimal(decimal: string, context: string): ScaledDecimal {
  const match = DECIMAL_PATTERN.exec(decimal);
  if (!match) throw new RangeError(`${context}: not a decimal number: "${decimal}"`);
  const fraction = match[3] ?? '';
  const magnitude = BigInt(`${match[2] ?? '0'}${fraction}`);
  return { units: match[1] === '-' ? -magnitude : magnitude, scale: fraction.length };
}

/** numerator / 10^scale, rounded half away from zero (half-up for the positive amounts we use). */
function divideRoundingHalfUp(numerator: bigint, scale: number): bigint {
  const divisor = 10n ** BigInt(scale);
  const magnitude = numerator < 0n ? -numerator : numerator;
  const rounded = (magnitude * 2n + divisor) / (2n * divisor);
  return numerator < 0n ? -rounded : rounded;
}

/** A legal-table decimal in euros ("12.31", "320") as cents; throws beyond two decimals. */
export function decimalToCents(decimal: string): Cents {
  const { units, scale } = parseDecimal(decimal, 'decimalToCents');
  if (scale > 2) throw new RangeError(`decimalToCents: more than two decimals: "${decimal}"`);
  return toSafeCents(units * 10n ** BigInt(2 - scale), 'decimalToCents');
}

/**
 * cents × factor, exactly, rounded half-up to the cent. `factor` is a decimal string:
 * "13" (weeks), "0.15", "151.67" (hours). 1202 × "13" = 15626.
 */
export function multiplyCents(cents: Cents, factor: string): Cents {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`multiplyCents: not cents: ${cents}`);
  const { units, scale } = parseDecimal(factor, 'multiplyCents');
  return toSafeCents(divideRoundingHalfUp(BigInt(cents) * units, scale), 'multiplyCents');
}

/** `percent` % of an amount, rounded half-up to the cent: percentOf(3000, "15") = 450. */
export function percentOf(cents: Cents, percent: string): Cents {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`percentOf: not cents: ${cents}`);
  const { units, scale } = parseDecimal(percent, 'percentOf');
  // Dividing by 100 is two more decimal places: one rounding step, not two.
  return toSafeCents(divideRoundingHalfUp(BigInt(cents) * units, scale + 2), 'percentOf');
}

/** Cents as a '.'-decimal with two decimals: 123450 → "1234.50", -5 → "-0.05". */
export function centsToDecimalString(cents: Cents): string {
  if (!Number.isSafeInteger(cents))
    throw new RangeError(`centsToDecimalString: not cents: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const magnitude = Math.abs(cents);
  const euros = Math.floor(magnitude / 100);
  const rest = String(magnitude % 100).padStart(2, '0');
  return `${sign}${euros}.${rest}`;
}
