import { z } from 'zod';
import { REGIMES_AU_PAIR } from '../au-pair-regime.js';
import {
  bilingual,
  dateIso,
  type Described,
  faitALe,
  montant,
  texte,
  texteMultiligne,
} from '../fields.js';
import { famille, jeune } from './schema-parties.js';

export { JUSTIFICATIFS } from './schema-parties.js';

/**
 * The public contract of the au pair convention (Cerfa n° 15973*01, arrêté du 4 mars 2019):
 * the sections of domain-spec §3.2, French camelCase keys shared with the other documents
 * (DECISIONS §14). Legal limits (ages, hours, amounts, durations) are rules, not schema bounds:
 * they change with the date, and the schema only refuses what is meaningless.
 */

/** Days of the timetable, Monday first, as French forms list them. */
export const JOURS = [
  'lundi',
  'mardi',
  'mercredi',
  'jeudi',
  'vendredi',
  'samedi',
  'dimanche',
] as const;
export type Jour = (typeof JOURS)[number];

/** Hours in quarter hours: 2.5 is "2 h 30", 0.75 is "0 h 45". */
function heures({ title, description }: Described, max: number) {
  return z
    .number()
    .min(0)
    .max(max)
    .refine(
      (value) => Number.isInteger(value * 4),
      bilingual(
        'HOURS_FORMAT',
        "Nombre d'heures invalide : un nombre d'heures par quarts d'heure (2.5 pour 2 h 30).",
        'Invalid number of hours: hours in quarter hours (2.5 for 2 h 30).',
      ),
    )
    .meta({ title, description: `${description} En heures décimales (2.5 = 2 h 30).` });
}

const logement = z
  .strictObject({
    type: z.enum(['appartement', 'maison']).meta({
      title: 'Type de logement',
      description: 'Case cochée : appartement ou maison.',
    }),
    nombrePieces: z.number().int().min(1).max(30).meta({
      title: 'Nombre de pièces',
      description: 'Nombre de pièces principales du logement.',
    }),
    chambreIndividuelle: z.boolean().meta({
      title: 'Chambre individuelle',
      description: 'Le jeune dispose d’une chambre pour lui seul (obligatoire : true).',
    }),
    surfaceChambre: z
      .number()
      .positive()
      .max(100)
      .refine(
        (value) => /^\d+(\.\d)?$/.test(String(value)),
        bilingual(
          'SURFACE_FORMAT',
          'Surface invalide : en m², une décimale au plus (par exemple 11.5).',
          'Invalid surface: in m², at most one decimal (e.g. 11.5).',
        ),
      )
      .meta({ title: 'Surface de la chambre', description: 'Surface de la chambre, en m².' }),
    fenetre: z.boolean().meta({
      title: 'Fenêtre',
      description: 'La chambre a au moins une fenêtre.',
    }),
    salleDeBain: z.enum(['individuelle', 'partagee']).meta({
      title: 'Salle de bain',
      description: 'Case cochée : individuelle ou partagée (partagee).',
    }),
  })
  .meta({ title: 'Logement', description: 'Le logement de la famille et la chambre du jeune.' });

const horaires = z
  .strictObject(
    Object.fromEntries(
      JOURS.map((jour) => [
        jour,
        heures(
          {
            title: jour.charAt(0).toUpperCase() + jour.slice(1),
            description: `Heures de tâches prévues le ${jour} (0 pour un jour de repos).`,
          },
          24,
        ),
      ]),
    ) as Record<Jour, ReturnType<typeof heures>>,
  )
  .meta({
    title: 'Horaires',
    description:
      "Heures de tâches de chaque jour d'une semaine type ; un jour à 0 h est un jour de repos complet.",
  });

const activites = z
  .strictObject({
    taches: z
      .array(texte({ title: 'Tâche', description: 'Une tâche confiée au jeune.' }, 160))
      .min(1)
      .max(8)
      .meta({
        title: 'Tâches',
        description: 'Tâches liées à la vie quotidienne de la famille, une par ligne (1 à 8).',
      }),
    horaires,
    precisionsHoraires: texteMultiligne(
      {
        title: 'Précisions sur les horaires',
        description: 'Plages horaires de la semaine type (par exemple « 7 h 45 – 8 h 45 »).',
      },
      300,
    ).optional(),
  })
  .meta({
    title: 'Organisation des activités et des tâches',
    description: 'Tâches, emploi du temps hebdomadaire et jours de repos.',
  });

const argentDePoche = z
  .strictObject({
    montant: montant({
      title: "Montant mensuel de l'argent de poche",
      description: 'Somme versée chaque mois au jeune, en plus du logement et de la nourriture.',
    }),
    jourVersement: z.number().int().min(1).max(31).meta({
      title: 'Jour de versement',
      description: 'Jour du mois où l’argent de poche est versé (1 à 31).',
    }),
  })
  .meta({ title: 'Argent de poche', description: 'Montant mensuel et jour de versement.' });

const cours = z
  .strictObject({
    etablissement: texte(
      { title: 'Établissement', description: "Nom de l'établissement d'enseignement." },
      100,
    ),
    intitule: texte(
      { title: 'Enseignement suivi', description: 'Intitulé et niveau du cours suivi.' },
      120,
    ),
    heuresParSemaine: heures(
      { title: 'Heures par semaine', description: 'Heures de cours par semaine.' },
      40,
    ),
  })
  .meta({
    title: 'Enseignement suivi',
    description: 'Cours suivis ; obligatoire pour le stagiaire (cours de français pour étrangers).',
  });

const accueil = z
  .strictObject({
    dateDebut: dateIso({
      title: 'Date de début',
      description: "Premier jour de l'accueil (arrivée dans la famille).",
    }),
    dateFin: dateIso({ title: 'Date de fin', description: "Dernier jour de l'accueil." }),
    prolongation: z.boolean().meta({
      title: 'Prolongation',
      description:
        "L'accueil est prolongé au-delà de la durée maximale initiale ; la durée totale reste " +
        'plafonnée (valeurs de la table légale à la date de début).',
    }),
  })
  .meta({ title: 'Durée de la convention', description: "Dates de l'accueil et prolongation." });

const rupture = z
  .strictObject({
    preavisJours: z.number().int().min(0).max(90).meta({
      title: 'Préavis',
      description: 'Préavis, en jours, de la partie qui met fin à la convention avant son terme.',
    }),
    modalites: texteMultiligne(
      {
        title: 'Modalités',
        description: 'Forme de la notification et autres modalités convenues (facultatif).',
      },
      400,
    ).optional(),
  })
  .meta({
    title: 'Modalités de rupture anticipée',
    description: 'Conditions dans lesquelles chaque partie peut mettre fin à la convention.',
  });

const engagements = z
  .strictObject({
    absenceLienParente: z.boolean().meta({
      title: 'Absence de lien de parenté',
      description:
        "Le jeune et la famille attestent n'avoir aucun lien de parenté (obligatoire : true).",
    }),
    logeNourri: z.boolean().meta({
      title: 'Logé et nourri',
      description: 'La famille assure au jeune le logement et la nourriture.',
    }),
  })
  .meta({
    title: 'Attestations des parties',
    description: 'Cases cochées par les deux parties au-dessus des signatures.',
  });

const signature = faitALe({
  lieu: 'Lieu de signature.',
  date: "Date de signature, avant l'arrivée en France",
  bloc: { title: 'Signature', description: 'Lieu et date de signature de la convention.' },
});

export const conventionAuPairSchema = z
  .strictObject({
    regime: z
      .enum(REGIMES_AU_PAIR)
      .optional()
      .meta({
        title: 'Régime',
        description:
          'jeuneAuPair ou stagiaireAideFamilial ; déduit de la nationalité si absent, et doit y ' +
          'correspondre s’il est donné (UE, EEE, Suisse : stagiaire).',
      }),
    jeune,
    famille,
    logement,
    activites,
    argentDePoche,
    cours: cours.optional(),
    accueil,
    rupture,
    engagements,
    signature,
  })
  .meta({
    title: 'Convention conclue entre le jeune au pair et la famille d’accueil',
    description:
      'Données de la convention (modèle Cerfa n° 15973*01, arrêté du 4 mars 2019) : jeune au pair ' +
      'ou stagiaire aide familial étranger.',
  });

export type ConventionAuPairInput = z.infer<typeof conventionAuPairSchema>;
