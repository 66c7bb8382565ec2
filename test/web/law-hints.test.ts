import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { conventionAuPairFormHints } from '../../src/documents/convention-au-pair/form-hints.js';
import { defaultLegalTable, type LegalTable } from '../../src/legal/legal-table.js';
import { useRuntime } from '../helpers/app.js';

/** The forms' help from the law: figures of the legal table in force, never literals. */
const runtime = useRuntime();
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\u00a0/g, ' ')
    .replace(/\s+/g, ' ');

/** The builtin table with one key's value replaced, as an operator's override would. */
function withValue(key: string, value: string): LegalTable {
  const table = defaultLegalTable();
  return {
    ...table,
    valueAt: (asked, date) =>
      asked === key ? { ...table.valueAt(asked, date), value } : table.valueAt(asked, date),
  };
}

describe('the convention’s form', () => {
  it('says the weekly hours, the pocket money and the room’s surface in force today', async () => {
    const page = text((await request(runtime.app).get('/formulaire/convention-au-pair')).text);
    const today = new Date().toISOString().slice(0, 10);
    const value = (key: Parameters<LegalTable['valueAt']>[0]) =>
      defaultLegalTable().valueAt(key, today).value;
    expect(page).toContain(
      `Jeune au pair : ${value('heuresMaxSemaineAuPair')} h maximum par semaine`,
    );
    expect(page).toContain(
      `Jeune au pair : ${value('argentDePocheAuPairMinimum')} € minimum par mois`,
    );
    expect(page).toContain(`${value('surfaceMinChambreAuPair')} m² minimum`);
  });

  it('follows the legal table: another figure, another hint', () => {
    const context = (legal: LegalTable) => ({ legal, today: '2026-12-03' });
    const builtin = conventionAuPairFormHints(context(defaultLegalTable()));
    const raised = conventionAuPairFormHints(
      context(withValue('argentDePocheAuPairMinimum', '345.5')),
    );
    expect(builtin['argentDePoche.montant']).toMatch(
      /^Jeune au pair : 320\u00a0€ minimum par mois/,
    );
    expect(raised['argentDePoche.montant']).toMatch(
      /^Jeune au pair : 345,5\u00a0€ minimum par mois/,
    );
    const shorter = conventionAuPairFormHints(context(withValue('heuresMaxSemaineAuPair', '20')));
    expect(shorter['activites.horaires']).toContain('20\u00a0h maximum par semaine');
  });
});
