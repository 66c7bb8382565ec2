import { z } from 'zod';
import {
  adresseFrance,
  dateIso,
  faitALe,
  identite,
  lieuNaissance,
  sexe,
  texte,
} from '../fields.js';

/** What the letter is for (domain-spec §5.3 H10): the two identity papers, or a free "autre". */
export const MOTIFS = ['carteIdentite', 'passeport', 'autre'] as const;
export type Motif = (typeof MOTIFS)[number];

const personne = {
  sexe: sexe.meta({
    title: 'Sexe',
    description:
      'F (féminin) ou M (masculin) : donne « Madame » ou « Monsieur » et les accords ' +
      '(soussigné/soussignée, né/née, informé/informée).',
  }),
  ...identite,
  lieuNaissance,
};

const hebergeant = z
  .strictObject({
    ...personne,
    dateNaissance: dateIso({
      title: 'Date de naissance',
      description: "Date de naissance de l'hébergeant, majeur à la date de l'attestation.",
    }),
    adresse: adresseFrance.meta({
      title: 'Adresse du domicile',
      description:
        "Adresse en France de l'hébergeant, où vit la personne hébergée ; imprimée en tête de " +
        'la lettre et dans le texte.',
    }),
  })
  .meta({
    title: 'Hébergeant',
    description: "La personne qui héberge, signe l'attestation et joint ses justificatifs.",
  });

const heberge = z
  .strictObject({
    ...personne,
    dateNaissance: dateIso({
      title: 'Date de naissance',
      description: 'Date de naissance de la personne hébergée.',
    }),
  })
  .meta({
    title: 'Hébergé',
    description:
      "La personne hébergée au domicile de l'hébergeant (un mineur est admis, avec un avertissement).",
  });

const hebergement = z
  .strictObject({
    depuis: dateIso({
      title: 'Depuis le',
      description:
        "Premier jour de l'hébergement (au plus tard la date de l'attestation). À la date de " +
        'l’attestation, « soit depuis plus de trois mois » est imprimé passé trois mois (depuis ' +
        'le 20/08 : à partir du 21/11), « soit depuis trois mois » le jour où ils sont révolus ' +
        '(le 20/11), rien avant.',
    }),
    maniereStable: z.boolean().meta({
      title: 'De manière stable',
      description:
        'true pour attester un hébergement « de manière stable ». Pour une carte d’identité ou un ' +
        'passeport, il faut un hébergement stable ou de plus de 3 mois (3 mois exactement ne ' +
        'suffisent pas).',
    }),
    titreGratuit: z.boolean().optional().meta({
      title: 'À titre gratuit',
      description: 'true pour préciser que l’hébergement est gratuit (facultatif).',
    }),
  })
  .meta({
    title: 'Hébergement',
    description: "Depuis quand et comment l'hébergé vit au domicile.",
  });

const motif = z
  .strictObject({
    type: z.enum(MOTIFS).meta({
      title: 'Motif',
      description:
        'Démarche pour laquelle la lettre est établie : carteIdentite (demande de carte nationale ' +
        "d'identité), passeport (demande de passeport) ou autre (à préciser).",
    }),
    precision: texte(
      {
        title: 'Précision',
        description:
          'Pour le motif « autre » seulement, la démarche en clair, imprimée après « à l’appui de ' +
          'la démarche suivante : » (par exemple « ouverture d’un compte bancaire »).',
      },
      120,
    ).optional(),
  })
  .meta({ title: 'Motif', description: "L'usage de l'attestation, imprimé dans la lettre." });

const justificatifDomicile = z
  .strictObject({
    nature: texte(
      {
        title: 'Nature',
        description:
          'Nature du justificatif au nom de l’hébergeant (par exemple « facture d’électricité »).',
      },
      60,
    ),
    date: dateIso({
      title: 'Date du justificatif',
      description: "Date du justificatif : moins d'un an à la date de l'attestation.",
    }),
  })
  .meta({
    title: 'Justificatif de domicile',
    description:
      "Le justificatif de domicile de moins d'un an joint à la lettre (facultatif) : s'il est " +
      'donné, il est nommé dans les pièces jointes et son âge est vérifié.',
  });

const signature = faitALe({
  lieu: 'Commune où la lettre est signée.',
  date: 'Date de la lettre',
  bloc: {
    title: 'Fait à … le …',
    description: 'Lieu et date de signature ; la signature manuscrite se fait sur le papier.',
  },
});

export const attestationHebergementSchema = z
  .strictObject({
    hebergeant,
    heberge,
    hebergement,
    motif,
    justificatifDomicile: justificatifDomicile.optional(),
    signature,
  })
  .meta({
    title: 'Attestation d’hébergement (sur papier libre)',
    description:
      "Lettre sur l'honneur par laquelle l'hébergeant certifie héberger une personne à son " +
      "domicile, notamment pour une demande de carte nationale d'identité ou de passeport. Ce " +
      "n'est pas l'« attestation d'accueil » (Cerfa 10798) d'un visiteur étranger : ce formulaire " +
      'sécurisé est rempli et signé en mairie, et Paperasse ne le génère pas.',
  });

export type AttestationHebergementInput = z.infer<typeof attestationHebergementSchema>;
