import { defineDocument } from '../document-definition.js';
import { attestationHebergementRules } from './rules.js';
import { attestationHebergementSchema } from './schema.js';
import { toAttestationHebergementView } from './view-model.js';

export const attestationHebergement = defineDocument({
  id: 'attestation-hebergement',
  title: 'Attestation d’hébergement (lettre sur papier libre)',
  reference: {
    label: 'Lettre sur papier libre (pas de formulaire Cerfa)',
    source:
      'Modèle service-public.fr « Attestation d’hébergement » (R39697) ; pièces demandées pour ' +
      'une carte d’identité ou un passeport (F14807) ; mention de l’article 441-7 du Code pénal',
  },
  engines: ['html'],
  schema: attestationHebergementSchema,
  rules: attestationHebergementRules,
  toViewModel: toAttestationHebergementView,
  uploads: {
    images: [
      {
        name: 'signature',
        label_fr: 'Signature de l’hébergeant',
        label_en: "The host's signature",
      },
    ],
    // The letter lists them under "Pièces jointes".
    attachments: [
      {
        name: 'pieceIdentite',
        label_fr: 'Copie de la pièce d’identité de l’hébergeant',
        label_en: "Copy of the host's identity document",
      },
      {
        name: 'justificatifDomicile',
        label_fr: 'Justificatif de domicile de l’hébergeant',
        label_en: "The host's proof of address",
      },
    ],
  },
  metadata: (input) => ({
    title:
      `Attestation d’hébergement — ${input.heberge.prenom} ${input.heberge.nomNaissance}, ` +
      `hébergé${input.heberge.sexe === 'F' ? 'e' : ''} par ` +
      `${input.hebergeant.prenom} ${input.hebergeant.nomUsage ?? input.hebergeant.nomNaissance}`,
    subject: 'Attestation sur l’honneur d’hébergement à domicile',
    keywords: ['attestation', 'hébergement', 'justificatif de domicile', 'papier libre'],
  }),
  fileName: (input) =>
    `attestation-hebergement-${input.heberge.nomNaissance}-${input.heberge.prenom}`,
});
