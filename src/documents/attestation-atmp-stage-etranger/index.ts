import { defineDocument } from '../document-definition.js';
import { attestationAtmpReading } from './reading.js';
import { attestationAtmpRules } from './rules.js';
import { attestationAtmpSchema } from './schema.js';
import { blankAttestationAtmpView, toAttestationAtmpView } from './view-model.js';

export const attestationAtmpStageEtranger = defineDocument({
  id: 'attestation-atmp-stage-etranger',
  title:
    'Attestation de prise en charge du risque accident de travail – maladie professionnelle — ' +
    'stages effectués dans une entreprise à l’étranger',
  reference: {
    label: 'Modèle de l’Assurance maladie (sans numéro Cerfa)',
    source: 'Formulaire « à établir par l’établissement d’enseignement », adressé à la CPAM',
  },
  engines: ['html', 'acroform'],
  schema: attestationAtmpSchema,
  rules: attestationAtmpRules,
  toViewModel: toAttestationAtmpView,
  blankViewModel: blankAttestationAtmpView,
  formReading: attestationAtmpReading,
  // The form asks only OUI/NON: these answer it (C5) and drive the warnings, they are not printed.
  computedFrom: ['stage.dateSignatureConvention', 'stage.gratification', 'stage.presence'],
  uploads: {
    images: [
      { name: 'cachet', label_fr: 'Cachet de l’établissement', label_en: 'The school’s stamp' },
      {
        name: 'signature',
        label_fr: 'Signature du responsable de l’établissement',
        label_en: 'Signature of the head of the school',
      },
    ],
    // "Joindre obligatoirement l’attestation de droit en cours de validité".
    attachments: [
      {
        name: 'attestationDroits',
        label_fr: 'Attestation de droits à l’assurance maladie en cours de validité',
        label_en: 'Certificate of health insurance rights, currently valid',
      },
    ],
  },
  metadata: (input) => ({
    title: `Attestation AT/MP stage à l’étranger — ${input.eleve.prenom} ${input.eleve.nomNaissance}`,
    subject:
      'Prise en charge du risque accident de travail – maladie professionnelle, stage à l’étranger',
    keywords: ['AT/MP', 'stage', 'étranger', 'CPAM', 'attestation'],
  }),
  // In a class's ZIP, the students by name, as the internship office files them.
  batchFileName: '{eleve.nomNaissance}-{eleve.prenom}',
  fileName: (input) => `attestation-atmp-${input.eleve.nomNaissance}-${input.eleve.prenom}`,
});
