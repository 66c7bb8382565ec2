import { defineDocument } from '../document-definition.js';
import { attestationAtmpRules } from './rules.js';
import { attestationAtmpSchema } from './schema.js';
import { blankAttestationAtmpView, toAttestationAtmpView } from './view-model.js';

export const attestationAtmpStageEtranger = defineDocument({
  id: 'attestation-atmp-stage-etranger',
  title:
    'Attestation de prise en charge du risque accident de travail – maladie professionnelle — ' +
    "stages effectués dans une entreprise à l'étranger",
  reference: {
    label: "Modèle de l'Assurance maladie (sans numéro Cerfa)",
    source: 'Formulaire « à établir par l’établissement d’enseignement », adressé à la CPAM',
  },
  engines: ['html', 'acroform'],
  schema: attestationAtmpSchema,
  rules: attestationAtmpRules,
  toViewModel: toAttestationAtmpView,
  blankViewModel: blankAttestationAtmpView,
  // The form asks only OUI/NON: these answer it (C5) and drive the warnings, they are not printed.
  computedFrom: ['stage.dateSignatureConvention', 'stage.gratification', 'stage.presence'],
  metadata: (input) => ({
    title: `Attestation AT/MP stage à l'étranger — ${input.eleve.prenom} ${input.eleve.nomNaissance}`,
    subject:
      "Prise en charge du risque accident de travail – maladie professionnelle, stage à l'étranger",
    keywords: ['AT/MP', 'stage', 'étranger', 'CPAM', 'attestation'],
  }),
  fileName: (input) => `attestation-atmp-${input.eleve.nomNaissance}-${input.eleve.prenom}`,
});
