import { describe, expect, it } from 'vitest';
import {
  centsToDecimalString,
  decimalToCents,
  multiplyCents,
  parseEuros,
  percentOf,
} from '../../src/shared/decimal.js';

describe('parseEuros', () => {
  it.each([
    ['1234.5', 123450],
    ['1234,50', 123450],
    ['1234', 123400],
    ['0,05', 5],
    ['0', 0],
    ['007.10', 710],
  ])('reads the string %s as %i cents', (input, cents) => {
    expect(parseEuros(input)).toBe(cents);
  });

  it.each([
    [1234.5, 123450],
    [320, 32000],
    [0.1, 10],
    [19.99, 1999],
  ])('reads the number %d as %i cents', (input, cents) => {
    expect(parseEuros(input)).toBe(cents);
  });

  it.each([
    '12.345',
    '12,345',
    '-3',
    '-0.5',
    '',
    ' 12',
    '12 ',
    '1 234,50',
    '1.234,50',
    '12.',
    '.5',
    '1e3',
    'abc',
    '12,3,4',
  ])('rejects the string %j', (input) => {
    expect(parseEuros(input)).toBeNull();
  });

  it.each([Number.NaN, Infinity, -Infinity, -1, 12.345, 0.1 + 0.2, 1e21, 5e-7])(
    'rejects the number %d',
    (input) => {
      expect(parseEuros(input)).toBeNull();
    },
  );

  it('rejects amounts beyond safe-integer cents', () => {
    expect(parseEuros('900719925474099.99')).toBeNull();
  });
});

describe('decimalToCents', () => {
  it('converts legal-table decimals', () => {
    expect(decimalToCents('12.31')).toBe(1231);
    expect(decimalToCents('320')).toBe(32000);
    expect(decimalToCents('4.1')).toBe(410);
  });

  it('refuses more than two decimals and non-decimals', () => {
    expect(() => decimalToCents('0.125')).toThrow(RangeError);
    expect(() => decimalToCents('12,31')).toThrow(RangeError);
    expect(() => decimalToCents('')).toThrow(RangeError);
  });
});

describe('multiplyCents', () => {
  it('computes the contribution bases exactly', () => {
    expect(multiplyCents(decimalToCents('12.02'), '13')).toBe(15626);
    expect(multiplyCents(decimalToCents('12.31'), '56')).toBe(68936);
    expect(multiplyCents(decimalToCents('12.31'), '169')).toBe(208039);
  });

  it('multiplies by decimal factors, rounding half-up to the cent', () => {
    expect(multiplyCents(450, '151.67')).toBe(68252); // 682.515 → 682.52
    expect(multiplyCents(1, '0.5')).toBe(1);
    expect(multiplyCents(1, '0.49')).toBe(0);
    expect(multiplyCents(3, '0.5')).toBe(2); // 1.5 → 2
    expect(multiplyCents(1231, '0')).toBe(0);
  });

  it('rounds negative amounts symmetrically (half away from zero)', () => {
    expect(multiplyCents(-3, '0.5')).toBe(-2);
  });

  it('refuses a float factor written oddly, and non-integer cents', () => {
    expect(() => multiplyCents(100, '1e3')).toThrow(RangeError);
    expect(() => multiplyCents(100, '0,5')).toThrow(RangeError);
    expect(() => multiplyCents(1.5, '2')).toThrow(RangeError);
  });
});

describe('percentOf', () => {
  it('takes 15 % of 30 € as 4,50 €', () => {
    expect(percentOf(3000, '15')).toBe(450);
  });

  it('takes decimal rates with a single rounding', () => {
    expect(percentOf(2900, '13.75')).toBe(399); // 3.9875 → 3.99
    expect(percentOf(1, '50')).toBe(1); // 0.5 cent → 1
    expect(percentOf(1, '49.99')).toBe(0);
  });
});

describe('centsToDecimalString', () => {
  it('prints two decimals with a dot', () => {
    expect(centsToDecimalString(123450)).toBe('1234.50');
    expect(centsToDecimalString(5)).toBe('0.05');
    expect(centsToDecimalString(0)).toBe('0.00');
    expect(centsToDecimalString(-1230)).toBe('-12.30');
  });

  it('round-trips with parseEuros', () => {
    for (const cents of [0, 1, 99, 100, 15626, 208039]) {
      expect(parseEuros(centsToDecimalString(cents))).toBe(cents);
    }
  });
});
