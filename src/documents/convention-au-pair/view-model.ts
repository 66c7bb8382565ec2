import type { DocumentContext } from '../document-definition.js';
import { countryNameFr, nationalityFr } from '../../shared/countries.js';
import { ageAt } from '../../shared/dates.js';
import {
  formatDateFr,
  formatDecimalFr,
  formatEuros,
  formatHours,
} from '../../shared/french-format.js';
import { addressBoxes, capitals } from '../print/index.js';
import { annexeView, type AnnexeView } from './annex.js';
import { JOURS, JUSTIFICATIFS, type ConventionAuPairInput, type Jour } from './schema.js';
import { conventionTerms, restDays, stayLength, weeklyHours } from './terms.js';
import { dayCount, legalView, regimeTexts, type LegalView, type RegimeView } from './wording.js';

type Input = ConventionAuPairInput;

/** What the form prints, formatted the French way; legal figures come from the table. */
export interface ConventionAuPairView {
  title: string;
  /**
   * Pages start at sections 3 and 9 by forced breaks: set on the blank form, whose boxes are
   * measured on a layout where only forced breaks are seen (a section pushed to the next page
   * by break-inside: avoid would be measured where it would have been). A filled render keeps
   * its natural breaks, which long values move.
   */
  sautsDePage: boolean;
  regime: RegimeView;
  jeune: ReturnType<typeof jeuneView>;
  famille: ReturnType<typeof familleView>;
  logement: ReturnType<typeof logementView>;
  activites: ReturnType<typeof activitesView>;
  argentDePoche: { montant: string; jour: string };
  cours: { etablissement: string; intitule: string; heures: string };
  accueil: { du: string; au: string; duree: string; prolongation: boolean };
  rupture: { preavis: string; modalites: string };
  engagements: { absenceLienParente: boolean; logeNourri: boolean };
  /**
   * `avantArrivee`: signed no later than the first day of the stay. The form's "établie avant
   * que … ait quitté son pays d'origine" is printed only then: a convention signed later (a
   * warning, AP10) does not assert what did not happen.
   */
  signature: { lieu: string; date: string; avantArrivee: boolean };
  /** Legal figures in force, printed in the undertakings (never written in the template). */
  legal: LegalView;
  /** The annex's penalties in force at the convention's date, and whom to call. */
  annexe: AnnexeView;
}

export const TITLE = 'Convention conclue entre le jeune au pair et la famille d’accueil';

/** Pure mapping of a valid input (rules passed: every legal value is known) to the form. */
export function toConventionAuPairView(
  input: Input,
  context: DocumentContext,
): ConventionAuPairView {
  const terms = conventionTerms(input, context.legal, context.today);
  const auPair = terms.regime === 'jeuneAuPair';
  return {
    title: TITLE,
    sautsDePage: false,
    regime: { ...regimeTexts(terms.regime), caseAuPair: auPair, caseStagiaire: !auPair },
    jeune: jeuneView(input),
    famille: familleView(input),
    logement: logementView(input),
    activites: activitesView(input),
    argentDePoche: {
      montant: formatEuros(input.argentDePoche.montant),
      jour: paymentDay(input.argentDePoche.jourVersement),
    },
    cours: {
      etablissement: input.cours?.etablissement ?? '',
      intitule: input.cours?.intitule ?? '',
      heures: input.cours ? formatHours(input.cours.heuresParSemaine) : '',
    },
    accueil: accueilView(input),
    rupture: {
      preavis:
        input.rupture.preavisJours === 0 ? 'sans préavis' : dayCount(input.rupture.preavisJours),
      modalites: input.rupture.modalites ?? '',
    },
    engagements: { ...input.engagements },
    signature: {
      lieu: input.signature.lieu,
      date: formatDateFr(terms.signature),
      avantArrivee: terms.signature <= input.accueil.dateDebut,
    },
    legal: legalView(terms),
    annexe: annexeView(context.legal, terms.signature),
  };
}

/** "Durée de la convention": dates and length in months and days. */
function accueilView(input: Input): ConventionAuPairView['accueil'] {
  const { dateDebut, dateFin, prolongation } = input.accueil;
  const length = stayLength(dateDebut, dateFin);
  return {
    du: formatDateFr(dateDebut),
    au: formatDateFr(dateFin),
    duree: [length.mois ? `${length.mois} mois` : '', length.jours ? dayCount(length.jours) : '']
      .filter(Boolean)
      .join(' et '),
    prolongation,
  };
}

/** The French nationality adjective ("colombienne"), or the country's name when there is none. */
function nationality(code: string): string {
  return nationalityFr(code) ?? countryNameFr(code) ?? code;
}

function jeuneView(input: Input) {
  const { jeune } = input;
  const { qualification } = jeune;
  return {
    nomNaissance: capitals(jeune.nomNaissance),
    nomUsage: jeune.nomUsage ? capitals(jeune.nomUsage) : '',
    prenom: jeune.prenom,
    feminin: jeune.sexe === 'F',
    masculin: jeune.sexe === 'M',
    dateNaissance: formatDateFr(jeune.dateNaissance),
    age: years(ageAt(jeune.dateNaissance, input.accueil.dateDebut)),
    communeNaissance: jeune.lieuNaissance.commune,
    paysNaissance: countryNameFr(jeune.lieuNaissance.pays) ?? jeune.lieuNaissance.pays,
    nationalite: nationality(jeune.nationalite),
    passeport: jeune.numeroPasseport,
    adresseLignes: jeune.adressePaysResidence.lignesAdresse,
    paysResidence:
      countryNameFr(jeune.adressePaysResidence.pays) ?? jeune.adressePaysResidence.pays,
    telephone: jeune.telephone,
    courriel: jeune.courriel,
    justificatifs: justificatifsView(qualification?.justificatif),
    precisions: qualification?.precisions ?? '',
  };
}

/** "Connaissance de base de la langue française, ou niveau d'études": one box per proof. */
export function justificatifsView(ticked: keyof typeof JUSTIFICATIFS | undefined) {
  return Object.entries(JUSTIFICATIFS).map(([key, libelle]) => ({
    libelle,
    coche: ticked === key,
    champ: `jeune.qualification.justificatif.${key}`,
  }));
}

export const EMPTY_PARENT = {
  nomNaissance: '',
  nomUsage: '',
  prenom: '',
  nationalite: '',
  profession: '',
};

function familleView(input: Input) {
  const { famille } = input;
  const parents = famille.parents.map((parent) => ({
    nomNaissance: capitals(parent.nomNaissance),
    nomUsage: parent.nomUsage ? capitals(parent.nomUsage) : '',
    prenom: parent.prenom,
    nationalite: nationality(parent.nationalite),
    profession: parent.profession,
  }));
  // A paper form always shows both parent columns; the second stays blank for one parent.
  while (parents.length < 2) parents.push({ ...EMPTY_PARENT });
  const enfants: EnfantView[] = famille.enfants.map((enfant) => ({
    prenom: enfant.prenom,
    dateNaissance: formatDateFr(enfant.dateNaissance),
    age: years(ageAt(enfant.dateNaissance, input.accueil.dateDebut)),
  }));
  return {
    parents: parents.map((parent, index) => ({ ...parent, numero: index + 1 })),
    adresse: addressBoxes(famille.adresse),
    telephone: famille.telephone,
    courriel: famille.courriel,
    enfants,
    lignesEnfants: childRows(enfants, Math.ceil(enfants.length / 2)),
    nombreEnfants: String(famille.enfants.length),
  };
}

export interface EnfantView {
  prenom: string;
  dateNaissance: string;
  age: string;
}

/**
 * The children table holds two children a row (the form's eight in four rows); each cell knows
 * its child's index, which names its fields (famille.enfants[i].prenom…).
 */
export function childRows(enfants: readonly EnfantView[], rows: number) {
  const EMPTY: EnfantView = { prenom: '', dateNaissance: '', age: '' };
  return Array.from({ length: rows }, (_, row) =>
    [2 * row, 2 * row + 1].map((index) => ({ index, ...(enfants[index] ?? EMPTY) })),
  );
}

function logementView(input: Input): LogementView {
  const { logement } = input;
  return {
    appartement: logement.type === 'appartement',
    maison: logement.type === 'maison',
    nombrePieces: String(logement.nombrePieces),
    chambreIndividuelle: logement.chambreIndividuelle,
    surface: formatDecimalFr(String(logement.surfaceChambre), 0),
    fenetre: logement.fenetre,
    sdbIndividuelle: logement.salleDeBain === 'individuelle',
    sdbPartagee: logement.salleDeBain === 'partagee',
  };
}

/** Oui/non boxes take null on a blank form: neither is ticked. */
export interface LogementView {
  appartement: boolean;
  maison: boolean;
  nombrePieces: string;
  chambreIndividuelle: boolean | null;
  /** In m², the unit printed after the box. */
  surface: string;
  fenetre: boolean | null;
  sdbIndividuelle: boolean;
  sdbPartagee: boolean;
}

export const JOUR_LIBELLES = {
  lundi: 'Lundi',
  mardi: 'Mardi',
  mercredi: 'Mercredi',
  jeudi: 'Jeudi',
  vendredi: 'Vendredi',
  samedi: 'Samedi',
  dimanche: 'Dimanche',
} as const;

function activitesView(input: Input) {
  const { horaires } = input.activites;
  const repos = restDays(horaires);
  return {
    taches: input.activites.taches,
    jours: JOURS.map((jour) => ({
      ...jourCells(jour),
      heures: formatHours(horaires[jour]),
      repos: horaires[jour] === 0,
    })),
    total: formatHours(weeklyHours(horaires)),
    joursRepos: listFr(repos),
    nombreJoursRepos: dayCount(repos.length),
    precisionsHoraires: input.activites.precisionsHoraires ?? '',
  };
}

/** A day's column of the timetable: its heading and the names of its two fields. */
export function jourCells(jour: Jour) {
  return {
    libelle: JOUR_LIBELLES[jour],
    champ: `activites.horaires.${jour}`,
    champRepos: `activites.repos.${jour}`,
  };
}

/** "samedi et dimanche", "lundi, mercredi et dimanche". */
function listFr(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

function years(age: number): string {
  if (age < 1) return 'moins d’un an';
  return age === 1 ? '1 an' : `${age} ans`;
}

/** "le 5 de chaque mois"; a day a month may lack is paid on its last day instead. */
function paymentDay(day: number): string {
  const text = `le ${day === 1 ? '1er' : day} de chaque mois`;
  return day > 28 ? `${text} (ou le dernier jour du mois s’il est plus court)` : text;
}
