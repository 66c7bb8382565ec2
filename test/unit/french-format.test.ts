import { describe, expect, it } from 'vitest';
import {
  formatAmountFr,
  formatDateFr,
  formatDateLongFr,
  formatDecimalFr,
  formatEuros,
  formatHours,
  formatPercentFr,
  NBSP,
} from '../../src/shared/french-format.js';

/** Makes spaces visible: NBSP → "⍽", narrow NBSP → "!", plain space → "_". */
function showSpaces(text: string): string {
  return text
    .replace(/\u00a0/g, '⍽')
    .replace(/\u202f/g, '!')
    .replace(/ /g, '_');
}

describe('dates', () => {
  it('prints JJ/MM/AAAA', () => {
    expect(formatDateFr('2026-03-05')).toBe('05/03/2026');
    expect(formatDateFr('2026-12-31')).toBe('31/12/2026');
  });

  it('prints long dates with "1er" for the first of the month', () => {
    expect(formatDateLongFr('2026-03-05')).toBe('5 mars 2026');
    expect(formatDateLongFr('2026-03-01')).toBe('1er mars 2026');
    expect(formatDateLongFr('2026-08-11')).toBe('11 août 2026');
    expect(formatDateLongFr('2026-02-21')).toBe('21 février 2026');
    expect(formatDateLongFr('2026-12-01')).toBe('1er décembre 2026');
  });

  it('refuses invalid dates', () => {
    expect(() => formatDateFr('2026-02-30')).toThrow(RangeError);
    expect(() => formatDateLongFr('05/03/2026')).toThrow(RangeError);
  });
});

describe('amounts', () => {
  it('uses U+00A0 between thousands and before €, never U+202F', () => {
    expect(formatEuros(123456)).toBe(`1${NBSP}234,56${NBSP}€`);
    expect(showSpaces(formatEuros(123456789))).toBe('1⍽234⍽567,89⍽€');
    expect(formatEuros(123456)).not.toMatch(/[\u202f ]/);
  });

  it('prints small and round amounts with two decimals', () => {
    expect(showSpaces(formatEuros(0))).toBe('0,00⍽€');
    expect(showSpaces(formatEuros(5))).toBe('0,05⍽€');
    expect(showSpaces(formatEuros(32000))).toBe('320,00⍽€');
    expect(showSpaces(formatEuros(100000))).toBe('1⍽000,00⍽€');
  });

  it('prints amounts without the sign', () => {
    expect(showSpaces(formatAmountFr(178633))).toBe('1⍽786,33');
  });

  it('prints decimals the French way, padded, grouped, never rounded', () => {
    expect(formatDecimalFr('4.5')).toBe('4,50');
    expect(formatDecimalFr('12.31')).toBe('12,31');
    expect(formatDecimalFr('15')).toBe('15,00');
    expect(formatDecimalFr('15', 0)).toBe('15');
    expect(formatDecimalFr('0.125')).toBe('0,125');
    expect(showSpaces(formatDecimalFr('2080.39'))).toBe('2⍽080,39');
    expect(formatDecimalFr('-3.5')).toBe('-3,50');
    expect(() => formatDecimalFr('4,5')).toThrow(RangeError);
  });

  it('prints rates with a no-break space before %', () => {
    expect(showSpaces(formatPercentFr('15'))).toBe('15⍽%');
    expect(showSpaces(formatPercentFr('13.75'))).toBe('13,75⍽%');
  });
});

describe('formatHours', () => {
  it('prints hours and minutes', () => {
    expect(showSpaces(formatHours(7.5))).toBe('7⍽h⍽30');
    expect(showSpaces(formatHours(25))).toBe('25⍽h');
    expect(showSpaces(formatHours(0.75))).toBe('0⍽h⍽45');
    expect(showSpaces(formatHours(1.05))).toBe('1⍽h⍽03');
    expect(showSpaces(formatHours(7.999))).toBe('8⍽h');
  });

  it('refuses negative or non-finite durations', () => {
    expect(() => formatHours(-1)).toThrow(RangeError);
    expect(() => formatHours(Number.NaN)).toThrow(RangeError);
  });
});
