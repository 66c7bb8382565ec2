import { describe, expect, it } from 'vitest';
import { codes, ruleHarness } from '../helpers/rules.js';
import { loadSample, withChange } from '../helpers/samples.js';
import { dureeHebergement, seuilsAt } from '../../src/documents/attestation-hebergement/rules.js';
import { defaultLegalTable } from '../../src/legal/legal-table.js';

/** The rules of domain-spec §5.4 (AH1–AH5), through the same validation the API runs (no Chromium). */
const ID = 'attestation-hebergement';
const { errorsOf, warningsOf } = ruleHarness(ID);
// Letter of 20/11/2026; hosted since 01/03/2026; host born 14/02/1961, hosted person 03/04/1998.
const sample = loadSample(ID);

/** The sample with several paths changed (`undefined` deletes). */
function withChanges(changes: Record<string, unknown>) {
  let body: unknown = sample;
  for (const [path, value] of Object.entries(changes)) body = withChange(body, path, value);
  return body;
}

describe('the sample', () => {
  it('validates without error or warning', () => {
    expect(errorsOf(sample)).toEqual([]);
    expect(warningsOf(sample)).toEqual([]);
  });
});

describe('dates in order (AH1)', () => {
  it('returns 422 naming hebergement.depuis when hosting starts after the letter', () => {
    const errors = errorsOf(withChanges({ 'hebergement.depuis': '2026-11-21' }));
    expect(codes(errors)).toEqual(['hebergement.depuis:DATES_ORDER']);
    expect(errors[0]?.message_fr).toContain('20/11/2026');
  });

  it('accepts hosting that starts on the letter date for another purpose', () => {
    const body = withChanges({
      'hebergement.depuis': '2026-11-20',
      'hebergement.maniereStable': false,
      motif: { type: 'autre', precision: "l'inscription sur les listes électorales" },
    });
    expect(errorsOf(body)).toEqual([]);
    expect(warningsOf(body)).toEqual([]);
  });

  it('returns 422 naming heberge.dateNaissance when born after the hosting started', () => {
    expect(codes(errorsOf(withChanges({ 'heberge.dateNaissance': '2026-03-02' })))).toEqual([
      'heberge.dateNaissance:BIRTH_AFTER_HOSTING_START',
    ]);
  });

  it('accepts a newborn hosted from the day of birth', () => {
    const body = withChanges({
      'heberge.dateNaissance': '2026-03-01',
      motif: { type: 'autre', precision: 'inscription à la crèche' },
    });
    expect(errorsOf(body)).toEqual([]);
  });

  it('returns 422 naming hebergeant.dateNaissance when the host is not born before the start', () => {
    expect(codes(errorsOf(withChanges({ 'hebergeant.dateNaissance': '2026-03-01' })))).toEqual([
      'hebergeant.dateNaissance:BIRTH_AFTER_HOSTING_START',
    ]);
  });

  it('warns when the letter is dated in the future', () => {
    const body = withChanges({ 'signature.date': '2026-11-23' });
    expect(errorsOf(body)).toEqual([]);
    expect(codes(warningsOf(body))).toEqual(['signature.date:DATE_IN_FUTURE']);
  });

  it('dates the letter today in Paris when no date is given', () => {
    // On 22/11/2026, since 22/08/2026 is exactly 3 months (not enough), since 21/08 is more.
    const undated = (depuis: string) =>
      withChanges({
        'signature.date': undefined,
        'hebergement.depuis': depuis,
        'hebergement.maniereStable': false,
      });
    expect(errorsOf(undated('2026-08-21'))).toEqual([]);
    expect(codes(errorsOf(undated('2026-08-22')))).toEqual([
      'hebergement.depuis:HOSTING_TOO_RECENT',
    ]);
  });
});

describe('more than 3 months, or stable, for an identity card or passport (AH2)', () => {
  const hosted = (type: string, depuis: string, maniereStable: boolean) =>
    withChanges({
      motif: { type },
      'hebergement.depuis': depuis,
      'hebergement.maniereStable': maniereStable,
    });

  it.each(['passeport', 'carteIdentite'])(
    '%s: accepts 3 months and a day (19/08 → 20/11) without "de manière stable"',
    (type) => {
      const body = hosted(type, '2026-08-19', false);
      expect(errorsOf(body)).toEqual([]);
      expect(warningsOf(body)).toEqual([]);
    },
  );

  it.each(['passeport', 'carteIdentite'])(
    '%s: returns 422 naming hebergement.depuis at exactly 3 months (20/08 → 20/11), not "plus de"',
    (type) => {
      const errors = errorsOf(hosted(type, '2026-08-20', false));
      expect(codes(errors)).toEqual(['hebergement.depuis:HOSTING_TOO_RECENT']);
      expect(errors[0]?.message_fr).toContain('depuis 3 mois exactement au 20/11/2026');
      expect(errors[0]?.message_fr).toContain('à partir du 21/11/2026');
      expect(errors[0]?.message_en).toContain('exactly 3 months on 2026-11-20');
      expect(errors[0]?.message_en).toContain('from 2026-11-21');
    },
  );

  it.each(['passeport', 'carteIdentite'])(
    '%s: returns 422 naming hebergement.depuis at 3 months minus one day',
    (type) => {
      const errors = errorsOf(hosted(type, '2026-08-21', false));
      expect(codes(errors)).toEqual(['hebergement.depuis:HOSTING_TOO_RECENT']);
      expect(errors[0]?.message_fr).toContain('Commencé le 21/08/2026');
      expect(errors[0]?.message_fr).toContain('depuis moins de 3 mois');
      expect(errors[0]?.message_fr).toContain('à partir du 22/11/2026');
      expect(errors[0]?.message_en).toContain('from 2026-11-22');
    },
  );

  it('accepts "de manière stable" at 3 months or less, with a warning (many town halls want more)', () => {
    for (const depuis of ['2026-08-20', '2026-08-21']) {
      const body = hosted('passeport', depuis, true);
      expect(errorsOf(body)).toEqual([]);
      expect(codes(warningsOf(body))).toEqual(['hebergement.depuis:STABLE_UNDER_THREE_MONTHS']);
    }
    const exactly = warningsOf(hosted('passeport', '2026-08-20', true));
    expect(exactly[0]?.message_fr).toContain('depuis 3 mois exactement');
    expect(warningsOf(hosted('passeport', '2026-08-19', true))).toEqual([]);
  });

  it('asks no duration for another purpose', () => {
    const body = withChanges({
      motif: { type: 'autre', precision: 'ouverture d’un compte bancaire' },
      'hebergement.depuis': '2026-11-01',
      'hebergement.maniereStable': false,
    });
    expect(errorsOf(body)).toEqual([]);
    expect(warningsOf(body)).toEqual([]);
  });

  it('counts month ends the calendar way: 28/02 → 31/05 is enough, 01/03 → 31/05 is not', () => {
    const at = (depuis: string) =>
      withChanges({
        'signature.date': '2026-05-31',
        'hebergement.depuis': depuis,
        'hebergement.maniereStable': false,
        justificatifDomicile: undefined,
      });
    expect(errorsOf(at('2026-02-28'))).toEqual([]);
    expect(codes(errorsOf(at('2026-03-01')))).toEqual(['hebergement.depuis:HOSTING_TOO_RECENT']);
  });

  it.each([
    // [hosted since, letter date, more than 3 months?]
    ['2025-11-30', '2026-02-27', false], // 3 months minus a day
    ['2025-11-30', '2026-02-28', false], // exactly: February has no 30th, its last day
    ['2025-11-30', '2026-03-01', true],
    ['2027-11-30', '2028-02-28', false], // leap year: February 29th is the 3 months
    ['2027-11-30', '2028-02-29', false],
    ['2027-11-30', '2028-03-01', true],
  ])('month ends: since %s, a letter of %s is more than 3 months: %s', (depuis, date, ok) => {
    const body = withChanges({
      'signature.date': date,
      'hebergement.depuis': depuis,
      'hebergement.maniereStable': false,
      justificatifDomicile: undefined,
    });
    expect(codes(errorsOf(body))).toEqual(ok ? [] : ['hebergement.depuis:HOSTING_TOO_RECENT']);
  });
});

describe('how long the hosting has lasted (dureeHebergement, rule and letter alike)', () => {
  const seuils = seuilsAt(defaultLegalTable(), '2026-11-20');

  it.each([
    ['2026-08-21', '2026-11-20', 'moins'],
    ['2026-08-20', '2026-11-20', 'exactement'],
    ['2026-08-19', '2026-11-20', 'plusDe'],
    ['2026-08-31', '2026-11-30', 'exactement'], // November has no 31st
    ['2026-08-31', '2026-12-01', 'plusDe'],
    ['2025-11-28', '2026-02-28', 'exactement'],
    ['2025-11-29', '2026-02-28', 'exactement'],
    ['2025-11-27', '2026-02-28', 'plusDe'],
    ['2027-11-29', '2028-02-29', 'exactement'],
    ['2027-11-30', '2028-02-28', 'moins'],
  ])('since %s, on %s: %s', (depuis, date, expected) => {
    expect(dureeHebergement(depuis, date, seuils)).toBe(expected);
  });
});

describe('host and hosted person (AH3, AH5, majority)', () => {
  it('returns 422 naming heberge when both are the same person, case and accents aside', () => {
    const errors = errorsOf(
      withChanges({
        'heberge.nomNaissance': 'LEFEBVRE CHATEAU',
        'heberge.prenom': 'francoise',
        'heberge.sexe': 'F',
        'heberge.dateNaissance': '1961-02-14',
      }),
    );
    expect(codes(errors)).toEqual(['heberge:SAME_PERSON']);
  });

  it('accepts the same names with another birth date (a daughter named after her mother)', () => {
    const body = withChanges({
      'heberge.nomNaissance': 'Lefèbvre-Château',
      'heberge.prenom': 'Françoise',
      'heberge.sexe': 'F',
    });
    expect(errorsOf(body)).toEqual([]);
  });

  it('accepts a host aged exactly 18 on the letter date and refuses one a day younger', () => {
    expect(errorsOf(withChanges({ 'hebergeant.dateNaissance': '2008-11-20' }))).toEqual([]);
    const errors = errorsOf(withChanges({ 'hebergeant.dateNaissance': '2008-11-21' }));
    expect(codes(errors)).toEqual(['hebergeant.dateNaissance:HOST_UNDER_18']);
    expect(errors[0]?.message_fr).toContain('17 ans');
  });

  it('accepts a minor hosted person for a passport, with a warning', () => {
    const body = withChanges({ 'heberge.dateNaissance': '2008-11-21' });
    expect(errorsOf(body)).toEqual([]);
    expect(codes(warningsOf(body))).toEqual(['heberge.dateNaissance:HOSTED_PERSON_MINOR']);
    expect(warningsOf(withChanges({ 'heberge.dateNaissance': '2008-11-20' }))).toEqual([]);
  });

  it('says nothing of a minor hosted for another purpose', () => {
    const body = withChanges({
      'heberge.dateNaissance': '2012-05-09',
      motif: { type: 'autre', precision: 'inscription au collège' },
    });
    expect(warningsOf(body)).toEqual([]);
  });
});

describe('purpose (H10)', () => {
  it('returns 422 naming motif.precision when "autre" has none', () => {
    expect(codes(errorsOf(withChanges({ motif: { type: 'autre' } })))).toEqual([
      'motif.precision:REQUIRED',
    ]);
  });

  it('returns 422 naming motif.precision when given with an identity paper', () => {
    expect(
      codes(errorsOf(withChanges({ motif: { type: 'passeport', precision: 'renouvellement' } }))),
    ).toEqual(['motif.precision:PRECISION_WITHOUT_AUTRE']);
  });

  it('returns 422 naming motif.type for an unknown purpose, e.g. the attestation d’accueil', () => {
    const errors = errorsOf(withChanges({ motif: { type: 'attestationAccueil' } }));
    expect(codes(errors)).toEqual(['motif.type:INVALID_VALUE']);
  });
});

describe('proof of address under one year (AH4)', () => {
  const proof = (date: string) =>
    withChanges({ justificatifDomicile: { nature: 'avis de taxe foncière', date } });

  it('returns 422 naming justificatifDomicile.date when it is one year old or more', () => {
    const errors = errorsOf(proof('2025-11-20'));
    expect(codes(errors)).toEqual(['justificatifDomicile.date:PROOF_OF_ADDRESS_TOO_OLD']);
    expect(errors[0]?.message_fr).toContain('20/11/2025');
  });

  it('accepts it one day under a year, warning that it soon turns one year old', () => {
    expect(errorsOf(proof('2025-11-21'))).toEqual([]);
    const warnings = warningsOf(proof('2025-11-21'));
    expect(codes(warnings)).toEqual(['justificatifDomicile.date:PROOF_OF_ADDRESS_EXPIRES_SOON']);
    expect(warnings[0]?.message_fr).toContain('21/11/2026');
  });

  it('warns up to 3 months ahead of its first year, not before', () => {
    expect(codes(warningsOf(proof('2026-02-20')))).toEqual([
      'justificatifDomicile.date:PROOF_OF_ADDRESS_EXPIRES_SOON',
    ]);
    expect(warningsOf(proof('2026-02-21'))).toEqual([]);
  });

  it('returns 422 naming justificatifDomicile.date when it is dated after the letter', () => {
    expect(codes(errorsOf(proof('2026-11-21')))).toEqual(['justificatifDomicile.date:DATES_ORDER']);
  });

  it('is optional', () => {
    expect(errorsOf(withChanges({ justificatifDomicile: undefined }))).toEqual([]);
  });
});

describe('the article 441-7 figures come from the legal table', () => {
  const dated = (date: string) =>
    withChanges({
      'signature.date': date,
      'hebergement.depuis': '2018-01-02',
      justificatifDomicile: { nature: 'quittance de loyer', date: '2018-09-01' },
    });

  it('answers 422 naming signature.date before the table knows them (12/09/2018)', () => {
    expect(codes(errorsOf(dated('2018-09-11')))).toEqual([
      'signature.date:LEGAL_VALUE_UNAVAILABLE',
    ]);
    expect(errorsOf(dated('2018-09-12'))).toEqual([]);
  });
});

describe('schema', () => {
  it('requires "de manière stable" to be stated', () => {
    expect(codes(errorsOf(withChanges({ 'hebergement.maniereStable': undefined })))).toEqual([
      'hebergement.maniereStable:REQUIRED',
    ]);
  });

  it('refuses an unknown field, naming it', () => {
    expect(codes(errorsOf(withChanges({ 'hebergeant.nir': '295109912611193' })))).toEqual([
      'hebergeant.nir:UNKNOWN_FIELD',
    ]);
  });

  it('refuses a character the embedded fonts cannot print, naming the field', () => {
    expect(codes(errorsOf(withChanges({ 'heberge.prenom': 'Rémi 王' })))).toEqual([
      'heberge.prenom:UNSUPPORTED_CHARACTER',
    ]);
  });
});
