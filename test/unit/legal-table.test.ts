import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  defaultLegalTable,
  LegalValueMissingError,
  loadLegalTable,
  type LegalKey,
} from '../../src/legal/legal-table.js';
import { UNIT_OF_KEY } from '../../src/legal/legal-table-schema.js';
import { addDays, firstDayOfQuarter } from '../../src/shared/dates.js';
import { centsToDecimalString, decimalToCents, multiplyCents } from '../../src/shared/decimal.js';

const table = defaultLegalTable();

/** [effective date, value] per domain-spec §6, oldest first. */
const SMIC_6_1: [string, string][] = [
  ['2022-01-01', '10.57'],
  ['2022-05-01', '10.85'],
  ['2022-08-01', '11.07'],
  ['2023-01-01', '11.27'],
  ['2023-05-01', '11.52'],
  ['2024-01-01', '11.65'],
  ['2024-11-01', '11.88'],
  ['2026-01-01', '12.02'],
  ['2026-06-01', '12.31'],
];
const MG_6_4: [string, string][] = [
  ['2022-01-01', '3.76'],
  ['2022-05-01', '3.86'],
  ['2022-08-01', '3.94'],
  ['2023-01-01', '4.01'],
  ['2023-05-01', '4.10'],
  ['2024-01-01', '4.15'],
  ['2024-11-01', '4.22'],
  ['2026-01-01', '4.25'],
];
const PSS_6_3: [number, string, string][] = [
  [2018, '3311', '25'],
  [2019, '3377', '25'],
  [2020, '3428', '26'],
  [2021, '3428', '26'],
  [2022, '3428', '26'],
  [2023, '3666', '27'],
  [2024, '3864', '29'],
  [2025, '3925', '29'],
  [2026, '4005', '30'],
];

function expectSeries(key: LegalKey, series: [string, string][]): void {
  series.forEach(([effective, value], index) => {
    expect(table.valueAt(key, effective).value, `${key} on ${effective}`).toBe(value);
    const dayBefore = addDays(effective, -1);
    const previous = series[index - 1];
    if (previous) {
      expect(table.valueAt(key, dayBefore).value, `${key} on ${dayBefore}`).toBe(previous[1]);
    } else {
      expect(() => table.valueAt(key, dayBefore)).toThrow(LegalValueMissingError);
    }
  });
  expect(table.entries(key).map((entry) => [entry.effective, entry.value])).toEqual(series);
}

describe('builtin legal table', () => {
  it('has the SMIC of §6.1 at each boundary (day before, day of)', () => {
    expectSeries('smicHoraire', SMIC_6_1);
    expect(table.valueAt('smicHoraire', '2025-06-15').value).toBe('11.88');
  });

  it('flags the single-source SMIC of 2026-06-01 as unconfirmed, with a note', () => {
    const smic = table.valueAt('smicHoraire', '2026-06-01');
    expect(smic.confirmed).toBe(false);
    expect(smic.note).toMatch(/single source/i);
    expect(table.valueAt('smicHoraire', '2026-05-31').confirmed).toBe(true);
  });

  it('has the minimum garanti of §6.4 at each boundary, with no 2026-06-01 value', () => {
    expectSeries('minimumGaranti', MG_6_4);
    expect(table.valueAt('minimumGaranti', '2026-07-01').effective).toBe('2026-01-01');
  });

  it('has the monthly and hourly PSS of §6.3 at each year boundary', () => {
    const dated = (pick: 1 | 2) =>
      PSS_6_3.map((row): [string, string] => [`${row[0]}-01-01`, String(row[pick])]);
    expectSeries('plafondMensuelSecuriteSociale', dated(1));
    expectSeries('plafondHoraireSecuriteSociale', dated(2));
  });

  it('gives the gratification rate by signature date', () => {
    expect(table.valueAt('tauxGratificationStage', '2015-08-31').value).toBe('13.75');
    expect(table.valueAt('tauxGratificationStage', '2015-09-01').value).toBe('15');
    expect(table.valueAt('tauxGratificationStage', '2026-03-01').value).toBe('15');
    expect(() => table.valueAt('tauxGratificationStage', '2014-11-30')).toThrow(
      LegalValueMissingError,
    );
  });

  it('has the fixed figures of §6.3 and §6.5', () => {
    const on = '2026-03-01';
    expect(table.valueAt('seuilGratificationJours', on).value).toBe('44');
    expect(table.valueAt('seuilGratificationHeures', on).value).toBe('308');
    expect(table.valueAt('seuilGratificationMois', on).value).toBe('2');
    expect(table.valueAt('quebecSeuilGratificationMensuelleEuros', on).value).toBe('610');
    expect(table.valueAt('dureeMaxStageEtrangerMois', on).value).toBe('12');
    expect(table.valueAt('argentDePocheAuPairMinimum', on).value).toBe('320');
    expect(table.valueAt('heuresMaxSemaineAuPair', on).value).toBe('25');
    expect(table.valueAt('heuresMaxJourStagiaire', on).value).toBe('5');
  });

  it('has the au pair agreement deadline of ETS 068 art. 6 (first week: 7 days), unconfirmed', () => {
    const week = table.valueAt('delaiAccordEcritAuPairJours', '2027-01-04');
    expect(week).toMatchObject({ value: '7', unit: 'jours', effective: '1971-05-30' });
    expect(week.legalText).toMatch(/STE n° 068.*art\. 6/);
    expect(week.confirmed).toBe(false);
    expect(() => table.valueAt('delaiAccordEcritAuPairJours', '1971-05-29')).toThrow(
      LegalValueMissingError,
    );
  });

  it('gives every key at least one entry, in its own unit, with a legal text and a source', () => {
    for (const key of Object.keys(UNIT_OF_KEY) as LegalKey[]) {
      expect(table.entries(key).length, key).toBeGreaterThan(0);
    }
    for (const entry of table.all()) {
      expect(entry.unit).toBe(UNIT_OF_KEY[entry.key]);
      expect(entry.legalText).not.toBe('');
      expect(entry.sources.length).toBeGreaterThan(0);
    }
  });

  it('has the penalties of the annex, 225-14 raised on 11/04/2024 (loi n° 2024-322)', () => {
    expect(table.valueAt('traitePeine', '2026-11-20')).toMatchObject({
      value: '7',
      unit: 'ans ou perpétuité',
      effective: '2013-08-07',
      confirmed: true,
    });
    expect(table.valueAt('traiteTorturesPeine', '2026-11-20').value).toBe('perpétuité');
    expect(table.valueAt('conditionsIndignesPeine', '2024-04-10').value).toBe('5');
    expect(table.valueAt('conditionsIndignesAmende', '2024-04-10').value).toBe('150000');
    expect(table.valueAt('conditionsIndignesPeine', '2024-04-11').value).toBe('7');
    expect(table.valueAt('conditionsIndignesAmende', '2024-04-11').value).toBe('200000');
    // Read only before the 2024 law: kept, flagged, and the doubt written down.
    const servitude = table.valueAt('servitudeAggraveePeine', '2026-11-20');
    expect(servitude.confirmed).toBe(false);
    expect(servitude.note).toMatch(/unconfirmed/);
    for (const entry of table.all().filter((item) => item.unit === 'ans ou perpétuité')) {
      expect(entry.legalText, entry.key).toMatch(/^Code pénal, art\. 22[45]-/);
    }
  });

  it('reproduces the contribution bases of §6.2 (13×, 56×, 169× the SMIC of the quarter)', () => {
    const bases: [string, string, string, string][] = [
      ['2022-02-15', '137.41', '591.92', '1786.33'],
      ['2022-08-15', '141.05', '607.60', '1833.65'],
      ['2022-11-15', '143.91', '619.92', '1870.83'],
      ['2023-05-15', '146.51', '631.12', '1904.63'],
      ['2023-07-15', '149.76', '645.12', '1946.88'],
      ['2024-11-15', '151.45', '652.40', '1968.85'],
      ['2025-03-15', '154.44', '665.28', '2007.72'],
      ['2026-06-15', '156.26', '673.12', '2031.38'],
      ['2026-07-01', '160.03', '689.36', '2080.39'],
    ];
    for (const [day, week, month, quarter] of bases) {
      const smic = decimalToCents(table.valueAt('smicHoraire', firstDayOfQuarter(day)).value);
      const base = (hours: string) => centsToDecimalString(multiplyCents(smic, hours));
      expect([base('13'), base('56'), base('169')], day).toEqual([week, month, quarter]);
    }
  });
});

describe('valueAt errors', () => {
  it('throws LegalValueMissingError with key and date before the first entry', () => {
    try {
      table.valueAt('smicHoraire', '2021-12-31');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(LegalValueMissingError);
      const missing = error as LegalValueMissingError;
      expect(missing.key).toBe('smicHoraire');
      expect(missing.date).toBe('2021-12-31');
      expect(missing.message).toContain('2022-01-01');
      expect(missing.messageFr).toContain('2022-01-01');
    }
  });

  it('refuses a date that is not a calendar date', () => {
    expect(() => table.valueAt('smicHoraire', '2026-02-30')).toThrow(RangeError);
  });

  it('returns frozen entries', () => {
    const entry = table.valueAt('smicHoraire', '2026-01-15');
    expect(Object.isFrozen(entry)).toBe(true);
  });
});

describe('override file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paperasse-legal-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function writeOverride(name: string, content: unknown): string {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  }

  const base = {
    unit: 'EUR/h',
    legalText: 'Arrêté de test',
    sources: ['test'],
    confirmed: true,
  };

  it('replaces an entry with the same key and date, and adds the others', () => {
    const path = writeOverride('ok.json', [
      { ...base, key: 'smicHoraire', effective: '2026-06-01', value: '12.30' },
      { ...base, key: 'minimumGaranti', effective: '2026-06-01', value: '4.35', unit: 'EUR' },
    ]);
    const overridden = loadLegalTable(path);
    expect(overridden.valueAt('smicHoraire', '2026-06-01')).toMatchObject({
      value: '12.30',
      confirmed: true,
    });
    expect(overridden.entries('smicHoraire')).toHaveLength(SMIC_6_1.length);
    expect(overridden.valueAt('minimumGaranti', '2026-05-31').value).toBe('4.25');
    expect(overridden.valueAt('minimumGaranti', '2026-06-01').value).toBe('4.35');
    // The builtin singleton is untouched.
    expect(defaultLegalTable().valueAt('smicHoraire', '2026-06-01').value).toBe('12.31');
  });

  it('accepts an empty array', () => {
    const path = writeOverride('empty.json', []);
    expect(loadLegalTable(path).all()).toHaveLength(defaultLegalTable().all().length);
  });

  it('names the file, the entry index and the field of an invalid entry', () => {
    const path = writeOverride('bad-date.json', [
      { ...base, key: 'smicHoraire', effective: '2026-09-01', value: '12.50' },
      { ...base, key: 'smicHoraire', effective: '2026-13-01', value: '12.60' },
    ]);
    expect(() => loadLegalTable(path)).toThrow(path);
    expect(() => loadLegalTable(path)).toThrow(/entry \[1\] field "effective"/);
  });

  it('rejects a float value, a wrong unit, an unknown key and unknown fields', () => {
    const cases: [unknown, RegExp][] = [
      [{ ...base, key: 'smicHoraire', effective: '2026-09-01', value: 12.5 }, /field "value"/],
      [{ ...base, key: 'smicHoraire', effective: '2026-09-01', value: '12.505' }, /field "value"/],
      [
        { ...base, key: 'smicHoraire', effective: '2026-09-01', value: '12.50', unit: 'EUR' },
        /field "unit"/,
      ],
      [{ ...base, key: 'smic', effective: '2026-09-01', value: '12.50' }, /field "key"/],
      [
        { ...base, key: 'smicHoraire', effective: '2026-09-01', value: '12.50', extra: 1 },
        /entry \[0\]/,
      ],
      [
        { ...base, key: 'smicHoraire', effective: '2026-09-01', value: '12.50', sources: [] },
        /field "sources"/,
      ],
    ];
    cases.forEach(([entry, message], index) => {
      const path = writeOverride(`bad-${index}.json`, [entry]);
      expect(() => loadLegalTable(path), JSON.stringify(entry)).toThrow(message);
    });
  });

  it('takes "perpétuité" for a custodial sentence only, and whole years', () => {
    const sentence = { ...base, unit: 'ans ou perpétuité', effective: '2026-09-01' };
    const life = writeOverride('life.json', [
      { ...sentence, key: 'traitePeine', value: 'perpétuité' },
    ]);
    expect(loadLegalTable(life).valueAt('traitePeine', '2026-09-01').value).toBe('perpétuité');
    const cases: [unknown, RegExp][] = [
      [{ ...sentence, key: 'traitePeine', value: '7.5' }, /whole years/],
      [{ ...sentence, key: 'traitePeine', value: 'sept' }, /field "value"/],
      [
        { ...base, unit: 'EUR', key: 'traiteAmende', effective: '2026-09-01', value: 'perpétuité' },
        /only a custodial sentence/,
      ],
      [{ ...sentence, key: 'traitePeine', value: '7', unit: 'ans' }, /field "unit"/],
    ];
    cases.forEach(([entry, message], index) => {
      const path = writeOverride(`bad-sentence-${index}.json`, [entry]);
      expect(() => loadLegalTable(path), JSON.stringify(entry)).toThrow(message);
    });
  });

  it('rejects a file that repeats an entry', () => {
    const entry = { ...base, key: 'smicHoraire', effective: '2026-09-01', value: '12.50' };
    const path = writeOverride('duplicate.json', [entry, entry]);
    expect(() => loadLegalTable(path)).toThrow(/entry \[1\] repeats key "smicHoraire"/);
  });

  it('rejects a missing file, invalid JSON and a non-array', () => {
    expect(() => loadLegalTable(join(dir, 'missing.json'))).toThrow(/cannot be read/);
    expect(() => loadLegalTable(writeOverride('broken.json', '[{'))).toThrow(/not valid JSON/);
    expect(() => loadLegalTable(writeOverride('object.json', { key: 'smicHoraire' }))).toThrow(
      /Legal values file .*object\.json/,
    );
  });
});
