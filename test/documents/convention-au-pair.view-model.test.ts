import { describe, expect, it } from 'vitest';
import { VICTIM_SUPPORT } from '../../src/documents/convention-au-pair/annex.js';
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

describe('the annex (CESEDA L426-22): penalties from the legal table, contacts from their file', () => {
  const h = (text: string) => text.replaceAll(' ', NBSP);
  const ans = (count: number, kind: string) => `${count}${NBSP}ans ${kind}`;
  const EMPRISONNEMENT = 'd’emprisonnement';
  const RECLUSION = 'de réclusion criminelle';

  it('gives every offence the annex names its longest sentence and highest fine', () => {
    const { peines } = view(sample).annexe;
    expect(peines).toEqual({
      traite: { peine: ans(7, EMPRISONNEMENT), amende: h('150 000 €') },
      traiteMineur: { peine: ans(10, EMPRISONNEMENT), amende: h('1 500 000 €') },
      traiteAggravee: { peine: ans(10, EMPRISONNEMENT), amende: h('1 500 000 €') },
      traiteMineurAggravee: { peine: ans(15, RECLUSION), amende: h('1 500 000 €') },
      traiteBandeOrganisee: { peine: ans(20, RECLUSION), amende: h('3 000 000 €') },
      traiteTortures: { peine: 'réclusion criminelle à perpétuité', amende: h('4 500 000 €') },
      reductionEsclavage: { peine: ans(20, RECLUSION) },
      exploitationEsclavage: { peine: ans(20, RECLUSION) },
      esclavageAggrave: { peine: ans(30, RECLUSION) },
      servicesNonRetribues: { peine: ans(5, EMPRISONNEMENT), amende: h('150 000 €') },
      conditionsIndignes: { peine: ans(7, EMPRISONNEMENT), amende: h('200 000 €') },
      travailForce: { peine: ans(7, EMPRISONNEMENT), amende: h('200 000 €') },
      servitude: { peine: ans(10, EMPRISONNEMENT), amende: h('300 000 €') },
      servicesNonRetribuesAggraves: { peine: ans(7, EMPRISONNEMENT), amende: h('200 000 €') },
      conditionsIndignesAggravees: { peine: ans(10, EMPRISONNEMENT), amende: h('300 000 €') },
      travailForceAggrave: { peine: ans(10, EMPRISONNEMENT), amende: h('300 000 €') },
      servitudeAggravee: { peine: ans(15, RECLUSION), amende: h('400 000 €') },
    });
    expect(view(sample).annexe.amendePersonneMorale).toBe('cinq fois');
  });

  it('quotes the penalties in force at the convention’s date (225-14 was raised on 11/04/2024)', () => {
    const stagiaire = withChange(
      withChange(sample, 'jeune.nationalite', 'DE'),
      'jeune.qualification',
      undefined,
    );
    const before = view(withChange(stagiaire, 'signature.date', '2024-04-10')).annexe.peines;
    expect(before.conditionsIndignes).toEqual({
      peine: ans(5, EMPRISONNEMENT),
      amende: h('150 000 €'),
    });
    expect(before.conditionsIndignesAggravees.peine).toBe(ans(7, EMPRISONNEMENT));
    const after = view(withChange(stagiaire, 'signature.date', '2024-04-11')).annexe.peines;
    expect(after.conditionsIndignes).toEqual({
      peine: ans(7, EMPRISONNEMENT),
      amende: h('200 000 €'),
    });
    expect(after.conditionsIndignesAggravees.amende).toBe(h('300 000 €'));
  });

  it('lists the emergency numbers and the associations of victim-support.json, in order', () => {
    const { urgences, associations } = view(sample).annexe;
    expect(urgences.map((contact) => contact.numero)).toEqual(['17', '112', '114']);
    expect(associations.map((contact) => [contact.numero, contact.nom, contact.site])).toEqual([
      ['116 006', 'France Victimes', ''],
      ['0 825 009 907', 'Dispositif national Ac.Sé', 'www.acse-alc.org'],
      ['01 44 52 88 90', 'Comité contre l’esclavage moderne (CCEM)', 'www.esclavagemoderne.org'],
    ]);
    expect(VICTIM_SUPPORT.checkedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const contact of [...VICTIM_SUPPORT.urgences, ...VICTIM_SUPPORT.associations]) {
      expect(contact.sources.length, contact.numero).toBeGreaterThan(0);
    }
  });
});
