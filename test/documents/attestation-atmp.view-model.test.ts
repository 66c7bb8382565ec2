import { describe, expect, it } from 'vitest';
import { attestationAtmpSchema } from '../../src/documents/attestation-atmp-stage-etranger/schema.js';
import {
  toAttestationAtmpView,
  withOrdinal,
} from '../../src/documents/attestation-atmp-stage-etranger/view-model.js';
import { boldWidthEm } from '../../src/documents/attestation-atmp-stage-etranger/fit.js';
import { defaultLegalTable } from '../../src/legal/legal-table.js';
import { loadSample, withChange } from '../helpers/samples.js';

/** The mapping decides the checkboxes and the printed wording: tested without Chromium. */
const context = { legal: defaultLegalTable(), today: '2026-11-22' };
const view = (body: unknown) => toAttestationAtmpView(attestationAtmpSchema.parse(body), context);
const sample = loadSample('attestation-atmp-stage-etranger');

describe('AT/MP view model', () => {
  it('ticks étudiant and NON for the sample (693 € is not above 154 h × 4,50 €)', () => {
    const { eleve, stage } = view(sample);
    expect([eleve.estEleve, eleve.estEtudiant]).toEqual([false, true]);
    expect([stage.remunereOui, stage.remunereNon]).toEqual([false, true]);
  });

  it('ticks OUI one cent above the gratification', () => {
    const { stage } = view(withChange(sample, 'stage.gratification', { montantMensuel: '693.01' }));
    expect([stage.remunereOui, stage.remunereNon]).toEqual([true, false]);
  });

  it('prints the usage name without mention as "nom d’usage"', () => {
    expect(
      view(
        withChange(
          withChange(sample, 'eleve.nomUsage', 'Martin'),
          'eleve.mentionNomUsage',
          undefined,
        ),
      ).eleve.nom,
    ).toBe('LEFÈVRE nom d’usage MARTIN');
    expect(view(withChange(sample, 'eleve.nomUsage', undefined)).eleve.nom).toBe('LEFÈVRE');
  });

  it('groups the NIR as on a card and names the Canadian province', () => {
    expect(view(sample).eleve.nirGroupes.map((group) => group.join(''))).toEqual([
      '2',
      '95',
      '10',
      '99',
      '126',
      '111',
      '93',
    ]);
    const ontario = withChange(
      withChange(sample, 'stage.pays', 'CA'),
      'stage.provinceCanada',
      'ON',
    );
    expect(view(ontario).stage.pays).toBe('Canada (Ontario)');
  });

  it('takes the INFORMATIONS figure from the table at the attestation date', () => {
    expect(view(withChange(sample, 'signature.date', '2025-12-31')).informations).toMatchObject({
      depuis: { jour: '1', ordinal: 'er', moisAnnee: 'janvier 2025' },
      tauxHoraire: '4,35\u00a0€',
    });
    expect(view(sample).informations.tauxHoraire).toBe('4,50\u00a0€');
  });

  it('parts a long date so that the template raises the ordinal of the 1st only', () => {
    expect(withOrdinal('1er janvier 2026')).toEqual({
      jour: '1',
      ordinal: 'er',
      moisAnnee: 'janvier 2026',
    });
    expect(withOrdinal('15 juillet 2026')).toEqual({
      jour: '15',
      ordinal: '',
      moisAnnee: 'juillet 2026',
    });
  });

  // Issue 10: the "Rue" box printed "rue de l'Église, Bâtiment C, 3e étage" under a "Rue" label.
  it('gives the street and the complement boxes of their own, the street as given', () => {
    const { eleve } = view(sample);
    expect(eleve).toMatchObject({
      numero: '12 bis',
      voie: "rue de l'Église",
      complement: 'Bâtiment C, 3e étage',
    });
    expect(view(withChange(sample, 'eleve.adresse.complement', undefined)).eleve.complement).toBe(
      '',
    );
  });

  it('sets the dense type when a value would wrap, capitals measured wider than small letters', () => {
    expect(view(sample).dense).toBe(false);
    const street = 'avenue du Maréchal de Lattre de Tassigny et de la Division';
    expect(view(withChange(sample, 'eleve.adresse.voie', street)).dense).toBe(false);
    // The same 58 characters in capitals do not hold on the line: the count alone let them pass.
    expect(view(withChange(sample, 'eleve.adresse.voie', street.toUpperCase())).dense).toBe(true);
    // The complement's box is wider: 60 capitals of an address hold; 60 W do not.
    const complement = 'RÉSIDENCE DU DOMAINE DE MONTMORENCY, BÂTIMENT WAGRAM, ÉTAGE';
    expect(view(withChange(sample, 'eleve.adresse.complement', complement)).dense).toBe(false);
    expect(view(withChange(sample, 'eleve.adresse.complement', 'W'.repeat(60))).dense).toBe(true);
    expect(view(withChange(sample, 'eleve.adresse.numero', '1234 ter B')).dense).toBe(true);
  });

  it('measures text with the widths of Liberation Sans Bold, accents as their base letter', () => {
    expect(boldWidthEm('W')).toBeCloseTo(0.944);
    expect(boldWidthEm('Ŵ')).toBeCloseTo(0.944);
    expect(boldWidthEm('É é')).toBeCloseTo(0.667 + 0.278 + 0.556);
    expect(boldWidthEm('l’œ')).toBeCloseTo(0.278 + 0.278 + 0.944);
    expect(boldWidthEm('\u4e00')).toBe(1);
  });
});
