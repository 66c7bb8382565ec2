import { z } from 'zod';
import {
  adresseFrance,
  bilingual,
  chaine,
  courriel,
  dateIso,
  etatCivil,
  identite,
  pays,
  telephone,
  texte,
} from '../fields.js';

/** The two parties of the convention, the young person and the host family (domain-spec §3.2). */

/** How the young person proves the level CESEDA L426-22 asks of a jeune au pair. */
export const JUSTIFICATIFS = {
  francais: 'Connaissance de base de la langue française',
  secondaire: 'Niveau d’instruction secondaire',
  professionnel: 'Qualifications professionnelles',
} as const;

const qualification = z
  .strictObject({
    justificatif: z.enum(Object.keys(JUSTIFICATIFS) as [keyof typeof JUSTIFICATIFS]).meta({
      title: 'Justificatif',
      description:
        'Case cochée : connaissance de base du français (francais), niveau d’instruction ' +
        'secondaire (secondaire) ou qualifications professionnelles (professionnel).',
    }),
    precisions: texte(
      {
        title: 'Précisions',
        description: 'Diplôme, certificat ou niveau (par exemple « DELF B1 obtenu en 2026 »).',
      },
      160,
    ),
  })
  .meta({
    title: "Connaissance du français ou niveau d'études",
    description:
      'Obligatoire pour le jeune au pair (CESEDA L426-22) ; facultatif pour le stagiaire.',
  });

const adressePaysResidence = z
  .strictObject({
    lignesAdresse: z
      .array(
        texte({ title: "Ligne d'adresse", description: "Une ligne d'adresse à l'étranger." }, 80),
      )
      .min(1)
      .max(3)
      .meta({
        title: 'Adresse',
        description: 'Adresse dans le pays de résidence, 1 à 3 lignes, sans le pays.',
      }),
    pays: pays({ title: 'Pays', description: 'Pays de résidence.' }),
  })
  .meta({
    title: 'Adresse dans le pays de résidence',
    description: 'Adresse du jeune avant son départ (la convention est signée avant).',
  });

export const jeune = z
  .strictObject({
    ...etatCivil,
    nationalite: pays({
      title: 'Nationalité',
      description: 'Pays de nationalité ; il détermine le régime (UE, EEE, Suisse : stagiaire).',
    }),
    numeroPasseport: chaine()
      .trim()
      .toUpperCase()
      .refine(
        (value) => /^[A-Z0-9]{5,20}$/.test(value),
        bilingual(
          'PASSPORT_FORMAT',
          'Numéro de passeport invalide : 5 à 20 lettres ou chiffres, sans espace.',
          'Invalid passport number: 5 to 20 letters or digits, no space.',
        ),
      )
      .meta({ title: 'N° de passeport', description: 'Numéro du passeport en cours de validité.' }),
    adressePaysResidence,
    telephone: telephone({ title: 'Téléphone', description: 'Téléphone du jeune.' }),
    courriel: courriel({ title: 'Courriel', description: 'Adresse électronique du jeune.' }),
    qualification: qualification.optional(),
  })
  .meta({
    title: 'Le jeune au pair',
    description: 'La personne accueillie : jeune au pair ou stagiaire aide familial étranger.',
  });

const parent = z
  .strictObject({
    ...identite,
    nationalite: pays({
      title: 'Nationalité',
      description: 'Nationalité du parent ; celle du jeune au pair doit en différer.',
    }),
    profession: texte({ title: 'Profession', description: 'Profession exercée.' }, 60),
  })
  .meta({ title: 'Parent', description: 'Un parent de la famille d’accueil.' });

const enfant = z
  .strictObject({
    prenom: texte({ title: 'Prénom', description: "Prénom de l'enfant." }, 40),
    dateNaissance: dateIso({
      title: 'Date de naissance',
      description: "Date de naissance de l'enfant ; son âge au début de l'accueil est imprimé.",
    }),
  })
  .meta({ title: 'Enfant', description: 'Un enfant du foyer.' });

export const famille = z
  .strictObject({
    parents: z.array(parent).min(1).max(2).meta({
      title: 'Parents',
      description: 'Le ou les deux parents de la famille d’accueil.',
    }),
    adresse: adresseFrance.meta({
      title: 'Adresse du foyer',
      description: 'Adresse en France où le jeune est logé.',
    }),
    telephone: telephone({ title: 'Téléphone', description: 'Téléphone de la famille.' }),
    courriel: courriel({ title: 'Courriel', description: 'Adresse électronique de la famille.' }),
    enfants: z.array(enfant).max(8).meta({
      title: 'Enfants',
      description: 'Composition de la famille : les enfants du foyer (tableau vide si aucun).',
    }),
  })
  .meta({ title: "La famille d'accueil", description: 'Les parents, le foyer et les enfants.' });
