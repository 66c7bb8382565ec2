import { describe, expect, it } from 'vitest';
import { attestationHebergementSchema } from '../../src/documents/attestation-hebergement/schema.js';
import { plain, wholeHyphenatedWords } from '../../src/documents/print/hyphenated-words.js';
import { toAttestationHebergementView } from '../../src/documents/attestation-hebergement/view-model.js';
import { defaultLegalTable } from '../../src/legal/legal-table.js';
import { loadSample, withChange } from '../helpers/samples.js';

/** The mapping decides the agreements and the wording the letter prints: tested without Chromium. */
const context = { legal: defaultLegalTable(), today: '2026-11-22' };
const view = (body: unknown) =>
  toAttestationHebergementView(attestationHebergementSchema.parse(body), context);
const sample = loadSample('attestation-hebergement');

function withChanges(changes: Record<string, unknown>) {
  let body: unknown = sample;
  for (const [path, value] of Object.entries(changes)) body = withChange(body, path, value);
  return body;
}

describe('attestation d’hébergement view model', () => {
  it('agrees every word with each person’s sex', () => {
    const { hebergeant, heberge } = view(sample);
    expect([hebergeant.civilite, hebergeant.soussigne, hebergeant.ne, hebergeant.informe]).toEqual([
      'Madame',
      'soussignée',
      'née',
      'informée',
    ]);
    expect([heberge.civilite, heberge.ne]).toEqual(['Monsieur', 'né']);
    const swapped = view(withChanges({ 'hebergeant.sexe': 'M', 'heberge.sexe': 'F' }));
    expect([
      swapped.hebergeant.civilite,
      swapped.hebergeant.soussigne,
      swapped.hebergeant.ne,
      swapped.hebergeant.informe,
    ]).toEqual(['Monsieur', 'soussigné', 'né', 'informé']);
    expect([swapped.heberge.civilite, swapped.heberge.ne]).toEqual(['Madame', 'née']);
    expect(plain(swapped.usage)).toBe('de la demande de passeport de l’intéressée');
  });

  it('writes names the letter way: first name, NAME IN USE, and "née BIRTH NAME"', () => {
    const { hebergeant } = view(sample);
    expect([hebergeant.prenom, hebergeant.nom, hebergeant.nomNaissance].map(plain)).toEqual([
      'Françoise',
      'LEFÈBVRE-CHÂTEAU',
      '',
    ]);
    const married = view(withChanges({ 'hebergeant.nomUsage': 'Dubois' })).hebergeant;
    expect([married.nom, married.nomNaissance].map(plain)).toEqual(['DUBOIS', 'LEFÈBVRE-CHÂTEAU']);
  });

  it('names the country of birth only outside France', () => {
    const { hebergeant, heberge } = view(sample);
    expect([hebergeant.communeNaissance, hebergeant.paysNaissance].map(plain)).toEqual([
      'Saint-Étienne',
      '',
    ]);
    expect([heberge.communeNaissance, heberge.paysNaissance].map(plain)).toEqual([
      'Abidjan',
      'Côte d’Ivoire',
    ]);
  });

  it('prints the sender block in La Poste order, the town in capitals', () => {
    expect(view(sample).expediteur.map(plain)).toEqual([
      'Françoise LEFÈBVRE-CHÂTEAU',
      '27 rue Anatole-France',
      'Bâtiment B, 2e étage',
      '69100 VILLEURBANNE',
    ]);
    expect(plain(view(sample).hebergeant.adresse)).toBe(
      '27 rue Anatole-France, Bâtiment B, 2e étage, 69100 Villeurbanne',
    );
  });

  it('says "plus de trois mois" past three months, "trois mois" on the day, nothing before', () => {
    // The sample's letter is dated 20/11/2026.
    const duree = (depuis: string, date = '2026-11-20') => {
      const { hebergement } = view(
        withChanges({ 'hebergement.depuis': depuis, 'signature.date': date }),
      );
      return [hebergement.plusDeTroisMois, hebergement.troisMoisExactement];
    };
    expect(view(sample).hebergement).toMatchObject({
      plusDeTroisMois: true,
      troisMoisExactement: false,
      dureeMinimale: 'trois mois',
    });
    expect(duree('2026-08-21')).toEqual([false, false]); // 3 months minus a day
    expect(duree('2026-08-20')).toEqual([false, true]); // exactly 3 months
    expect(duree('2026-08-19')).toEqual([true, false]); // 3 months and a day
    // 30 November: the 3 months end on the last day of February, 28th or 29th.
    expect(duree('2025-11-30', '2026-02-27')).toEqual([false, false]);
    expect(duree('2025-11-30', '2026-02-28')).toEqual([false, true]);
    expect(duree('2025-11-30', '2026-03-01')).toEqual([true, false]);
    expect(duree('2027-11-30', '2028-02-28')).toEqual([false, false]);
    expect(duree('2027-11-30', '2028-02-29')).toEqual([false, true]);
    expect(duree('2027-11-30', '2028-03-01')).toEqual([true, false]);
  });

  it('words each purpose', () => {
    const usage = (body: unknown) => plain(view(body).usage);
    expect(usage(sample)).toBe('de la demande de passeport de l’intéressé');
    expect(usage(withChanges({ motif: { type: 'carteIdentite' } }))).toBe(
      'de la demande de carte nationale d’identité de l’intéressé',
    );
    // The sentence has its own full stop.
    expect(
      usage(
        withChanges({ motif: { type: 'autre', precision: 'ouverture d’un compte bancaire.' } }),
      ),
    ).toBe('de la démarche suivante\u00a0: ouverture d’un compte bancaire');
  });

  it('takes the 441-7 sanctions from the legal table, in words and euros', () => {
    expect(view(sample).sanction).toEqual({
      emprisonnement: 'un\u00a0an',
      amende: '15\u00a0000\u00a0€',
    });
  });

  it('names the proof of address when given', () => {
    expect(view(sample).piecesJointes.map(plain)).toEqual([
      'copie de ma pièce d’identité\u202f;',
      "justificatif de domicile à mon nom, de moins d’un an\u00a0: facture d'électricité du 02/10/2026.",
    ]);
    const without = view(withChanges({ justificatifDomicile: undefined })).piecesJointes;
    expect(without.map(plain)).toEqual([
      'copie de ma pièce d’identité\u202f;',
      'justificatif de domicile à mon nom, de moins d’un an.',
    ]);
  });

  it('dates the letter today when no date is given', () => {
    const { faitA } = view(withChanges({ 'signature.date': undefined }));
    expect([plain(faitA.lieu), faitA.date]).toEqual(['Villeurbanne', '22/11/2026']);
  });

  it('switches to the dense layout only for long texts', () => {
    expect(view(sample).dense).toBe(false);
    const long = 'Wolfgang-Maximilien '.repeat(4).slice(0, 80);
    expect(view(withChanges({ 'hebergeant.prenom': long, 'heberge.prenom': long })).dense).toBe(
      false,
    );
    expect(
      view(
        withChanges({
          'hebergeant.prenom': long,
          'hebergeant.nomUsage': long.slice(0, 60),
          'hebergeant.adresse.voie': long,
          'hebergeant.adresse.complement': long.slice(0, 60),
        }),
      ).dense,
    ).toBe(true);
  });

  it('keeps hyphenated words whole, and only those short enough for a line', () => {
    expect(wholeHyphenatedWords('27 rue Anatole-France, Bâtiment B')).toEqual([
      { texte: '27 rue ', insecable: false },
      { texte: 'Anatole-France,', insecable: true },
      { texte: ' Bâtiment B', insecable: false },
    ]);
    const long = `${'W'.repeat(20)}-${'W'.repeat(20)}`;
    expect(wholeHyphenatedWords(long)).toEqual([{ texte: long, insecable: false }]);
    expect(plain(wholeHyphenatedWords(' deux  espaces '))).toBe(' deux  espaces ');
    expect(wholeHyphenatedWords('')).toEqual([]);
  });
});
