import { describe, expect, it } from 'vitest';
import { conventionAuPairSchema } from '../../src/documents/convention-au-pair/schema.js';
import { stayLength } from '../../src/documents/convention-au-pair/terms.js';
import { toConventionAuPairView } from '../../src/documents/convention-au-pair/view-model.js';
import { defaultLegalTable } from '../../src/legal/legal-table.js';
import { loadSample, withChange } from '../helpers/samples.js';

/** The mapping decides the checkboxes and the computed wording: tested without Chromium. */
const context = { legal: defaultLegalTable(), today: '2026-11-22' };
const view = (body: unknown) => toConventionAuPairView(conventionAuPairSchema.parse(body), context);
const sample = loadSample('convention-au-pair');
const NBSP = '\u00a0';

describe('convention au pair view model', () => {
  it('ticks the regime the nationality gives', () => {
    expect(view(sample).regime).toMatchObject({ estAuPair: true, estStagiaire: false });
    const german = view(withChange(sample, 'jeune.nationalite', 'DE')).regime;
    expect(german).toMatchObject({
      estAuPair: false,
      estStagiaire: true,
      libelle: 'Stagiaire aide familial étranger',
      personne: 'le stagiaire aide familial',
    });
  });

  it('says the convention was established before the departure only when signed by the arrival', () => {
    const start = (sample as { accueil: { dateDebut: string } }).accueil.dateDebut;
    expect(view(withChange(sample, 'signature.date', start)).signature.avantArrivee).toBe(true);
    const late = withChange(sample, 'signature.date', '2027-01-06');
    expect(start < '2027-01-06').toBe(true);
    expect(view(late).signature.avantArrivee).toBe(false);
  });

  it('prints the legal figures of the table: weekly or daily limit, minimum pocket money', () => {
    expect(view(sample).legal).toEqual({
      dureeMin: '3 mois',
      dureeMaxInitiale: '12 mois',
      dureeMaxProlongee: '24 mois',
      limiteHeures: `25${NBSP}h par semaine`,
      argentDePocheMinimum: `320,00${NBSP}€`,
      delaiDeclaration: '8 jours',
    });
    const stagiaire = view(withChange(sample, 'jeune.nationalite', 'DE')).legal;
    expect(stagiaire.limiteHeures).toBe(`5${NBSP}h par jour`);
    expect(stagiaire.argentDePocheMinimum).toBe('');
  });

  it('computes the week: hours per day, total, rest days', () => {
    const { activites } = view(withChange(sample, 'activites.horaires.vendredi', 3.75));
    const h = (text: string) => text.replaceAll(' ', NBSP);
    expect(activites.jours.map((jour) => jour.heures)).toEqual(
      ['5 h', '5 h', '6 h', '5 h', '3 h 45', '0 h', '0 h'].map(h),
    );
    expect(activites.total).toBe(`24${NBSP}h${NBSP}45`);
    expect(activites.jours.map((jour) => jour.repos)).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
      true,
    ]);
    expect(activites.joursRepos).toBe('samedi et dimanche');
    expect(activites.nombreJoursRepos).toBe('2 jours');
  });

  it("prints each child's age at the start of the stay", () => {
    expect(view(sample).famille.enfants).toEqual([
      { prenom: 'Mathéo', dateNaissance: '21/06/2019', age: '7 ans' },
      { prenom: 'Léonie', dateNaissance: '09/03/2022', age: '4 ans' },
    ]);
    const baby = withChange(sample, 'famille.enfants.1.dateNaissance', '2026-05-01');
    expect(view(baby).famille.enfants[1]?.age).toBe('moins d’un an');
  });

  it('keeps a blank second parent column for a one-parent family', () => {
    const famille = sample.famille as { parents: unknown[] };
    const { parents } = view(withChange(sample, 'famille.parents', [famille.parents[0]])).famille;
    expect(parents).toHaveLength(2);
    expect(parents[1]).toEqual({
      nomNaissance: '',
      nomUsage: '',
      prenom: '',
      nationalite: '',
      profession: '',
      numero: 2,
    });
  });

  it('prints nationalities as adjectives and names in capitals', () => {
    const { jeune, famille } = view(sample);
    expect(jeune.nomNaissance).toBe('GÓMEZ PEÑA');
    expect(jeune.nationalite).toBe('colombienne');
    expect(famille.parents.map((parent) => parent.nationalite)).toEqual(['française', 'belge']);
    expect(jeune.justificatifs.map((item) => item.coche)).toEqual([true, false, false]);
  });

  it('states the length of the stay in months and days', () => {
    expect(view(sample).accueil.duree).toBe('9 mois et 28 jours');
    expect(stayLength('2027-01-04', '2028-01-03')).toEqual({ mois: 12, jours: 0 });
    // The same month arithmetic as the 3-month rule: from 31/01, 3 months end on 29/04.
    expect(stayLength('2027-01-31', '2027-04-29')).toEqual({ mois: 3, jours: 0 });
    expect(stayLength('2027-01-04', '2027-01-04')).toEqual({ mois: 0, jours: 1 });
  });

  it('says when pocket money is paid, and what happens in short months', () => {
    expect(view(sample).argentDePoche).toEqual({
      montant: `350,00${NBSP}€`,
      jour: 'le 5 de chaque mois',
    });
    const first = withChange(sample, 'argentDePoche', { montant: 320, jourVersement: 1 });
    expect(view(first).argentDePoche).toEqual({
      montant: `320,00${NBSP}€`,
      jour: 'le 1er de chaque mois',
    });
    const last = withChange(sample, 'argentDePoche.jourVersement', 31);
    expect(view(last).argentDePoche.jour).toBe(
      'le 31 de chaque mois (ou le dernier jour du mois s’il est plus court)',
    );
  });

  it('ticks the housing boxes and formats the surface (its unit is printed after the box)', () => {
    expect(view(sample).logement).toEqual({
      appartement: true,
      maison: false,
      nombrePieces: '5',
      chambreIndividuelle: true,
      surface: '11,5',
      fenetre: true,
      sdbIndividuelle: false,
      sdbPartagee: true,
    });
  });

  it('prints "sans préavis" for a notice of 0 days, and today for an undated convention', () => {
    const body = withChange(
      withChange(sample, 'rupture.preavisJours', 0),
      'signature.date',
      undefined,
    );
    expect(view(body).rupture.preavis).toBe('sans préavis');
    expect(view(body).signature.date).toBe('22/11/2026');
  });
});
