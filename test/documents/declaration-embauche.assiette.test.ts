import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  assietteForfaitaire,
  PERIODES_ASSIETTE,
} from '../../src/documents/declaration-embauche-emploi-familial/assiette.js';
import {
  defaultLegalTable,
  LegalValueMissingError,
  loadLegalTable,
} from '../../src/legal/legal-table.js';

/**
 * The flat bases of domain-spec §6.2 (arrêté du 22/10/1985; SMIC on the quarter's first day,
 * DECISIONS §8), quarter by quarter, on the first, a middle and the last day of each quarter.
 */
const legal = defaultLegalTable();

// quarter start, SMIC (cents), week, month, quarter (cents): domain-spec §6.2, row by row.
const TABLE_6_2: Array<[string, number, number, number, number]> = [
  ['2022-01-01', 1057, 13741, 59192, 178633],
  ['2022-04-01', 1057, 13741, 59192, 178633],
  ['2022-07-01', 1085, 14105, 60760, 183365],
  ['2022-10-01', 1107, 14391, 61992, 187083],
  ['2023-01-01', 1127, 14651, 63112, 190463],
  ['2023-04-01', 1127, 14651, 63112, 190463],
  ['2023-07-01', 1152, 14976, 64512, 194688],
  ['2023-10-01', 1152, 14976, 64512, 194688],
  ['2024-01-01', 1165, 15145, 65240, 196885],
  ['2024-04-01', 1165, 15145, 65240, 196885],
  ['2024-07-01', 1165, 15145, 65240, 196885],
  ['2024-10-01', 1165, 15145, 65240, 196885],
  ['2025-01-01', 1188, 15444, 66528, 200772],
  ['2025-04-01', 1188, 15444, 66528, 200772],
  ['2025-07-01', 1188, 15444, 66528, 200772],
  ['2025-10-01', 1188, 15444, 66528, 200772],
  ['2026-01-01', 1202, 15626, 67312, 203138],
  ['2026-04-01', 1202, 15626, 67312, 203138],
  ['2026-07-01', 1231, 16003, 68936, 208039],
  ['2026-10-01', 1231, 16003, 68936, 208039],
];

/** The first day, the 15th of the middle month and the last day of the quarter. */
function daysOf(quarterStart: string): string[] {
  const year = quarterStart.slice(0, 4);
  const month = Number(quarterStart.slice(5, 7));
  const pad = (value: number) => String(value).padStart(2, '0');
  const lastDay = new Date(Date.UTC(Number(year), month + 2, 0)).getUTCDate();
  return [
    quarterStart,
    `${year}-${pad(month + 1)}-15`,
    `${year}-${pad(month + 2)}-${pad(lastDay)}`,
  ];
}

describe('flat contribution base against domain-spec §6.2', () => {
  describe.each(TABLE_6_2)('quarter from %s', (start, smic, week, month, quarter) => {
    it.each(daysOf(start))('on %s: SMIC of the first day, 13× / 56× / 169×', (date) => {
      const amounts = PERIODES_ASSIETTE.map((periode) => {
        const base = assietteForfaitaire(legal, date, periode);
        expect(base.dateSmic).toBe(start);
        expect(base.smicHoraire).toBe(smic);
        return base.montant;
      });
      expect(amounts).toEqual([week, month, quarter]);
    });
  });

  it('keeps the Q4 2024 SMIC (11,65 €) although 11,88 € applied from 1 November 2024', () => {
    const base = assietteForfaitaire(legal, '2024-12-15', 'mois');
    expect(base).toMatchObject({
      dateSmic: '2024-10-01',
      smicHoraire: 1165,
      smicEffective: '2024-01-01',
      facteur: '56',
      montant: 65240,
    });
  });

  it('moves to the June 2026 SMIC only from the third quarter, and flags it unconfirmed', () => {
    expect(assietteForfaitaire(legal, '2026-06-30', 'mois')).toMatchObject({
      smicHoraire: 1202,
      montant: 67312,
      smicConfirmed: true,
    });
    expect(assietteForfaitaire(legal, '2026-07-01', 'mois')).toMatchObject({
      smicHoraire: 1231,
      smicEffective: '2026-06-01',
      montant: 68936,
      smicConfirmed: false,
    });
  });

  it('throws LegalValueMissingError before the first SMIC of the table', () => {
    expect(() => assietteForfaitaire(legal, '2021-12-31', 'semaine')).toThrow(
      LegalValueMissingError,
    );
  });
});

describe('figures come from the legal table, not from the code', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paperasse-assiette-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('follows an operator override of the SMIC and of the multiple', () => {
    const file = join(dir, 'override.json');
    const entry = (key: string, effective: string, value: string, unit: string) => ({
      key,
      effective,
      value,
      unit,
      legalText: 'Test',
      sources: ['test'],
      confirmed: true,
    });
    writeFileSync(
      file,
      JSON.stringify([
        entry('smicHoraire', '2027-01-01', '12.99', 'EUR/h'),
        entry('assietteForfaitaireMoisFoisSmic', '2027-01-01', '57', '×'),
      ]),
    );
    const overridden = loadLegalTable(file);
    // 57 × 12,99 € = 740,43 €, exact to the cent.
    expect(assietteForfaitaire(overridden, '2027-02-10', 'mois')).toMatchObject({
      facteur: '57',
      smicHoraire: 1299,
      montant: 74043,
    });
    expect(assietteForfaitaire(overridden, '2027-02-10', 'trimestre').montant).toBe(169 * 1299);
  });
});
