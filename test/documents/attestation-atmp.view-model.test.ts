import { describe, expect, it } from 'vitest';
import { attestationAtmpSchema } from '../../src/documents/attestation-atmp-stage-etranger/schema.js';
import { toAttestationAtmpView } from '../../src/documents/attestation-atmp-stage-etranger/view-model.js';
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
      depuis: '1er janvier 2025',
      tauxHoraire: '4,35\u00a0€',
    });
    expect(view(sample).informations.tauxHoraire).toBe('4,50\u00a0€');
  });
});
