import type { DocumentContext } from '../document-definition.js';
import type { LegalKey } from '../../legal/legal-table.js';
import { countryNameFr, nationalityFr } from '../../shared/countries.js';
import {
  formatDateFr,
  formatDateLongFr,
  formatDecimalFr,
  formatEuros,
  formatPercentFr,
} from '../../shared/french-format.js';
import { parseNir } from '../../shared/nir.js';
import { addressBoxes, addressLines, nirComb, printedName, type NirComb } from '../print/index.js';
import { wouldWrap } from './fit.js';
import { hourlyGratificationAt } from './gratification.js';
import { remunereAuDela } from './rules.js';
import { PROVINCES_CANADA, type AttestationAtmpInput } from './schema.js';

export interface AttestationAtmpView {
  title: string;
  /**
   * Set when a value would wrap at the normal size (fit.ts): smaller type so the form keeps to
   * one page (see style.css).
   */
  dense: boolean;
  /** "Dénomination de l'établissement d'enseignement": three lines on the form. */
  etablissementLignes: string[];
  eleve: {
    estEleve: boolean;
    estEtudiant: boolean;
    nom: string;
    prenom: string;
    nationalite: string;
    numero: string;
    /** The street with its type ("rue de l'Église", "avenue Foch"): the box labelled "Voie". */
    voie: string;
    /** "Bâtiment C, 3e étage": a box of its own, so that a long street never pushes it out. */
    complement: string;
    localite: string;
    codePostal: string;
    nir: string;
    /** The NIR's characters grouped as on a card: sexe, année, mois, département, commune, ordre, clé. */
    nirGroupes: NirComb;
  };
  stage: {
    du: string;
    au: string;
    entrepriseLignes: string[];
    pays: string;
    remunereOui: boolean;
    remunereNon: boolean;
  };
  date: string;
  /** The durations and thresholds the form's text states, from the legal table at its date. */
  seuils: {
    dureeMaxMois: string;
    mois: string;
    jours: string;
    heures: string;
    heuresParJour: string;
  };
  /** The INFORMATIONS page's hourly figure, from the legal table (DECISIONS §7). */
  informations: {
    /** "1er janvier 2026", the ordinal apart so that the template can raise it (1<sup>er</sup>). */
    depuis: DateWithOrdinal;
    tauxHoraire: string;
    taux: string;
    plafondHoraire: string;
    facteur: string;
  };
}

/** A long date in parts: "1", "er", "janvier 2026"; no ordinal on other days ("15", "", …). */
export interface DateWithOrdinal {
  jour: string;
  ordinal: string;
  moisAnnee: string;
}

const MENTIONS = { epouse: 'épouse', veuve: 'veuve' } as const;

/** Pure mapping of a valid input to what the form prints, formatted the French way. */
export function toAttestationAtmpView(
  input: AttestationAtmpInput,
  context: DocumentContext,
): AttestationAtmpView {
  const { etablissement, eleve, stage } = input;
  const date = input.signature?.date ?? context.today;
  const paidAbove = remunereAuDela(input, context);
  const nir = parseNir(eleve.nir, { keyRequired: true });
  const etablissementLignes = [
    etablissement.denomination,
    // Two lines on the form: the complement goes on the street's.
    ...addressLines(etablissement.adresse, { complement: 'afterStreet' }),
  ];
  const nom = printedName(eleve, { usage: { mention: usageMention(eleve) }, prenom: 'none' });
  const adresse = addressBoxes(eleve.adresse);
  const entrepriseLignes = [stage.entreprise.denomination, ...stage.entreprise.lignesAdresse];
  return {
    title: 'Attestation de prise en charge du risque accident de travail – maladie professionnelle',
    dense: wouldWrap({
      ligne: [...etablissementLignes, ...entrepriseLignes],
      nom: [nom],
      prenom: [eleve.prenom],
      numero: [adresse.numero],
      voie: [adresse.voie],
      complement: [adresse.complement],
      localite: [adresse.localite],
    }),
    etablissementLignes,
    eleve: {
      estEleve: eleve.statut === 'eleve',
      estEtudiant: eleve.statut === 'etudiant',
      nom,
      prenom: eleve.prenom,
      nationalite:
        nationalityFr(eleve.nationalite) ?? countryNameFr(eleve.nationalite) ?? eleve.nationalite,
      numero: adresse.numero,
      voie: adresse.voie,
      complement: adresse.complement,
      localite: adresse.localite,
      codePostal: adresse.codePostal,
      nir: nir.ok ? nir.formatted : eleve.nir,
      nirGroupes: nirComb(eleve.nir),
    },
    stage: {
      du: formatDateFr(stage.dateDebut),
      au: formatDateFr(stage.dateFin),
      entrepriseLignes,
      pays: countryLabel(stage.pays, stage.provinceCanada),
      remunereOui: paidAbove === true,
      remunereNon: paidAbove === false,
    },
    date: formatDateFr(date),
    seuils: seuilsImprimes(context, date),
    informations: informationsAt(context, date),
  };
}

/**
 * The empty form, laid out as a normal render (fillable form, engine acroform): every box empty,
 * every checkbox unticked, as many lines as the schema allows (establishment: name and two
 * address lines; company: name and up to two address lines). The legal figures of the texts are
 * those in force at `context.today`.
 */
export function blankAttestationAtmpView(
  context: DocumentContext,
  input?: AttestationAtmpInput,
): AttestationAtmpView {
  // The INFORMATIONS page states the figures in force at the attestation's date.
  const date = input?.signature?.date ?? context.today;
  return {
    title: 'Attestation de prise en charge du risque accident de travail – maladie professionnelle',
    dense: false,
    etablissementLignes: ['', '', ''],
    eleve: {
      estEleve: false,
      estEtudiant: false,
      nom: '',
      prenom: '',
      nationalite: '',
      numero: '',
      voie: '',
      complement: '',
      localite: '',
      codePostal: '',
      nir: '',
      nirGroupes: nirComb(undefined),
    },
    stage: {
      du: '',
      au: '',
      entrepriseLignes: ['', '', ''],
      pays: '',
      remunereOui: false,
      remunereNon: false,
    },
    date: '',
    seuils: seuilsImprimes(context, date),
    informations: informationsAt(context, date),
  };
}

/** "LEFÈVRE épouse N'DIAYE": the form's name box says how the usage name came. */
function usageMention(eleve: AttestationAtmpInput['eleve']): string {
  return eleve.mentionNomUsage ? MENTIONS[eleve.mentionNomUsage] : 'nom d’usage';
}

function countryLabel(code: string, province?: keyof typeof PROVINCES_CANADA): string {
  const name = countryNameFr(code) ?? code;
  return province ? `${name} (${PROVINCES_CANADA[province]})` : name;
}

function seuilsImprimes(context: DocumentContext, date: string): AttestationAtmpView['seuils'] {
  const figure = (key: LegalKey) => context.legal.valueAt(key, date).value;
  const jours = figure('seuilGratificationJours');
  const heures = figure('seuilGratificationHeures');
  return {
    dureeMaxMois: figure('dureeMaxStageEtrangerMois'),
    mois: figure('seuilGratificationMois'),
    jours,
    heures,
    heuresParJour: String(Number(heures) / Number(jours)),
  };
}

/** The INFORMATIONS page's hourly gratification, in force at the attestation's date. */
function informationsAt(
  context: DocumentContext,
  date: string,
): AttestationAtmpView['informations'] {
  const gratification = hourlyGratificationAt(context.legal, date);
  return {
    depuis: withOrdinal(formatDateLongFr(gratification.effective)),
    tauxHoraire: formatEuros(gratification.hourly),
    taux: formatPercentFr(gratification.ratePercent),
    plafondHoraire: formatEuros(gratification.ceilingHourly),
    facteur: formatDecimalFr(String(Number(gratification.ratePercent) / 100)),
  };
}

/** "1er janvier 2026" → { jour: "1", ordinal: "er", moisAnnee: "janvier 2026" }. */
export function withOrdinal(longDate: string): DateWithOrdinal {
  const match = /^(\d+)(er)? (.+)$/.exec(longDate);
  if (!match) return { jour: longDate, ordinal: '', moisAnnee: '' };
  return { jour: match[1] as string, ordinal: match[2] ?? '', moisAnnee: match[3] as string };
}
