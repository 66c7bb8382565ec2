import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { assietteForfaitaire } from '../../src/documents/declaration-embauche-emploi-familial/assiette.js';
import { defaultLegalTable, loadLegalTable } from '../../src/legal/legal-table.js';
import { projectRoot } from '../../src/paths.js';

/**
 * The operator's override as README documents it: examples/legal-override-2027.json, named by
 * LEGAL_VALUES_FILE, read through the service's config, changes the SMIC a declaration uses from
 * 1 January 2027, and nothing before.
 */
const EXAMPLE = join(projectRoot, 'examples', 'legal-override-2027.json');

function tableFromConfig(env: Record<string, string>) {
  return loadLegalTable(loadConfig({ ...process.env, ...env }).LEGAL_VALUES_FILE);
}

describe('examples/legal-override-2027.json', () => {
  const overridden = tableFromConfig({ LEGAL_VALUES_FILE: EXAMPLE });
  const builtin = tableFromConfig({});

  it('is marked as an example to replace, not a confirmed figure', () => {
    const [entry] = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as { note: string }[];
    expect(entry).toMatchObject({ key: 'smicHoraire', effective: '2027-01-01', confirmed: false });
    expect(entry?.note).toMatch(/^EXAMPLE FIGURE, NOT THE LAW/);
  });

  it('gives the SMIC of 1 January 2027 to a declaration of that quarter', () => {
    const base = assietteForfaitaire(overridden, '2027-02-15', 'mois');
    expect(base).toMatchObject({ smicEffective: '2027-01-01', smicConfirmed: false });
    expect(base.smicHoraire).toBe(1250);
    // 56 × 12.50 €
    expect(base.montant).toBe(70_000);
    // Without the file, the same quarter still reads the last builtin SMIC.
    expect(assietteForfaitaire(builtin, '2027-02-15', 'mois').smicEffective).not.toBe('2027-01-01');
  });

  it('changes nothing before 1 January 2027', () => {
    for (const date of ['2026-12-31', '2026-07-01', '2022-03-01']) {
      expect(overridden.valueAt('smicHoraire', date), date).toEqual(
        builtin.valueAt('smicHoraire', date),
      );
      expect(assietteForfaitaire(overridden, date, 'semaine'), date).toEqual(
        assietteForfaitaire(builtin, date, 'semaine'),
      );
    }
    expect(overridden.all()).toHaveLength(defaultLegalTable().all().length + 1);
  });
});
