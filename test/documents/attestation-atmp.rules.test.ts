import { describe, expect, it } from 'vitest';
import { codes, ruleHarness } from '../helpers/rules.js';
import { loadSample, withChange } from '../helpers/samples.js';

/** The rules of domain-spec §2.2–2.3, through the same validation the API runs (no Chromium). */
const ID = 'attestation-atmp-stage-etranger';
const { errorsOf, warningsOf } = ruleHarness(ID);
const sample = loadSample(ID);

function stage(changes: Record<string, unknown>) {
  let body: unknown = sample;
  for (const [path, value] of Object.entries(changes))
    body = withChange(body, `stage.${path}`, value);
  return body;
}

describe('dates and duration (AT1, AT2, AT8)', () => {
  it('accepts the sample without error or warning', () => {
    expect(errorsOf(sample)).toEqual([]);
    expect(warningsOf(sample)).toEqual([]);
  });

  it('returns 422 naming stage.dateFin when it precedes the start', () => {
    expect(codes(errorsOf(stage({ dateDebut: '2027-03-01', dateFin: '2027-02-28' })))).toEqual([
      'stage.dateFin:DATES_ORDER',
    ]);
  });

  it('accepts exactly 12 months and refuses one day more', () => {
    expect(
      errorsOf(stage({ dateDebut: '2027-01-11', dateFin: '2028-01-10', presence: undefined })),
    ).toEqual([]);
    const tooLong = errorsOf(stage({ dateDebut: '2027-01-11', dateFin: '2028-01-11' }));
    expect(codes(tooLong)).toEqual(['stage.dateFin:STAGE_TOO_LONG']);
    expect(tooLong[0]?.message_fr).toContain('10/01/2028');
  });

  it('handles month ends: 31 January + 12 months − 1 day is 30 January', () => {
    expect(errorsOf(stage({ dateDebut: '2027-01-31', dateFin: '2028-01-30' }))).toEqual([]);
    expect(codes(errorsOf(stage({ dateDebut: '2027-01-31', dateFin: '2028-01-31' })))).toEqual([
      'stage.dateFin:STAGE_TOO_LONG',
    ]);
  });

  it('warns when the attestation is dated after the internship starts', () => {
    const late = withChange(sample, 'signature.date', '2027-01-12');
    expect(codes(warningsOf(late))).toEqual(['signature.date:ATTESTATION_AFTER_START']);
  });

  it('defaults the attestation date to today in Paris', () => {
    const undated = withChange(
      stage({ dateDebut: '2026-11-01', dateFin: '2026-12-15', presence: undefined }),
      'signature.date',
      undefined,
    );
    expect(codes(warningsOf(undated))).toContain('signature.date:ATTESTATION_AFTER_START');
  });
});

describe('country (AT3) and Québec (AT4)', () => {
  it.each(['FR', 'RE', 'GP', 'YT'])('refuses %s: France and DROM are not abroad', (pays) => {
    expect(codes(errorsOf(stage({ pays })))).toEqual(['stage.pays:STAGE_IN_FRANCE']);
  });

  it.each(['NC', 'PF'])('accepts %s: Pacific collectivities count as abroad', (pays) => {
    expect(errorsOf(stage({ pays }))).toEqual([]);
  });

  it('warns for Saint-Pierre-et-Miquelon, whose status is uncertain', () => {
    expect(codes(warningsOf(stage({ pays: 'PM' })))).toEqual([
      'stage.pays:COUNTRY_STATUS_UNCERTAIN',
    ]);
  });

  it('requires the province for Canada', () => {
    expect(codes(errorsOf(stage({ pays: 'CA' })))).toEqual(['stage.provinceCanada:REQUIRED']);
  });

  it('refuses an unpaid internship in Québec and points to form SE 401 Q 104', () => {
    const errors = errorsOf(
      stage({
        pays: 'CA',
        provinceCanada: 'QC',
        gratification: undefined,
        remunereAuDelaGratification: false,
      }),
    );
    expect(codes(errors)).toEqual(['stage.provinceCanada:QUEBEC_USE_SE401Q104']);
    expect(errors[0]?.message_fr).toContain('SE 401 Q 104');
    expect(errors[0]?.message_en).toContain('SE 401 Q 104');
  });

  it('refuses Québec under 610 € a month and accepts it at 610 €', () => {
    const under = stage({
      pays: 'CA',
      provinceCanada: 'QC',
      gratification: { montantMensuel: '609.99' },
    });
    expect(codes(errorsOf(under))).toEqual(['stage.provinceCanada:QUEBEC_USE_SE401Q104']);
    const at = stage({ pays: 'CA', provinceCanada: 'QC', gratification: { montantMensuel: 610 } });
    expect(errorsOf(at)).toEqual([]);
  });

  it('accepts Ontario unpaid', () => {
    expect(
      errorsOf(
        stage({ pays: 'CA', provinceCanada: 'ON', presence: undefined, dateFin: '2027-02-28' }),
      ),
    ).toEqual([]);
  });

  it('refuses a province outside Canada', () => {
    expect(codes(errorsOf(stage({ provinceCanada: 'QC' })))).toEqual([
      'stage.provinceCanada:PROVINCE_WITHOUT_CANADA',
    ]);
  });
});

describe('gratification (C5, AT5, AT9)', () => {
  it('requires the answer when no gratification is given to compute it', () => {
    expect(codes(errorsOf(stage({ gratification: undefined })))).toEqual([
      'stage.remunereAuDelaGratification:REQUIRED',
    ]);
  });

  it('refuses an answer that contradicts the computed one', () => {
    const errors = errorsOf(stage({ remunereAuDelaGratification: true }));
    expect(codes(errors)).toEqual(['stage.remunereAuDelaGratification:GRATIFICATION_MISMATCH']);
    expect(errors[0]?.message_fr).toContain('693,00');
  });

  it('warns that local AT/MP cover is needed when paid above the gratification', () => {
    expect(
      codes(
        warningsOf(
          stage({ gratification: { montantMensuel: '693.01', heuresPresenceMensuelles: 154 } }),
        ),
      ),
    ).toEqual(['stage.remunereAuDelaGratification:LOCAL_ATMP_COVERAGE']);
  });

  it('uses the hourly rate in force when the agreement was signed (4,35 € in 2025, 4,50 € in 2026)', () => {
    // 154 h × 4,35 € = 669,90 €; 154 h × 4,50 € = 693,00 €.
    const paid = { montantMensuel: '680.00', heuresPresenceMensuelles: 154 };
    expect(
      codes(warningsOf(stage({ gratification: paid, dateSignatureConvention: '2025-12-31' }))),
    ).toEqual(['stage.remunereAuDelaGratification:LOCAL_ATMP_COVERAGE']);
    expect(
      codes(warningsOf(stage({ gratification: paid, dateSignatureConvention: '2026-01-01' }))),
    ).toEqual(['stage.gratification.montantMensuel:GRATIFICATION_BELOW_MINIMUM']);
  });

  it('defaults to 154 h a month (308 h over 2 months)', () => {
    expect(codes(warningsOf(stage({ gratification: { montantMensuel: '693.01' } })))).toContain(
      'stage.remunereAuDelaGratification:LOCAL_ATMP_COVERAGE',
    );
    expect(warningsOf(stage({ gratification: { montantMensuel: '693.00' } }))).toEqual([]);
  });

  it('warns that a gratification is compulsory above 308 hours, not at 308', () => {
    const unpaid = { montantMensuel: 0 };
    expect(warningsOf(stage({ gratification: unpaid, presence: { heures: 308 } }))).toEqual([]);
    expect(codes(warningsOf(stage({ gratification: unpaid, presence: { heures: 309 } })))).toEqual([
      'stage.gratification.montantMensuel:GRATIFICATION_REQUIRED',
    ]);
  });

  it('warns above 44 days of presence, not at 44', () => {
    const unpaid = { montantMensuel: 0 };
    expect(warningsOf(stage({ gratification: unpaid, presence: { jours: 44 } }))).toEqual([]);
    expect(codes(warningsOf(stage({ gratification: unpaid, presence: { jours: 45 } })))).toEqual([
      'stage.gratification.montantMensuel:GRATIFICATION_REQUIRED',
    ]);
  });

  it('without presence figures, treats more than 2 calendar months as over the threshold', () => {
    const unpaid = {
      gratification: { montantMensuel: 0 },
      presence: undefined,
      dateDebut: '2027-01-11',
    };
    expect(warningsOf(stage({ ...unpaid, dateFin: '2027-03-10' }))).toEqual([]);
    expect(codes(warningsOf(stage({ ...unpaid, dateFin: '2027-03-11' })))).toEqual([
      'stage.gratification.montantMensuel:GRATIFICATION_REQUIRED',
    ]);
  });

  it('answers 422 when no legal value is known for the signature date', () => {
    expect(codes(errorsOf(stage({ dateSignatureConvention: '2012-01-01' })))).toEqual([
      'stage.dateSignatureConvention:LEGAL_VALUE_UNAVAILABLE',
    ]);
  });

  // Found by test/contract/properties.test.ts: each was a RangeError or LegalValueMissingError,
  // a 500 over HTTP.
  it('answers 422 naming stage.dateDebut when no maximum length is known at the start', () => {
    const errors = errorsOf(stage({ dateDebut: '1970-01-01', dateSignatureConvention: undefined }));
    expect(codes(errors)).toContain('stage.dateDebut:LEGAL_VALUE_UNAVAILABLE');
  });

  it('answers 422 naming signature.date when the form has no thresholds to print at that date', () => {
    const errors = errorsOf(withChange(sample, 'signature.date', '1970-01-01'));
    expect(codes(errors)).toEqual(['signature.date:LEGAL_VALUE_UNAVAILABLE']);
    expect(errors[0]?.message_fr).toContain('01/01/1970');
  });

  it('takes monthly presence hours with 2 decimals at most (5e-324 is not a number of hours)', () => {
    const hours = (value: number) =>
      stage({ gratification: { montantMensuel: 700, heuresPresenceMensuelles: value } });
    expect(errorsOf(hours(151.67))).toEqual([]);
    for (const value of [5e-324, 1e-7, 151.667]) {
      expect(codes(errorsOf(hours(value))), String(value)).toEqual([
        'stage.gratification.heuresPresenceMensuelles:HOURS_FORMAT',
      ]);
    }
  });
});

describe('names', () => {
  it('refuses "épouse" without a usage name', () => {
    expect(codes(errorsOf(withChange(sample, 'eleve.nomUsage', undefined)))).toEqual([
      'eleve.mentionNomUsage:MENTION_WITHOUT_NAME',
    ]);
  });
});

describe('NIR of the student', () => {
  it('returns 422 naming eleve.nir when the key is wrong', () => {
    const errors = errorsOf(withChange(sample, 'eleve.nir', '295109912611194'));
    expect(codes(errors)).toEqual(['eleve.nir:NIR_KEY']);
    expect(errors[0]?.message_fr).toMatch(/clé/i);
  });

  it('accepts a Corsican NIR (2B)', () => {
    expect(errorsOf(withChange(sample, 'eleve.nir', '253072B07300470'))).toEqual([]);
  });

  it('requires the key on this form', () => {
    expect(codes(errorsOf(withChange(sample, 'eleve.nir', '2951099126111')))).toEqual([
      'eleve.nir:NIR_KEY_MISSING',
    ]);
  });
});

describe('characters the embedded font cannot print', () => {
  it('returns 422 naming the field and the character', () => {
    const errors = errorsOf(withChange(sample, 'eleve.prenom', 'Héloïse 王'));
    expect(codes(errors)).toEqual(['eleve.prenom:UNSUPPORTED_CHARACTER']);
    expect(errors[0]?.message_fr).toContain('U+738B');
  });

  it('accepts every French character, œ and the ligatures included', () => {
    const french = 'Œuvre Cœur Ÿvette Àéèêëîïôöùûüÿç Ç « » ’ – — € °';
    expect(errorsOf(withChange(sample, 'etablissement.denomination', french))).toEqual([]);
  });
});
