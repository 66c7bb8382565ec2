import { PROVINCES_CANADA } from '../../shared/provinces-canada.js';

/**
 * How the pages name the options of the schemas' choices (their enum values are the API's
 * words), in the words of the document itself: its printed box or line (templates/<id>/), else
 * its schema's description. One table for every document: a value means the same thing wherever
 * it appears. test/web/choices.test.ts fails on an enum value without a label here, and on a
 * label that says something else than the document's box.
 */
const CHOICE_LABELS: Readonly<Record<string, string>> = {
  // AT/MP attestation: "Renseignements concernant ☐ l’élève ☐ l’étudiant".
  eleve: 'l’élève',
  etudiant: 'l’étudiant',
  epouse: 'épouse',
  veuve: 'veuve',
  // The forms print F / M; the schemas say "F (féminin) ou M (masculin)".
  F: 'Féminin',
  M: 'Masculin',
  // The regime, chosen by nationality, as the convention and the hiring declaration say it.
  jeuneAuPair: 'Jeune au pair (autres nationalités)',
  stagiaireAideFamilial: 'Stagiaire aide familial étranger (UE, EEE, Suisse)',
  // The convention's "Connaissance de base de la langue française, ou niveau d’études" boxes.
  francais: 'Connaissance de base de la langue française',
  secondaire: 'Niveau d’instruction secondaire',
  professionnel: 'Qualifications professionnelles',
  appartement: 'Appartement',
  maison: 'Maison',
  individuelle: 'Individuelle',
  partagee: 'Partagée',
  // The hiring declaration's flat base: "Semaine (13 × SMIC)", "Mois (56 × SMIC)"…
  semaine: 'Semaine',
  mois: 'Mois',
  trimestre: 'Trimestre',
  // What the attestation d’hébergement is for: "à l’appui de la demande de passeport de …".
  carteIdentite: 'Demande de carte nationale d’identité',
  passeport: 'Demande de passeport',
  autre: 'Autre démarche (à préciser)',
  // The Canadian provinces of the AT/MP attestation (Québec has its own protocol).
  ...PROVINCES_CANADA,
};

/** Whether the pages have a French label for this option (else they show the value itself). */
export function hasChoiceLabel(value: string): boolean {
  return Object.hasOwn(CHOICE_LABELS, value);
}

/** The option's French label, or the value itself. */
export function choiceLabel(value: string): string {
  return Object.hasOwn(CHOICE_LABELS, value) ? (CHOICE_LABELS[value] as string) : value;
}
