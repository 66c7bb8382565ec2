import { describe, expect, it } from 'vitest';
import { codes, ruleHarness } from '../helpers/rules.js';
import { loadSample, withChange } from '../helpers/samples.js';
import { defaultLegalTable, type LegalTable } from '../../src/legal/legal-table.js';

/** The rules of domain-spec §3.3 (AP1–AP13), through the same validation the API runs (no Chromium). */
const ID = 'convention-au-pair';
const { errorsOf, warningsOf } = ruleHarness(ID);
const sample = loadSample(ID);

/** The sample with several dotted paths replaced (undefined deletes). */
function change(changes: Record<string, unknown>, base: unknown = sample) {
  let body = base as Record<string, unknown>;
  for (const [path, value] of Object.entries(changes)) body = withChange(body, path, value);
  return body;
}

const WEEK = { lundi: 5, mardi: 5, mercredi: 5, jeudi: 5, vendredi: 4, samedi: 0, dimanche: 0 };
/** A valid stagiaire aide familial: a German national, 24 h over 5 days, courses, MG range. */
const stagiaire = change({
  'jeune.nationalite': 'DE',
  'jeune.qualification': undefined,
  'activites.horaires': WEEK,
  'argentDePoche.montant': '330.00',
});

describe('the samples', () => {
  it('accepts the au pair sample without error or warning', () => {
    expect(errorsOf(sample)).toEqual([]);
    expect(warningsOf(sample)).toEqual([]);
  });

  it('accepts the stagiaire variant without error or warning', () => {
    expect(errorsOf(stagiaire)).toEqual([]);
    expect(warningsOf(stagiaire)).toEqual([]);
  });
});

describe('regime and nationality (DECISIONS §3, AP4)', () => {
  it('accepts a stated regime that matches the nationality', () => {
    expect(errorsOf(change({ regime: 'jeuneAuPair' }))).toEqual([]);
    expect(errorsOf(change({ regime: 'stagiaireAideFamilial' }, stagiaire))).toEqual([]);
  });

  it('returns 422 naming regime when it contradicts the nationality', () => {
    const errors = errorsOf(change({ regime: 'stagiaireAideFamilial' }));
    expect(codes(errors)).toEqual(['regime:REGIME_NATIONALITY']);
    expect(errors[0]?.message_fr).toContain('Jeune au pair');
  });

  it.each(['CH', 'NO'])('treats a %s national as a stagiaire (5 h a day then apply)', (code) => {
    expect(codes(errorsOf(change({ 'jeune.nationalite': code })))).toEqual([
      'activites.horaires.mercredi:HOURS_PER_DAY_EXCEEDED',
    ]);
  });

  it('refuses a French national', () => {
    expect(codes(errorsOf(change({ 'jeune.nationalite': 'FR' }, stagiaire)))).toEqual([
      'jeune.nationalite:FRENCH_NATIONAL',
    ]);
  });

  it('refuses an au pair who shares the nationality of one parent of a mixed family', () => {
    const errors = errorsOf(change({ 'famille.parents.1.nationalite': 'CO' }));
    expect(codes(errors)).toEqual(['famille.parents[1].nationalite:SAME_NATIONALITY_AS_FAMILY']);
    expect(errors[0]?.message_fr).toContain('colombienne');
  });

  it('names both parents when both share it, and accepts a one-parent family of another nationality', () => {
    const both = change({
      'famille.parents.0.nationalite': 'CO',
      'famille.parents.1.nationalite': 'CO',
    });
    expect(codes(errorsOf(both))).toEqual([
      'famille.parents[0].nationalite:SAME_NATIONALITY_AS_FAMILY',
      'famille.parents[1].nationalite:SAME_NATIONALITY_AS_FAMILY',
    ]);
    const famille = sample.famille as { parents: unknown[] };
    expect(errorsOf(change({ 'famille.parents': [famille.parents[0]] }))).toEqual([]);
  });

  it('does not compare the nationality of a stagiaire with the family (L426-22 is for au pairs)', () => {
    expect(errorsOf(change({ 'famille.parents.1.nationalite': 'DE' }, stagiaire))).toEqual([]);
  });

  it('requires the no-kinship attestation to be true, in both regimes', () => {
    const path = 'engagements.absenceLienParente';
    expect(codes(errorsOf(change({ [path]: false })))).toEqual([
      `${path}:KINSHIP_ATTESTATION_REQUIRED`,
    ]);
    expect(codes(errorsOf(change({ [path]: false }, stagiaire)))).toEqual([
      `${path}:KINSHIP_ATTESTATION_REQUIRED`,
    ]);
  });

  it("requires the au pair's French or level of studies, not the stagiaire's", () => {
    expect(codes(errorsOf(change({ 'jeune.qualification': undefined })))).toEqual([
      'jeune.qualification:REQUIRED',
    ]);
    expect(errorsOf(stagiaire)).toEqual([]);
  });
});

describe('ages at the start date (AP1, AP1′, AP1″)', () => {
  // The stay starts on 2027-01-04 and ends on 2027-10-31.
  const born = (dateNaissance: string, base: unknown = sample) =>
    change({ 'jeune.dateNaissance': dateNaissance }, base);

  it('accepts an au pair of exactly 18 and refuses one a day younger', () => {
    expect(errorsOf(born('2009-01-04'))).toEqual([]);
    const errors = errorsOf(born('2009-01-05'));
    expect(codes(errors)).toEqual(['jeune.dateNaissance:AGE_OUT_OF_RANGE']);
    expect(errors[0]?.message_fr).toContain('18 à 30 ans');
  });

  it('accepts 30 at the start, warning that 31 comes before the end', () => {
    const thirty = born('1996-01-05');
    expect(errorsOf(thirty)).toEqual([]);
    const warnings = warningsOf(thirty);
    expect(codes(warnings)).toEqual(['jeune.dateNaissance:AGE_LIMIT_DURING_STAY']);
    expect(warnings[0]?.message_fr).toContain('05/01/2027');
  });

  it('refuses 31 at the start', () => {
    expect(codes(errorsOf(born('1996-01-04')))).toEqual(['jeune.dateNaissance:AGE_OUT_OF_RANGE']);
  });

  it('accepts a stagiaire of 17, not an au pair of 17 nor a stagiaire of 16', () => {
    expect(errorsOf(born('2009-06-01', stagiaire))).toEqual([]);
    expect(codes(errorsOf(born('2009-06-01')))).toEqual(['jeune.dateNaissance:AGE_OUT_OF_RANGE']);
    expect(codes(errorsOf(born('2010-01-05', stagiaire)))).toEqual([
      'jeune.dateNaissance:AGE_OUT_OF_RANGE',
    ]);
  });
});

describe('length of the stay (AP2)', () => {
  const stay = (dateFin: string, prolongation = false) =>
    change({ 'accueil.dateFin': dateFin, 'accueil.prolongation': prolongation });

  it('accepts exactly 3 months and refuses one day less', () => {
    expect(errorsOf(stay('2027-04-03'))).toEqual([]);
    const errors = errorsOf(stay('2027-04-02'));
    expect(codes(errors)).toEqual(['accueil.dateFin:STAY_TOO_SHORT']);
    expect(errors[0]?.message_fr).toContain('03/04/2027');
  });

  it('accepts 12 months and refuses 12 months and a day, pointing to the extension', () => {
    expect(errorsOf(stay('2028-01-03'))).toEqual([]);
    const errors = errorsOf(stay('2028-01-04'));
    expect(codes(errors)).toEqual(['accueil.dateFin:STAY_TOO_LONG']);
    expect(errors[0]?.message_fr).toContain('03/01/2028');
    expect(errors[0]?.message_fr).toContain('prolongation');
  });

  it('accepts 24 months with the extension and refuses a day more', () => {
    expect(errorsOf(stay('2029-01-03', true))).toEqual([]);
    const errors = errorsOf(stay('2029-01-04', true));
    expect(codes(errors)).toEqual(['accueil.dateFin:STAY_TOO_LONG']);
    expect(errors[0]?.message_fr).toContain('24 mois');
  });

  it('returns 422 naming accueil.dateFin when it precedes the start', () => {
    expect(codes(errorsOf(stay('2027-01-03')))).toEqual(['accueil.dateFin:DATES_ORDER']);
  });
});

describe('hours and rest days (AP3, AP3′, AP5, AP5′, AP13)', () => {
  it('accepts 25 h a week for an au pair and refuses 25 h 30', () => {
    expect(errorsOf(change({ 'activites.horaires.vendredi': 4 }))).toEqual([]);
    const errors = errorsOf(change({ 'activites.horaires.vendredi': 4.5 }));
    expect(codes(errors)).toEqual(['activites.horaires:HOURS_PER_WEEK_EXCEEDED']);
    expect(errors[0]?.message_fr).toContain('25\u00a0h\u00a030');
  });

  it('accepts 5 h a day for a stagiaire and refuses 5 h 30, naming the day', () => {
    expect(errorsOf(change({ 'activites.horaires.mercredi': 5 }, stagiaire))).toEqual([]);
    expect(codes(errorsOf(change({ 'activites.horaires.mercredi': 5.5 }, stagiaire)))).toEqual([
      'activites.horaires.mercredi:HOURS_PER_DAY_EXCEEDED',
    ]);
  });

  it('refuses a week without a full rest day', () => {
    const everyDay = {
      ...WEEK,
      lundi: 3,
      mardi: 3,
      mercredi: 3,
      jeudi: 3,
      vendredi: 3,
      samedi: 3,
      dimanche: 1,
    };
    expect(codes(errorsOf(change({ 'activites.horaires': everyDay })))).toEqual([
      'activites.horaires:NO_REST_DAY',
    ]);
  });

  it('lets an au pair rest on Saturday and work on Sunday', () => {
    expect(
      errorsOf(change({ 'activites.horaires.dimanche': 2, 'activites.horaires.lundi': 3 })),
    ).toEqual([]);
  });

  it("requires the stagiaire's Sunday to be free (one Sunday a month, typical week repeated)", () => {
    const sunday = change(
      { 'activites.horaires.dimanche': 2, 'activites.horaires.lundi': 3 },
      stagiaire,
    );
    expect(codes(errorsOf(sunday))).toEqual(['activites.horaires.dimanche:SUNDAY_REST_REQUIRED']);
  });
});

describe('pocket money (AP6, AP6′)', () => {
  const paid = (montant: unknown, base: unknown = sample) =>
    change({ 'argentDePoche.montant': montant }, base);

  it('accepts 320 € for an au pair and refuses 319,99 €', () => {
    expect(errorsOf(paid('320.00'))).toEqual([]);
    const errors = errorsOf(paid('319.99'));
    expect(codes(errors)).toEqual(['argentDePoche.montant:POCKET_MONEY_BELOW_MINIMUM']);
    expect(errors[0]?.message_fr).toContain('320,00\u00a0€');
  });

  it('warns, without refusing, when a stagiaire gets less than 75 × MG or more than 90 × MG', () => {
    // Signed on 20/11/2026: MG 4,25 € → 318,75 € … 382,50 €.
    expect(warningsOf(paid('318.75', stagiaire))).toEqual([]);
    expect(warningsOf(paid('382.50', stagiaire))).toEqual([]);
    for (const amount of ['318.74', '382.51']) {
      expect(errorsOf(paid(amount, stagiaire))).toEqual([]);
      const warnings = warningsOf(paid(amount, stagiaire));
      expect(codes(warnings)).toEqual(['argentDePoche.montant:POCKET_MONEY_OUTSIDE_USUAL_RANGE']);
      expect(warnings[0]?.message_fr).toContain('318,75\u00a0€ et 382,50\u00a0€');
    }
  });

  it('uses the MG in force at the signature date (4,22 € in 2025: 316,50 € … 379,80 €)', () => {
    const signed2025 = change({ 'signature.date': '2025-06-02' }, paid('317.00', stagiaire));
    expect(warningsOf(signed2025)).toEqual([]);
    expect(codes(warningsOf(paid('317.00', stagiaire)))).toEqual([
      'argentDePoche.montant:POCKET_MONEY_OUTSIDE_USUAL_RANGE',
    ]);
  });

  it('warns that the range cannot be checked when no MG is known at the signature date', () => {
    const early = change({ 'signature.date': '2021-06-01', 'famille.enfants': [] }, stagiaire);
    expect(errorsOf(early)).toEqual([]);
    expect(codes(warningsOf(early))).toEqual(['argentDePoche.montant:LEGAL_VALUE_UNAVAILABLE']);
  });

  it('refuses a convention dated before the penalties its annex quotes are known', () => {
    // The stagiaire has no legal minimum: only the annex (the 2013 penalties) needs that date.
    const early = change({ 'signature.date': '2013-08-06', 'famille.enfants': [] }, stagiaire);
    expect(codes(errorsOf(early))).toEqual(['signature.date:LEGAL_VALUE_UNAVAILABLE']);
    const dated = change({ 'signature.date': '2013-08-07', 'famille.enfants': [] }, stagiaire);
    expect(errorsOf(dated)).toEqual([]);
  });

  it("refuses an au pair convention signed before the arrêté's minimum existed", () => {
    const early = change({ 'signature.date': '2019-01-10', 'famille.enfants': [] });
    expect(codes(errorsOf(early))).toEqual(['signature.date:LEGAL_VALUE_UNAVAILABLE']);
  });
});

describe('housing and children (AP7, AP8, AP9)', () => {
  it('requires an individual room', () => {
    expect(codes(errorsOf(change({ 'logement.chambreIndividuelle': false })))).toEqual([
      'logement.chambreIndividuelle:INDIVIDUAL_ROOM_REQUIRED',
    ]);
  });

  it('warns below 9 m², not at 9 m²', () => {
    expect(warningsOf(change({ 'logement.surfaceChambre': 9 }))).toEqual([]);
    const small = change({ 'logement.surfaceChambre': 8.9 });
    expect(errorsOf(small)).toEqual([]);
    const warnings = warningsOf(small);
    expect(codes(warnings)).toEqual(['logement.surfaceChambre:ROOM_SMALLER_THAN_USUAL']);
    expect(warnings[0]?.message_fr).toContain('8,9\u00a0m²');
  });

  it('warns when the room has no window', () => {
    expect(codes(warningsOf(change({ 'logement.fenetre': false })))).toEqual([
      'logement.fenetre:ROOM_WITHOUT_WINDOW',
    ]);
  });

  it('requires board and lodging for an au pair; warns for a stagiaire, where it is the usage', () => {
    expect(codes(errorsOf(change({ 'engagements.logeNourri': false })))).toEqual([
      'engagements.logeNourri:BOARD_AND_LODGING_REQUIRED',
    ]);
    const stagiaireNotFed = change({ 'engagements.logeNourri': false }, stagiaire);
    expect(errorsOf(stagiaireNotFed)).toEqual([]);
    expect(codes(warningsOf(stagiaireNotFed))).toEqual([
      'engagements.logeNourri:BOARD_AND_LODGING_USUAL',
    ]);
  });

  it('warns for a child under 3 at the start, not for one of exactly 3', () => {
    expect(warningsOf(change({ 'famille.enfants.1.dateNaissance': '2024-01-04' }))).toEqual([]);
    const toddler = change({ 'famille.enfants.1.dateNaissance': '2024-01-05' });
    expect(errorsOf(toddler)).toEqual([]);
    const warnings = warningsOf(toddler);
    expect(codes(warnings)).toEqual(['famille.enfants[1].dateNaissance:CHILD_UNDER_MIN_AGE']);
    expect(warnings[0]?.message_fr).toContain('Léonie');
  });

  it('refuses a child born after the convention is signed', () => {
    expect(codes(errorsOf(change({ 'famille.enfants.0.dateNaissance': '2026-11-21' })))).toEqual(
      expect.arrayContaining(['famille.enfants[0].dateNaissance:CHILD_NOT_BORN']),
    );
  });
});

describe('courses (AP12)', () => {
  it('requires the French courses of a stagiaire', () => {
    expect(codes(errorsOf(change({ cours: undefined }, stagiaire)))).toEqual([
      'cours:FRENCH_COURSES_REQUIRED',
    ]);
  });

  it('leaves the courses of an au pair optional', () => {
    expect(errorsOf(change({ cours: undefined }))).toEqual([]);
  });
});

describe('signature before arrival (AP10: warnings, ETS 068 art. 6)', () => {
  // The sample's stay starts on Monday 04/01/2027: its first week ends on Sunday 10/01/2027.
  const signedOn = (date: string) => change({ 'signature.date': date });

  it('says nothing of a convention signed before the arrival or on the arrival day', () => {
    expect(warningsOf(signedOn('2027-01-03'))).toEqual([]);
    expect(warningsOf(signedOn('2027-01-04'))).toEqual([]);
  });

  it('warns from the day after the arrival, without refusing, naming signature.date', () => {
    const body = signedOn('2027-01-05');
    expect(errorsOf(body)).toEqual([]);
    const warnings = warningsOf(body);
    expect(codes(warnings)).toEqual(['signature.date:SIGNED_AFTER_ARRIVAL']);
    expect(warnings[0]?.message_fr).toContain('signature.date');
    expect(warnings[0]?.message_fr).toContain("2e jour de l'accueil commencé le 04/01/2027");
    expect(warnings[0]?.message_fr).toContain('soit le 10/01/2027');
    expect(warnings[0]?.message_en).toContain('signature.date');
    expect(warnings[0]?.message_en).toContain('by 2027-01-10');
  });

  it('keeps the lighter warning up to the 7th day (10/01), the stronger one from the 8th', () => {
    expect(codes(warningsOf(signedOn('2027-01-10')))).toEqual([
      'signature.date:SIGNED_AFTER_ARRIVAL',
    ]);
    const late = signedOn('2027-01-11');
    expect(errorsOf(late)).toEqual([]);
    const warnings = warningsOf(late);
    expect(codes(warnings)).toEqual(['signature.date:SIGNED_AFTER_FIRST_WEEK']);
    expect(warnings[0]?.message_fr).toContain('8e jour');
    expect(warnings[0]?.message_fr).toContain('au plus tard le 10/01/2027');
    expect(warnings[0]?.message_en).toContain('by 2027-01-10 at the latest');
  });

  it('still only warns months into the stay (a convention re-signed for an extension)', () => {
    const extended = change({
      'signature.date': '2027-09-15',
      'accueil.dateFin': '2028-06-30',
      'accueil.prolongation': true,
    });
    expect(errorsOf(extended)).toEqual([]);
    expect(codes(warningsOf(extended))).toEqual(['signature.date:SIGNED_AFTER_FIRST_WEEK']);
  });

  it('takes the length of the first week from the legal table, not a literal', () => {
    const base = defaultLegalTable();
    const entry = base.valueAt('delaiAccordEcritAuPairJours', '2027-01-04');
    const tenDays: LegalTable = {
      ...base,
      valueAt: (key, date) =>
        key === 'delaiAccordEcritAuPairJours' ? { ...entry, value: '10' } : base.valueAt(key, date),
    };
    const harness = ruleHarness(ID, { legal: tenDays });
    expect(codes(harness.warningsOf(signedOn('2027-01-13')))).toEqual([
      'signature.date:SIGNED_AFTER_ARRIVAL',
    ]);
    expect(codes(harness.warningsOf(signedOn('2027-01-14')))).toEqual([
      'signature.date:SIGNED_AFTER_FIRST_WEEK',
    ]);
  });

  it('dates an undated convention today in Paris (22/11/2026)', () => {
    const undated = change({
      'signature.date': undefined,
      'accueil.dateDebut': '2026-11-21',
      'accueil.dateFin': '2027-06-30',
    });
    expect(errorsOf(undated)).toEqual([]);
    expect(codes(warningsOf(undated))).toEqual(['signature.date:SIGNED_AFTER_ARRIVAL']);
    expect(warningsOf(change({ 'accueil.dateDebut': '2026-11-22' }, undated))).toEqual([]);
  });

  it('refuses a stay starting before the 2019 regime, naming the start date', () => {
    const old = change({
      'signature.date': '2018-10-01',
      'accueil.dateDebut': '2018-11-01',
      'accueil.dateFin': '2019-06-30',
      'famille.enfants': [],
    });
    expect(codes(errorsOf(old))).toEqual(['accueil.dateDebut:LEGAL_VALUE_UNAVAILABLE']);
  });
});

describe('schema', () => {
  it.each([
    ['activites.horaires.lundi', 2.3, 'HOURS_FORMAT'],
    ['activites.horaires.lundi', 25, 'TOO_BIG'],
    ['argentDePoche.jourVersement', 32, 'TOO_BIG'],
    ['argentDePoche.jourVersement', 0, 'TOO_SMALL'],
    ['argentDePoche.montant', '320.001', 'AMOUNT_FORMAT'],
    ['logement.surfaceChambre', 11.55, 'SURFACE_FORMAT'],
    ['jeune.courriel', 'valentina@', 'EMAIL_FORMAT'],
    ['jeune.telephone', 'appelez-moi', 'PHONE_FORMAT'],
    ['jeune.numeroPasseport', 'AT 48', 'PASSPORT_FORMAT'],
    ['jeune.nationalite', 'XX', 'COUNTRY_CODE'],
    ['accueil.dateDebut', '2027-02-30', 'DATE_FORMAT'],
    ['logement.type', 'studio', 'INVALID_VALUE'],
  ])('returns 422 naming %s = %j (%s)', (path, value, code) => {
    expect(codes(errorsOf(change({ [path]: value })))).toEqual([
      `${path.replace(/\.(\d+)/g, '[$1]')}:${code}`,
    ]);
  });

  it('accepts quarter hours (2 h 15) and normalises the passport number', () => {
    expect(errorsOf(change({ 'activites.horaires.lundi': 2.25 }))).toEqual([]);
    expect(errorsOf(change({ 'jeune.numeroPasseport': 'at4829157' }))).toEqual([]);
  });

  it('refuses a third parent and an unknown field', () => {
    const famille = sample.famille as { parents: unknown[] };
    const three = [...famille.parents, famille.parents[0]];
    expect(codes(errorsOf(change({ 'famille.parents': three })))).toEqual([
      'famille.parents:TOO_BIG',
    ]);
    expect(codes(errorsOf(change({ 'logement.jardin': true })))).toEqual([
      'logement.jardin:UNKNOWN_FIELD',
    ]);
  });

  it('returns 422 naming the field and the character the font cannot print', () => {
    const errors = errorsOf(change({ 'jeune.prenom': 'Valentina 王' }));
    expect(codes(errors)).toEqual(['jeune.prenom:UNSUPPORTED_CHARACTER']);
    expect(errors[0]?.message_fr).toContain('U+738B');
  });
});
