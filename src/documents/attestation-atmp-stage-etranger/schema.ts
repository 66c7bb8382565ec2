import { z } from 'zod';
import { PROVINCES_CANADA } from '../../shared/provinces-canada.js';

export { PROVINCES_CANADA };
import {
  adresseFrance,
  bilingual,
  dateIso,
  identite,
  montant,
  nir,
  pays,
  texte,
} from '../fields.js';

const etablissement = z
  .strictObject({
    denomination: texte(
      { title: 'Dénomination', description: "Nom de l'établissement d'enseignement." },
      100,
    ),
    adresse: adresseFrance,
  })
  .meta({
    title: "Établissement d'enseignement",
    description: "L'établissement qui établit l'attestation (sa CPAM décide).",
  });

const eleve = z
  .strictObject({
    statut: z.enum(['eleve', 'etudiant']).meta({
      title: 'Renseignements concernant',
      description: 'Case cochée : « l’élève » (eleve) ou « l’étudiant » (etudiant).',
    }),
    ...identite,
    mentionNomUsage: z.enum(['epouse', 'veuve']).optional().meta({
      title: 'Mention du nom d’usage',
      description:
        '« épouse » ou « veuve », imprimée devant le nom d’usage comme le demande le formulaire.',
    }),
    nationalite: pays({ title: 'Nationalité', description: 'Pays de nationalité.' }),
    adresse: adresseFrance,
    nir: nir({ keyRequired: true }),
  })
  .meta({ title: 'Élève ou étudiant', description: 'La personne qui part en stage.' });

const entreprise = z
  .strictObject({
    denomination: texte(
      { title: 'Dénomination', description: "Nom de l'entreprise d'accueil." },
      100,
    ),
    lignesAdresse: z
      .array(
        texte({ title: "Ligne d'adresse", description: "Une ligne d'adresse à l'étranger." }, 80),
      )
      .min(1)
      .max(2)
      .meta({
        title: 'Adresse',
        description: "Adresse de l'entreprise à l'étranger, 1 ou 2 lignes, sans le pays.",
      }),
  })
  .meta({
    title: "Entreprise d'accueil",
    description: "L'entreprise à l'étranger qui accueille le stagiaire.",
  });

const gratification = z
  .strictObject({
    montantMensuel: montant({
      title: 'Gratification mensuelle',
      description:
        'Montant mensuel prévu par la convention de stage (0 si aucun), converti en euros.',
    }),
    heuresPresenceMensuelles: z
      .number()
      .positive()
      .max(310)
      .refine(
        // 151.67 h (35 h a week), not 5e-324: the hours are multiplied in decimal, exactly.
        (value) => /^\d+(\.\d{1,2})?$/.test(String(value)),
        bilingual(
          'HOURS_FORMAT',
          "Nombre d'heures invalide : 2 décimales au plus (par exemple 151.67).",
          'Invalid number of hours: at most 2 decimals (e.g. 151.67).',
        ),
      )
      .optional()
      .meta({
        title: 'Heures de présence par mois',
        description:
          'Heures de présence effective par mois ; par défaut 2 mois de présence = 308 h, soit 154 h par mois.',
      }),
  })
  .meta({
    title: 'Gratification',
    description: 'Permet de calculer la réponse à « rémunéré au-delà de la gratification ».',
  });

const presence = z
  .strictObject({
    jours: z.number().int().min(0).max(366).optional().meta({
      title: 'Jours de présence',
      description: "Jours de présence effective prévus sur l'année d'enseignement (7 h par jour).",
    }),
    heures: z.number().min(0).max(3000).optional().meta({
      title: 'Heures de présence',
      description: "Heures de présence effective prévues sur l'année d'enseignement.",
    }),
  })
  .meta({
    title: 'Présence',
    description: 'Sert au seuil de gratification obligatoire (44 jours / 308 h).',
  });

const stage = z
  .strictObject({
    dateDebut: dateIso({ title: 'Du', description: 'Premier jour du stage.' }),
    dateFin: dateIso({ title: 'Au', description: 'Dernier jour du stage (12 mois au plus).' }),
    dateSignatureConvention: dateIso({
      title: 'Signature de la convention',
      description: 'Date de signature de la convention de stage ; par défaut la date de début.',
    }).optional(),
    entreprise,
    pays: pays({ title: 'Pays', description: 'Pays du stage (hors France).' }),
    provinceCanada: z
      .enum(Object.keys(PROVINCES_CANADA) as [keyof typeof PROVINCES_CANADA])
      .optional()
      .meta({
        title: 'Province canadienne',
        description: 'Obligatoire si le pays est le Canada : QC pour le Québec.',
      }),
    gratification: gratification.optional(),
    remunereAuDelaGratification: z.boolean().optional().meta({
      title: 'Rémunéré au-delà de la gratification',
      description:
        'Réponse OUI (true) / NON (false) ; calculée à partir de « gratification » si elle est donnée.',
    }),
    presence: presence.optional(),
  })
  .meta({ title: "Stage à l'étranger", description: 'Durée, entreprise, pays et rémunération.' });

export const attestationAtmpSchema = z
  .strictObject({
    etablissement,
    eleve,
    stage,
    // The form has "Date" beside the stamp and no "Fait à": the same block as the other
    // documents' signature, with its date only.
    signature: z
      .strictObject({
        date: dateIso({
          title: 'Date',
          description: "Date de l'attestation ; par défaut le jour même (heure de Paris).",
        }).optional(),
      })
      .optional()
      .meta({
        title: 'Signature',
        description: "Date portée à côté du cachet de l'établissement.",
      }),
  })
  .meta({
    title: 'Attestation de prise en charge du risque AT/MP — stage à l’étranger',
    description: "Données de l'attestation établie par l'établissement d'enseignement.",
  });

export type AttestationAtmpInput = z.infer<typeof attestationAtmpSchema>;
