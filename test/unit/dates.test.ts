import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  ageAt,
  compareIso,
  daysBetweenInclusive,
  firstDayOfQuarter,
  isIsoDate,
  todayInParis,
} from '../../src/shared/dates.js';

describe('isIsoDate', () => {
  it('accepts real calendar dates', () => {
    expect(isIsoDate('2026-03-05')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
  });

  it('rejects impossible dates and other shapes', () => {
    for (const value of [
      '2026-02-30',
      '2026-02-29',
      '1900-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '2026-3-5',
      '05/03/2026',
      '2026-03-05T00:00:00Z',
      '',
      20260305,
      null,
    ]) {
      expect(isIsoDate(value), String(value)).toBe(false);
    }
  });
});

describe('compareIso', () => {
  it('orders dates', () => {
    expect(compareIso('2026-01-31', '2026-02-01')).toBe(-1);
    expect(compareIso('2026-02-01', '2026-02-01')).toBe(0);
    expect(compareIso('2027-01-01', '2026-12-31')).toBe(1);
  });

  it('refuses invalid dates', () => {
    expect(() => compareIso('2026-02-30', '2026-03-01')).toThrow(RangeError);
  });
});

describe('addDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30'); // DST change in Paris: no effect
  });
});

describe('addMonths', () => {
  it('clamps to the last day of the target month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-05-31', 1)).toBe('2026-06-30');
  });

  it('moves across years both ways', () => {
    expect(addMonths('2026-03-15', 12)).toBe('2027-03-15');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-11-30', 14)).toBe('2028-01-30');
  });

  it('expresses the 12-month AT/MP limit: start + 12 months − 1 day', () => {
    expect(addDays(addMonths('2026-03-01', 12), -1)).toBe('2027-02-28');
  });
});

describe('ageAt', () => {
  it('counts the birthday itself', () => {
    expect(ageAt('2008-03-05', '2026-03-04')).toBe(17);
    expect(ageAt('2008-03-05', '2026-03-05')).toBe(18);
    expect(ageAt('1995-12-31', '2026-12-30')).toBe(30);
    expect(ageAt('1995-12-31', '2026-12-31')).toBe(31);
  });

  it('puts a 29 February birthday on 1 March in non-leap years', () => {
    expect(ageAt('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageAt('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageAt('2008-02-29', '2028-02-28')).toBe(19);
    expect(ageAt('2008-02-29', '2028-02-29')).toBe(20);
  });
});

describe('daysBetweenInclusive', () => {
  it('counts both ends', () => {
    expect(daysBetweenInclusive('2026-03-05', '2026-03-05')).toBe(1);
    expect(daysBetweenInclusive('2026-03-02', '2026-03-08')).toBe(7);
    expect(daysBetweenInclusive('2024-01-01', '2024-12-31')).toBe(366);
    expect(daysBetweenInclusive('2026-03-28', '2026-03-30')).toBe(3);
  });

  it('is zero or negative when the end is before the start', () => {
    expect(daysBetweenInclusive('2026-03-05', '2026-03-04')).toBe(0);
  });
});

describe('firstDayOfQuarter', () => {
  it.each([
    ['2026-01-01', '2026-01-01'],
    ['2026-03-31', '2026-01-01'],
    ['2026-04-01', '2026-04-01'],
    ['2026-06-30', '2026-04-01'],
    ['2026-08-15', '2026-07-01'],
    ['2026-10-01', '2026-10-01'],
    ['2026-12-31', '2026-10-01'],
  ])('%s → %s', (day, first) => {
    expect(firstDayOfQuarter(day)).toBe(first);
  });
});

describe('todayInParis', () => {
  it('uses the Paris calendar day, not UTC', () => {
    expect(todayInParis(new Date('2026-03-04T23:30:00Z'))).toBe('2026-03-05'); // UTC+1
    expect(todayInParis(new Date('2026-07-04T22:30:00Z'))).toBe('2026-07-05'); // UTC+2
    expect(todayInParis(new Date('2026-07-04T21:30:00Z'))).toBe('2026-07-04');
  });

  it('returns a valid ISO date for now', () => {
    expect(isIsoDate(todayInParis())).toBe(true);
  });
});
