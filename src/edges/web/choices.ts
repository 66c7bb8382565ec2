import { PROVINCES_CANADA } from '../../shared/provinces-canada.js';

/**
 * How the pages name the options of the schemas' choices (their enum values are the API's
 * words). One table for every document: a value means the same thing wherever it appears.
 * An option missing here is shown as its value.
 */
const CHOICE_LABELS: Readonly<Record<string, string>> = {
  eleve: 'l’élève',
  etudiant: 'l’étudiant(e)',
  epouse: 'épouse',
  veuve: 'veuve',
  F: 'Femme',
  M: 'Homme',
  jeuneAuPair: 'Jeune au pair (hors Union européenne)',
  stagiaireAideFamilial: 'Stagiaire aide familial (Union européenne)',
  francais: 'Connaissance de base du français',
  secondaire: 'Études secondaires',
  professionnel: 'Diplôme ou qualification professionnelle',
  appartement: 'Appartement',
  maison: 'Maison',
  individuelle: 'Individuelle',
  partagee: 'Partagée',
  semaine: 'Semaine',
  mois: 'Mois',
  trimestre: 'Trimestre',
  carteIdentite: 'Carte nationale d’identité',
  passeport: 'Passeport',
  autre: 'Autre démarche',
  // The Canadian provinces of the AT/MP attestation (Québec has its own protocol).
  ...PROVINCES_CANADA,
};

export function choiceLabel(value: string): string {
  return Object.hasOwn(CHOICE_LABELS, value) ? (CHOICE_LABELS[value] as string) : value;
}
