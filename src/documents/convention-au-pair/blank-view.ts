import type { DocumentContext } from '../document-definition.js';
import { NO_ADDRESS } from '../print/index.js';
import { JOURS, type ConventionAuPairInput } from './schema.js';
import { conventionTerms } from './terms.js';
import {
  childRows,
  EMPTY_PARENT,
  jourCells,
  justificatifsView,
  TITLE,
  type ConventionAuPairView,
} from './view-model.js';
import { annexeView } from './annex.js';
import { eitherRegimeLegal, legalView, regimeTexts } from './wording.js';

/** What the form holds: 3 address lines, 2 parents, 8 children, 8 tasks (the schema's maxima). */
const CAPACITY = { adresseLignes: 3, parents: 2, enfants: 8, taches: 8 } as const;

/**
 * The empty convention, laid out as a normal render (fillable form, engine acroform): every box
 * empty, every checkbox unticked, every line the schema allows. Without an input its texts fit
 * either regime and quote the legal figures in force today; given one, they are the texts of its
 * regime with the figures in force at its dates, as the html engine prints them.
 */
export function blankConventionAuPairView(
  context: DocumentContext,
  input?: ConventionAuPairInput,
): ConventionAuPairView {
  const terms = input ? conventionTerms(input, context.legal, context.today) : undefined;
  return {
    title: TITLE,
    sautsDePage: true,
    regime: { ...regimeTexts(terms?.regime), caseAuPair: false, caseStagiaire: false },
    jeune: {
      nomNaissance: '',
      nomUsage: '',
      prenom: '',
      feminin: false,
      masculin: false,
      dateNaissance: '',
      age: '',
      communeNaissance: '',
      paysNaissance: '',
      nationalite: '',
      passeport: '',
      adresseLignes: empty(CAPACITY.adresseLignes),
      paysResidence: '',
      telephone: '',
      courriel: '',
      justificatifs: justificatifsView(undefined),
      precisions: '',
    },
    famille: {
      parents: Array.from({ length: CAPACITY.parents }, (_, index) => ({
        ...EMPTY_PARENT,
        numero: index + 1,
      })),
      adresse: NO_ADDRESS,
      telephone: '',
      courriel: '',
      enfants: [],
      lignesEnfants: childRows([], CAPACITY.enfants / 2),
      nombreEnfants: '',
    },
    logement: {
      appartement: false,
      maison: false,
      nombrePieces: '',
      chambreIndividuelle: null,
      surface: '',
      fenetre: null,
      sdbIndividuelle: false,
      sdbPartagee: false,
    },
    activites: {
      taches: empty(CAPACITY.taches),
      jours: JOURS.map((jour) => ({ ...jourCells(jour), heures: '', repos: false })),
      total: '',
      joursRepos: '',
      nombreJoursRepos: '',
      precisionsHoraires: '',
    },
    argentDePoche: { montant: '', jour: '' },
    cours: { etablissement: '', intitule: '', heures: '' },
    accueil: { du: '', au: '', duree: '', prolongation: false },
    rupture: { preavis: '', modalites: '' },
    engagements: { absenceLienParente: false, logeNourri: false },
    // A blank form is signed before the stay, as the form asks.
    signature: { lieu: '', date: '', avantArrivee: true },
    legal: terms ? legalView(terms) : eitherRegimeLegal(context.legal, context.today),
    annexe: annexeView(context.legal, terms?.signature ?? context.today),
  };
}

function empty(count: number): string[] {
  return Array.from({ length: count }, () => '');
}
