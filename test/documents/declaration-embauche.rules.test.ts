import { describe, expect, it } from 'vitest';
import { declarationEmbaucheEmploiFamilial as definition } from '../../src/documents/declaration-embauche-emploi-familial/index.js';
import type { DeclarationEmbaucheView } from '../../src/documents/declaration-embauche-emploi-familial/view-model.js';
import { codes, ruleHarness } from '../helpers/rules.js';
import { loadSample, withChange } from '../helpers/samples.js';

/** The rules of domain-spec §4.2 (EF1–EF4) and DECISIONS, through the API's validation (no Chromium). */
const ID = 'declaration-embauche-emploi-familial';
const { validate, errorsOf, warningsOf } = ruleHarness(ID, { now: '2026-03-05T10:00:00Z' });
const sample = loadSample(ID);

/** Valid NIRs (key computed): born in Peru (99 246) in August 2003, woman; Germany (99 109), man. */
const NIR_PEROU_F_2003_08 = '2 03 08 99 246 017 93';
const NIR_ALLEMAGNE_M_2005_02 = '1 05 02 99 109 123 73';

function changed(changes: Record<string, unknown>, body: unknown = sample) {
  let result = body;
  for (const [path, value] of Object.entries(changes)) result = withChange(result, path, value);
  return result;
}

/** What the form prints for a body that passed validation. */
function viewOf(body: unknown): DeclarationEmbaucheView {
  const { input, context } = validate(body);
  return definition.toViewModel(input, context) as DeclarationEmbaucheView;
}

/** A German stagiaire (EU regime), to vary the regime and ages. */
const stagiaire = changed({
  'salarie.nationalite': 'DE',
  'salarie.lieuNaissance': { commune: 'Fribourg-en-Brisgau', pays: 'DE' },
  'salarie.sexe': 'M',
  'salarie.dateNaissance': '2005-02-11',
});

describe('the sample', () => {
  it('validates without error or warning', () => {
    expect(errorsOf(sample)).toEqual([]);
    expect(warningsOf(sample)).toEqual([]);
  });
});

describe('EF1: declaration within 8 days of the arrival', () => {
  // Arrival on 02/03/2026: the 8th day after it is 10/03/2026.
  it('accepts a declaration dated 8 days after the arrival without warning', () => {
    expect(warningsOf(changed({ 'signature.date': '2026-03-10' }))).toEqual([]);
  });

  it('warns on the 9th day, naming signature.date and the last day', () => {
    const warnings = warningsOf(changed({ 'signature.date': '2026-03-11' }));
    expect(codes(warnings)).toEqual(['signature.date:DECLARATION_LATE']);
    expect(warnings[0]?.message_fr).toContain('8 jours');
    expect(warnings[0]?.message_fr).toContain('10/03/2026');
    expect(warnings[0]?.message_en).toContain('2026-03-10');
  });

  it('accepts a declaration dated before the arrival', () => {
    expect(warningsOf(changed({ 'signature.date': '2026-02-20' }))).toEqual([]);
  });

  it('dates an undated declaration today (Paris) and checks the deadline against it', () => {
    const undated = changed({ 'signature.date': undefined, 'emploi.dateDebut': '2026-02-24' });
    // Today is 05/03/2026: 9 days after 24/02/2026.
    expect(codes(warningsOf(undated))).toEqual(['signature.date:DECLARATION_LATE']);
    expect(viewOf(undated).signature.date).toBe('05/03/2026');
    expect(
      warningsOf(changed({ 'signature.date': undefined, 'emploi.dateDebut': '2026-02-25' })),
    ).toEqual([]);
  });
});

describe('EF2: the NIR, optional for the employee', () => {
  it('accepts a valid NIR with its key, without warning, and drops the registration block', () => {
    const withNir = changed({ 'salarie.nir': NIR_PEROU_F_2003_08 });
    expect(errorsOf(withNir)).toEqual([]);
    expect(warningsOf(withNir)).toEqual([]);
    expect(viewOf(withNir).immatriculation).toBeNull();
    expect(viewOf(sample).immatriculation).toMatchObject({ titreSejour: true });
  });

  it('returns 422 naming salarie.nir when the key is wrong', () => {
    const errors = errorsOf(changed({ 'salarie.nir': '2 03 08 99 246 017 94' }));
    expect(codes(errors)).toEqual(['salarie.nir:NIR_KEY']);
    expect(errors[0]?.message_fr).toContain('93');
  });

  it('requires the key: 13 characters are refused (decision: the key guards against typos)', () => {
    expect(codes(errorsOf(changed({ 'salarie.nir': '2030899246017' })))).toEqual([
      'salarie.nir:NIR_KEY_MISSING',
    ]);
  });

  it('refuses a temporary number (NNP) and explains it', () => {
    const errors = errorsOf(changed({ 'salarie.nir': '703089924601793' }));
    expect(codes(errors)).toEqual(['salarie.nir:NIR_TEMPORARY']);
  });

  it('returns 422 naming employeur.nir when the employer’s key is wrong', () => {
    expect(codes(errorsOf(changed({ 'employeur.nir': '2 82 04 44 109 034 88' })))).toEqual([
      'employeur.nir:NIR_KEY',
    ]);
  });

  it('accepts a sample without employer NIR', () => {
    expect(errorsOf(changed({ 'employeur.nir': undefined }))).toEqual([]);
  });

  it('warns when the NIR sex digit contradicts the declared sex', () => {
    const body = changed({ 'salarie.nir': NIR_PEROU_F_2003_08, 'salarie.sexe': 'M' });
    expect(codes(warningsOf(body))).toEqual(['salarie.nir:NIR_SEX_MISMATCH']);
  });

  it('warns when the NIR year or month contradicts the date of birth', () => {
    const month = changed({
      'salarie.nir': '2 04 08 99 246 017 44',
      'salarie.dateNaissance': '2003-08-19',
    });
    expect(codes(warningsOf(month))).toEqual(['salarie.nir:NIR_BIRTH_DATE_MISMATCH']);
    const year = changed({
      'salarie.nir': NIR_PEROU_F_2003_08,
      'salarie.dateNaissance': '2003-09-19',
    });
    expect(codes(warningsOf(year))).toEqual(['salarie.nir:NIR_BIRTH_DATE_MISMATCH']);
  });

  it('warns when the NIR says born in France but the place of birth is abroad', () => {
    // 44 109: Nantes.
    expect(codes(warningsOf(changed({ 'salarie.nir': '2 03 08 44 109 017 62' })))).toEqual([
      'salarie.nir:NIR_BIRTHPLACE_MISMATCH',
    ]);
  });
});

describe('EF4: regime and ages as for the convention', () => {
  it('derives the regime from the nationality when it is not given', () => {
    expect(viewOf(sample).emploi).toMatchObject({ jeuneAuPair: true, stagiaire: false });
    const view = viewOf(changed({ 'salarie.nir': NIR_ALLEMAGNE_M_2005_02 }, stagiaire));
    expect(view.emploi).toMatchObject({ jeuneAuPair: false, stagiaire: true });
    expect(view.immatriculation).toBeNull();
    expect(viewOf(stagiaire).immatriculation).toMatchObject({ titreSejour: false });
  });

  it('accepts a stated regime that matches the nationality', () => {
    expect(errorsOf(changed({ 'emploi.regime': 'jeuneAuPair' }))).toEqual([]);
    expect(errorsOf(changed({ 'emploi.regime': 'stagiaireAideFamilial' }, stagiaire))).toEqual([]);
  });

  it('returns 422 naming emploi.regime when it contradicts the nationality', () => {
    expect(codes(errorsOf(changed({ 'emploi.regime': 'stagiaireAideFamilial' })))).toEqual([
      'emploi.regime:REGIME_NATIONALITY',
    ]);
    expect(codes(errorsOf(changed({ 'emploi.regime': 'jeuneAuPair' }, stagiaire)))).toEqual([
      'emploi.regime:REGIME_NATIONALITY',
    ]);
  });

  // Arrival on 02/03/2026.
  it('accepts an au pair who turns 18 on the arrival day, refuses one a day younger', () => {
    expect(errorsOf(changed({ 'salarie.dateNaissance': '2008-03-02' }))).toEqual([]);
    const errors = errorsOf(changed({ 'salarie.dateNaissance': '2008-03-03' }));
    expect(codes(errors)).toEqual(['salarie.dateNaissance:AGE_OUT_OF_RANGE']);
    expect(errors[0]?.message_fr).toContain('18 à 30 ans');
  });

  it('accepts a stagiaire of 17 on the arrival day, refuses one a day younger', () => {
    expect(errorsOf(changed({ 'salarie.dateNaissance': '2009-03-02' }, stagiaire))).toEqual([]);
    expect(codes(errorsOf(changed({ 'salarie.dateNaissance': '2009-03-03' }, stagiaire)))).toEqual([
      'salarie.dateNaissance:AGE_OUT_OF_RANGE',
    ]);
  });

  it('accepts 30 years and 364 days on the arrival day, refuses the 31st birthday', () => {
    const noEnd = { 'emploi.dateFinPrevue': undefined };
    expect(errorsOf(changed({ ...noEnd, 'salarie.dateNaissance': '1995-03-03' }))).toEqual([]);
    expect(codes(errorsOf(changed({ ...noEnd, 'salarie.dateNaissance': '1995-03-02' })))).toEqual([
      'salarie.dateNaissance:AGE_OUT_OF_RANGE',
    ]);
  });

  it('warns when the young person turns 31 before the planned end', () => {
    const body = changed({ 'salarie.dateNaissance': '1995-06-10' });
    const warnings = warningsOf(body);
    expect(codes(warnings)).toEqual(['salarie.dateNaissance:AGE_LIMIT_DURING_STAY']);
    expect(warnings[0]?.message_fr).toContain('10/06/2026');
    expect(warningsOf(changed({ 'emploi.dateFinPrevue': undefined }, body))).toEqual([]);
  });

  it('returns 422 naming emploi.dateFinPrevue when it precedes the arrival', () => {
    expect(codes(errorsOf(changed({ 'emploi.dateFinPrevue': '2026-03-01' })))).toEqual([
      'emploi.dateFinPrevue:DATES_ORDER',
    ]);
    expect(errorsOf(changed({ 'emploi.dateFinPrevue': '2026-03-02' }))).toEqual([]);
  });
});

describe('DECISIONS §9: Mayotte and territories without an Urssaf', () => {
  it('returns 422 naming the family’s postal code in Mayotte, and says why', () => {
    const errors = errorsOf(
      changed({
        'employeur.adresse': {
          voie: 'rue du Commerce',
          codePostal: '97600',
          localite: 'Mamoudzou',
        },
      }),
    );
    expect(codes(errors)).toEqual(['employeur.adresse.codePostal:MAYOTTE_OUT_OF_SCOPE']);
    expect(errors[0]?.message_fr).toMatch(/Mayotte a son propre SMIC/);
    expect(errors[0]?.message_en).toMatch(/own SMIC/);
  });

  it('returns 422 naming the employee’s own address in Mayotte', () => {
    const body = changed({
      'salarie.adresse': { voie: 'route nationale', codePostal: '97610', localite: 'Dzaoudzi' },
    });
    expect(codes(errorsOf(body))).toEqual(['salarie.adresse.codePostal:MAYOTTE_OUT_OF_SCOPE']);
  });

  it('accepts La Réunion, whose SMIC is the national one', () => {
    const body = changed({
      'employeur.adresse': { voie: 'rue de Paris', codePostal: '97400', localite: 'Saint-Denis' },
    });
    expect(errorsOf(body)).toEqual([]);
  });

  it('returns 422 for Monaco and the Pacific collectivities (98xxx)', () => {
    for (const codePostal of ['98000', '98800']) {
      const body = changed({
        'employeur.adresse': { voie: 'boulevard Albert-Ier', codePostal, localite: 'Ailleurs' },
      });
      expect(codes(errorsOf(body))).toEqual([
        'employeur.adresse.codePostal:OUTSIDE_URSSAF_TERRITORY',
      ]);
    }
  });
});

describe('the employee’s address', () => {
  it('warns when the employee does not live at the family’s', () => {
    const body = changed({
      'salarie.adresse': { voie: 'rue de Strasbourg', codePostal: '44000', localite: 'Nantes' },
    });
    expect(codes(warningsOf(body))).toEqual(['salarie.adresse:ADDRESS_NOT_FAMILY']);
  });

  it('does not warn for the family’s address written with other case and spacing', () => {
    const body = changed({
      'salarie.adresse': {
        numero: '14 BIS',
        voie: 'Rue des  Hauts-Pavés',
        complement: 'Chambre sur cour',
        codePostal: '44000',
        localite: 'NANTES',
      },
    });
    expect(warningsOf(body)).toEqual([]);
    expect(viewOf(body).salarie.adresseFamille).toBe(false);
  });
});

describe('legal figures by date', () => {
  it('returns 422 naming emploi.dateDebut when no SMIC is known for its quarter', () => {
    const errors = errorsOf(
      changed({ 'emploi.dateDebut': '2021-12-31', 'emploi.dateFinPrevue': '2022-06-30' }),
    );
    expect(codes(errors)).toEqual(['emploi.dateDebut:LEGAL_VALUE_UNAVAILABLE']);
    expect(errors[0]?.message_fr).toContain('01/10/2021');
    expect(errors[0]?.message_fr).toContain('smicHoraire');
  });

  it('accepts the first quarter of the table', () => {
    const body = changed({
      'emploi.dateDebut': '2022-01-01',
      'emploi.dateFinPrevue': undefined,
      'salarie.dateNaissance': '2001-01-01',
      'signature.date': '2022-01-05',
    });
    expect(errorsOf(body)).toEqual([]);
    expect(viewOf(body).assiette.montant).toBe('591,92\u00a0€');
  });

  it('warns that the third-quarter 2026 SMIC (12,31 €) has a single source', () => {
    const q3 = changed({
      'emploi.dateDebut': '2026-07-01',
      'emploi.dateFinPrevue': undefined,
      'signature.date': '2026-07-03',
    });
    const warnings = warningsOf(q3);
    expect(codes(warnings)).toEqual(['emploi.dateDebut:LEGAL_VALUE_UNCONFIRMED']);
    expect(warnings[0]?.message_fr).toContain('12,31');
    const q2 = changed({ 'emploi.dateDebut': '2026-06-30', 'signature.date': '2026-07-03' });
    expect(warningsOf(q2)).toEqual([]);
  });
});

describe('the base printed at quarter boundaries, for each period', () => {
  const at = (dateDebut: string, periodeAssiette: string) =>
    viewOf(
      changed({
        'emploi.dateDebut': dateDebut,
        'emploi.dateFinPrevue': undefined,
        'emploi.periodeAssiette': periodeAssiette,
        'signature.date': dateDebut,
      }),
    ).assiette;

  it.each([
    ['2026-06-30', 'mois', '56', '12,02', '01/04/2026', '673,12', 'mensuelle'],
    ['2026-07-01', 'mois', '56', '12,31', '01/07/2026', '689,36', 'mensuelle'],
    ['2024-12-15', 'mois', '56', '11,65', '01/10/2024', '652,40', 'mensuelle'],
    ['2024-12-15', 'semaine', '13', '11,65', '01/10/2024', '151,45', 'hebdomadaire'],
    ['2024-12-15', 'trimestre', '169', '11,65', '01/10/2024', '1\u00a0968,85', 'trimestrielle'],
    ['2026-07-01', 'semaine', '13', '12,31', '01/07/2026', '160,03', 'hebdomadaire'],
    ['2026-07-01', 'trimestre', '169', '12,31', '01/07/2026', '2\u00a0080,39', 'trimestrielle'],
    ['2026-03-31', 'trimestre', '169', '12,02', '01/01/2026', '2\u00a0031,38', 'trimestrielle'],
  ])(
    'arrival %s, %s: %s × %s € (SMIC of %s) = %s €',
    (date, periode, facteur, smic, dateSmic, montant, adjectif) => {
      expect(at(date, periode)).toMatchObject({
        facteur,
        smicHoraire: `${smic}\u00a0€`,
        dateSmic,
        montant: `${montant}\u00a0€`,
        adjectif,
      });
    },
  );

  it('ticks exactly the chosen period', () => {
    expect(at('2026-03-02', 'semaine').options.map((option) => option.coche)).toEqual([
      true,
      false,
      false,
    ]);
    expect(at('2026-03-02', 'trimestre').options.map((option) => option.facteur)).toEqual([
      '13',
      '56',
      '169',
    ]);
  });
});

describe('fields the schema checks', () => {
  it.each([
    ['employeur.telephone', '12', 'PHONE_FORMAT'],
    ['employeur.telephone', '02 40 AB 34 56', 'PHONE_FORMAT'],
    ['employeur.courriel', 'anne-sophie.exemple.fr', 'EMAIL_FORMAT'],
    ['employeur.numeroUrssaf', '52-7', 'URSSAF_NUMBER_FORMAT'],
    ['emploi.periodeAssiette', 'annee', 'INVALID_VALUE'],
    ['emploi.regime', 'salarieAuPair', 'INVALID_VALUE'],
    ['salarie.sexe', 'X', 'INVALID_VALUE'],
    ['salarie.nationalite', 'ZZ', 'COUNTRY_CODE'],
    ['employeur.adresse.codePostal', '4400', 'POSTAL_CODE'],
    ['emploi.dateDebut', '2026-02-30', 'DATE_FORMAT'],
    // Found by test/contract/properties.test.ts: 9999-12-24 + 8 days was a RangeError (a 500).
    ['emploi.dateDebut', '9999-12-24', 'DATE_RANGE'],
    ['emploi.dateDebut', '1899-12-31', 'DATE_RANGE'],
    ['salarie.dateNaissance', '3000-01-01', 'DATE_RANGE'],
  ])('returns 422 naming %s = %j (%s)', (path, value, code) => {
    expect(codes(errorsOf(changed({ [path]: value })))).toEqual([`${path}:${code}`]);
  });

  it('accepts an international phone number', () => {
    expect(errorsOf(changed({ 'employeur.telephone': '+33 6 12 34 56 78' }))).toEqual([]);
  });

  it('refuses an unknown field, naming it', () => {
    expect(codes(errorsOf(changed({ 'salarie.passeport': 'AB123' })))).toEqual([
      'salarie.passeport:UNKNOWN_FIELD',
    ]);
  });

  it('refuses a character the embedded font cannot print, naming the field', () => {
    const errors = errorsOf(changed({ 'salarie.prenom': 'Ximena 王' }));
    expect(codes(errors)).toEqual(['salarie.prenom:UNSUPPORTED_CHARACTER']);
  });
});
