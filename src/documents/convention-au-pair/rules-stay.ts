import type { RuleCollector } from '../rule-kit.js';
import type { RegimeAuPair } from '../au-pair-regime.js';
import { ageAt, compareIso } from '../../shared/dates.js';
import {
  formatDateFr,
  formatDecimalFr,
  formatEuros,
  formatHours,
  NBSP,
} from '../../shared/french-format.js';
import { JOURS, type ConventionAuPairInput } from './schema.js';
import { lastDayAfterMonths, restDays, weeklyHours, type ConventionTerms } from './terms.js';

/** AP2: from 3 months to 1 year, up to 2 years in all with an extension; dates in order. */
export function checkStay(
  input: ConventionAuPairInput,
  terms: ConventionTerms,
  rules: RuleCollector,
): void {
  const { dateDebut, dateFin, prolongation } = input.accueil;
  if (compareIso(dateFin, dateDebut) < 0) {
    rules.error(
      'accueil.dateFin',
      'DATES_ORDER',
      `La date de fin (${formatDateFr(dateFin)}) précède la date de début (${formatDateFr(dateDebut)}).`,
      `The end date (${dateFin}) is before the start date (${dateDebut}).`,
    );
    return;
  }
  const shortest = lastDayAfterMonths(dateDebut, terms.dureeMinMois);
  if (compareIso(dateFin, shortest) < 0) {
    rules.error(
      'accueil.dateFin',
      'STAY_TOO_SHORT',
      `L'accueil dure au moins ${terms.dureeMinMois} mois : fin au plus tôt le ${formatDateFr(shortest)}.`,
      `The stay lasts at least ${terms.dureeMinMois} months: it ends on ${shortest} at the earliest.`,
    );
  }
  const longest = lastDayAfterMonths(dateDebut, terms.dureeMaxMois);
  if (compareIso(dateFin, longest) > 0) {
    const extension = prolongation
      ? ['', '']
      : [
          ` ; avec une prolongation (accueil.prolongation), jusqu'à ${terms.dureeMaxProlongeeMois} mois`,
          `; with an extension (accueil.prolongation), up to ${terms.dureeMaxProlongeeMois} months`,
        ];
    rules.error(
      'accueil.dateFin',
      'STAY_TOO_LONG',
      `L'accueil dure au plus ${terms.dureeMaxMois} mois : fin au plus tard le ` +
        `${formatDateFr(longest)}${extension[0]}.`,
      `The stay lasts at most ${terms.dureeMaxMois} months: it ends on ${longest} at the ` +
        `latest${extension[1]}.`,
    );
  }
}

/**
 * AP3, AP3', AP5, AP5', AP13: the limits apply to the timetable as captured day by day.
 * The stagiaire's Sunday a month: the timetable is one typical week repeated, so a Sunday with
 * tasks would be worked every week; the Sunday of the typical week must therefore be free.
 */
export function checkTimetable(
  input: ConventionAuPairInput,
  terms: ConventionTerms,
  rules: RuleCollector,
): void {
  const { horaires } = input.activites;
  if (terms.heuresMaxSemaine !== undefined && weeklyHours(horaires) > terms.heuresMaxSemaine) {
    const max = formatHours(terms.heuresMaxSemaine);
    rules.error(
      'activites.horaires',
      'HOURS_PER_WEEK_EXCEEDED',
      `Jeune au pair : ${max} de tâches par semaine au plus ; l'emploi du temps en prévoit ` +
        `${formatHours(weeklyHours(horaires))}.`,
      `Au pair: at most ${terms.heuresMaxSemaine} hours of tasks a week; the timetable has ` +
        `${weeklyHours(horaires)}.`,
    );
  }
  if (terms.heuresMaxJour !== undefined) {
    const maxDay = terms.heuresMaxJour;
    for (const jour of JOURS.filter((day) => horaires[day] > maxDay)) {
      rules.error(
        `activites.horaires.${jour}`,
        'HOURS_PER_DAY_EXCEEDED',
        `Stagiaire aide familial : ${formatHours(maxDay)} de tâches par jour au plus ; ` +
          `${formatHours(horaires[jour])} prévues le ${jour}.`,
        `Stagiaire aide familial: at most ${maxDay} hours of tasks a day; ${horaires[jour]} ` +
          `planned on ${jour}.`,
      );
    }
  }
  if (restDays(horaires).length === 0) {
    rules.error(
      'activites.horaires',
      'NO_REST_DAY',
      'Au moins une journée complète de repos par semaine : un jour sans tâche (0 h).',
      'At least one full rest day a week: a day without tasks (0 h).',
    );
  }
  if (terms.regime === 'stagiaireAideFamilial' && horaires.dimanche > 0) {
    rules.error(
      'activites.horaires.dimanche',
      'SUNDAY_REST_REQUIRED',
      "Le stagiaire a au moins un dimanche de repos par mois : l'emploi du temps type se " +
        'répétant chaque semaine, le dimanche doit être un jour sans tâche (0 h).',
      'The stagiaire has at least one Sunday off a month: the typical week repeats, so its ' +
        'Sunday must have no tasks (0 h).',
    );
  }
}

/** AP6 (au pair minimum, law) and AP6' (stagiaire usual range, a warning: DECISIONS §11). */
export function checkPocketMoney(
  input: ConventionAuPairInput,
  terms: ConventionTerms,
  rules: RuleCollector,
): void {
  const amount = input.argentDePoche.montant;
  const path = 'argentDePoche.montant';
  if (terms.argentDePocheMinimum !== undefined && amount < terms.argentDePocheMinimum) {
    rules.error(
      path,
      'POCKET_MONEY_BELOW_MINIMUM',
      `Jeune au pair : argent de poche d'au moins ${formatEuros(terms.argentDePocheMinimum)} ` +
        `par mois (en vigueur au ${formatDateFr(terms.signature)}).`,
      `Au pair: pocket money of at least ${terms.argentDePocheMinimum / 100} EUR a month ` +
        `(in force on ${terms.signature}).`,
    );
  }
  if (terms.regime !== 'stagiaireAideFamilial') return;
  const usual = terms.argentDePocheUsuel;
  if (!usual) {
    rules.warn(
      path,
      'LEGAL_VALUE_UNAVAILABLE',
      `Minimum garanti inconnu au ${formatDateFr(terms.signature)} : l'argent de poche ` +
        "n'a pas pu être comparé à la fourchette d'usage.",
      `Minimum garanti unknown on ${terms.signature}: pocket money not compared with the usual range.`,
    );
  } else if (amount < usual.min || amount > usual.max) {
    rules.warn(
      path,
      'POCKET_MONEY_OUTSIDE_USUAL_RANGE',
      `Stagiaire aide familial : l'argent de poche est généralement compris entre ` +
        `${formatEuros(usual.min)} et ${formatEuros(usual.max)} par mois (d'après le minimum ` +
        `garanti en vigueur au ${formatDateFr(terms.signature)}).`,
      `Stagiaire aide familial: pocket money is usually between ${usual.min / 100} and ` +
        `${usual.max / 100} EUR a month.`,
    );
  }
}

/** AP8 (room size and window: warnings, DECISIONS §5) and AP9 (children over 3: a warning). */
export function checkHousing(
  input: ConventionAuPairInput,
  terms: ConventionTerms,
  rules: RuleCollector,
): void {
  const { logement } = input;
  if (logement.surfaceChambre < terms.surfaceMinChambre) {
    rules.warn(
      'logement.surfaceChambre',
      'ROOM_SMALLER_THAN_USUAL',
      `Chambre de ${m2(logement.surfaceChambre)} : les préfectures attendent au moins ` +
        `${m2(terms.surfaceMinChambre)}.`,
      `Room of ${logement.surfaceChambre} m²: prefectures expect at least ${terms.surfaceMinChambre} m².`,
    );
  }
  if (!logement.fenetre) {
    rules.warn(
      'logement.fenetre',
      'ROOM_WITHOUT_WINDOW',
      'Les préfectures attendent une chambre avec au moins une fenêtre.',
      'Prefectures expect a room with at least one window.',
    );
  }
  input.famille.enfants.forEach((enfant, index) => {
    if (ageAt(enfant.dateNaissance, input.accueil.dateDebut) >= terms.ageMinEnfant) return;
    rules.warn(
      `famille.enfants[${index}].dateNaissance`,
      'CHILD_UNDER_MIN_AGE',
      `${enfant.prenom} aura moins de ${terms.ageMinEnfant} ans au début de l'accueil : les ` +
        `tâches du jeune au pair concernent les enfants de plus de ${terms.ageMinEnfant} ans.`,
      `${enfant.prenom} is under ${terms.ageMinEnfant} when the stay starts: the au pair's ` +
        `tasks concern children over ${terms.ageMinEnfant}.`,
    );
  });
}

/** AP7 (individual room, board and lodging) and AP12 (the stagiaire's French courses). */
export function checkUndertakings(
  input: ConventionAuPairInput,
  regime: RegimeAuPair,
  rules: RuleCollector,
): void {
  if (!input.logement.chambreIndividuelle) {
    rules.error(
      'logement.chambreIndividuelle',
      'INDIVIDUAL_ROOM_REQUIRED',
      'Le jeune doit disposer d’une chambre individuelle.',
      'The young person must have a room of their own.',
    );
  }
  if (!input.engagements.logeNourri) {
    const [fr, en] = [
      'La famille d’accueil assure le logement et la nourriture',
      'The host family provides board and lodging',
    ];
    if (regime === 'jeuneAuPair') {
      rules.error('engagements.logeNourri', 'BOARD_AND_LODGING_REQUIRED', `${fr}.`, `${en}.`);
    } else {
      rules.warn(
        'engagements.logeNourri',
        'BOARD_AND_LODGING_USUAL',
        `${fr} : c'est l'usage pour le stagiaire aide familial.`,
        `${en}: the usual practice for a stagiaire aide familial.`,
      );
    }
  }
  if (regime === 'stagiaireAideFamilial' && !input.cours) {
    rules.error(
      'cours',
      'FRENCH_COURSES_REQUIRED',
      'Le stagiaire aide familial doit être inscrit à des cours de français pour étrangers : ' +
        'indiquez l’établissement, le cours et les heures par semaine.',
      'The stagiaire aide familial must be enrolled in French courses for foreigners: give the ' +
        'school, the course and the hours a week.',
    );
  }
}

/** 11.5 → "11,5 m²". */
export function m2(surface: number): string {
  return `${formatDecimalFr(String(surface), 0)}${NBSP}m²`;
}
