import type { FormReading } from '../read/form-reading.js';
import { JOURS } from './schema.js';

/**
 * The convention's form read back. Every box is named after its input path but for the figures
 * the service works out (ages, totals, the duration, the days off in words), and the "repos"
 * boxes: a day ticked off with no hours written reads as 0 h that day.
 */
export const conventionAuPairReading: FormReading = {
  computed: [
    'jeune.age',
    'famille.nombreEnfants',
    'famille.enfants[].age',
    'activites.totalSemaine',
    'activites.nombreJoursRepos',
    'activites.joursRepos',
    'accueil.duree',
  ],
  boxes: Object.fromEntries(
    JOURS.map((jour) => [
      `activites.repos.${jour}`,
      (ticked) =>
        ticked === true ? [{ path: `activites.horaires.${jour}`, value: 0, fallback: true }] : [],
    ]),
  ),
};
