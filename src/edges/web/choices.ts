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
  AB: 'Alberta',
  BC: 'Colombie-Britannique',
  MB: 'Manitoba',
  NB: 'Nouveau-Brunswick',
  NL: 'Terre-Neuve-et-Labrador',
  NS: 'Nouvelle-Écosse',
  NT: 'Territoires du Nord-Ouest',
  NU: 'Nunavut',
  ON: 'Ontario',
  PE: 'Île-du-Prince-Édouard',
  QC: 'Québec',
  SK: 'Saskatchewan',
  YT: 'Yukon',
};

export function choiceLabel(value: string): string {
  return Object.hasOwn(CHOICE_LABELS, value) ? (CHOICE_LABELS[value] as string) : value;
}
