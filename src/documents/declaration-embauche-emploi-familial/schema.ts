import { z } from 'zod';
import { REGIMES_AU_PAIR } from '../au-pair-regime.js';
import {
  adresseFrance,
  bilingual,
  chaine,
  courriel,
  dateIso,
  etatCivil,
  faitALe,
  identite,
  nir,
  pays,
  telephone,
} from '../fields.js';
import { PERIODES_ASSIETTE } from './assiette.js';

/**
 * Déclaration d'embauche d'un emploi familial (Cerfa n° 11469*03), domain-spec §4.1: the host
 * family declares its stagiaire aide familial or jeune au pair to the Urssaf.
 */

/** Digits, spaces, dots, hyphens, brackets and a leading "+": 9 to 15 digits in all. */
const numeroUrssaf = chaine()
  .trim()
  .toUpperCase()
  .max(25)
  .refine(
    (value) => /^[0-9A-Z][0-9A-Z ]{4,}$/.test(value),
    bilingual(
      'URSSAF_NUMBER_FORMAT',
      'N° employeur Urssaf invalide : 5 à 25 chiffres ou lettres, espaces admis.',
      'Invalid Urssaf employer number: 5 to 25 digits or letters, spaces allowed.',
    ),
  )
  .meta({
    title: 'N° employeur Urssaf',
    description:
      "Numéro d'employeur attribué par l'Urssaf, si la famille est déjà immatriculée ; sans lui, la déclaration vaut aussi demande d'immatriculation de l'employeur.",
  });

const employeur = z
  .strictObject({
    ...identite,
    nir: nir({ keyRequired: true })
      .meta({
        title: "N° de sécurité sociale de l'employeur (NIR)",
        description:
          "NIR de l'employeur (recommandé) : 15 caractères, clé comprise ; espaces acceptés ; 2A/2B pour la Corse.",
      })
      .optional(),
    adresse: adresseFrance.meta({
      title: 'Adresse du domicile',
      description:
        "Adresse de la famille en France ; elle désigne l'Urssaf compétente. Mayotte (976xx) est hors champ.",
    }),
    telephone: telephone({
      title: 'Téléphone',
      description: "Téléphone de l'employeur.",
    }).optional(),
    courriel: courriel({
      title: 'Courriel',
      description: "Adresse électronique de l'employeur.",
    }).optional(),
    numeroUrssaf: numeroUrssaf.optional(),
  })
  .meta({
    title: 'Employeur',
    description: 'La famille d’accueil (particulier employeur) qui déclare.',
  });

const salarie = z
  .strictObject({
    ...etatCivil,
    nationalite: pays({
      title: 'Nationalité',
      description:
        'Pays de nationalité ; il détermine le régime : UE, EEE ou Suisse, stagiaire aide familial ; autres, jeune au pair.',
    }),
    nir: nir({ keyRequired: true })
      .meta({
        title: "N° d'immatriculation à la sécurité sociale (NIR)",
        description:
          "NIR du salarié s'il en a un : 15 caractères, clé comprise ; espaces acceptés. Sans NIR, la déclaration vaut demande d'immatriculation.",
      })
      .optional(),
    adresse: adresseFrance
      .meta({
        title: 'Adresse',
        description:
          "Adresse du salarié, s'il n'est pas domicilié chez la famille ; par défaut, celle de l'employeur.",
      })
      .optional(),
  })
  .meta({
    title: 'Salarié',
    description: 'Le stagiaire aide familial étranger ou le jeune au pair accueilli.',
  });

const emploi = z
  .strictObject({
    regime: z.enum(REGIMES_AU_PAIR).optional().meta({
      title: "Nature de l'emploi",
      description:
        'stagiaireAideFamilial (ressortissant UE, EEE ou Suisse) ou jeuneAuPair (autres nationalités) ; déduite de la nationalité si absente, refusée si elle la contredit.',
    }),
    dateDebut: dateIso({
      title: "Date d'accueil",
      description:
        "Date d'arrivée dans la famille, qui est la date d'embauche ; elle fixe le trimestre civil de l'assiette.",
    }),
    dateFinPrevue: dateIso({
      title: "Fin prévue de l'accueil",
      description: "Dernier jour prévu de l'accueil (facultatif) ; sert au contrôle de l'âge.",
    }).optional(),
    periodeAssiette: z.enum(PERIODES_ASSIETTE).meta({
      title: 'Assiette forfaitaire',
      description:
        'Période de la base forfaitaire de cotisations : semaine, mois ou trimestre ; la base est un multiple du SMIC horaire (arrêté du 22 octobre 1985), calculé et imprimé.',
    }),
  })
  .meta({
    title: 'Emploi',
    description: "Nature de l'emploi, date d'accueil et assiette forfaitaire choisie.",
  });

const signature = faitALe({
  lieu: 'Commune où la déclaration est signée.',
  date: 'Date de la déclaration',
  bloc: { title: 'Signature', description: "Lieu et date de la signature de l'employeur." },
});

export const declarationEmbaucheSchema = z
  .strictObject({ employeur, salarie, emploi, signature })
  .meta({
    title: "Déclaration d'embauche d'un emploi familial (Cerfa n° 11469*03)",
    description:
      "Données de la déclaration d'un stagiaire aide familial étranger ou d'un jeune au pair à l'Urssaf.",
  });

export type DeclarationEmbaucheInput = z.infer<typeof declarationEmbaucheSchema>;
