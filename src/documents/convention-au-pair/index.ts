import { defineDocument } from '../document-definition.js';
import { conventionAuPairFormHints } from './form-hints.js';
import { conventionAuPairReading } from './reading.js';
import { conventionAuPairRules } from './rules.js';
import { conventionAuPairSchema } from './schema.js';
import { blankConventionAuPairView } from './blank-view.js';
import { toConventionAuPairView } from './view-model.js';

export const conventionAuPair = defineDocument({
  id: 'convention-au-pair',
  title: 'Convention conclue entre le jeune au pair et la famille d’accueil',
  reference: {
    label: 'Cerfa n° 15973*01 (modèle suivi ; ce document n’est pas le formulaire officiel)',
    cerfa: '15973*01',
    source:
      'Arrêté du 4 mars 2019 relatif aux modalités de séjour des jeunes au pair ' +
      '(JORFTEXT000038196382), pris pour l’application du CESEDA, art. L426-22 et R426-13',
  },
  engines: ['html', 'acroform'],
  schema: conventionAuPairSchema,
  rules: conventionAuPairRules,
  toViewModel: toConventionAuPairView,
  blankViewModel: blankConventionAuPairView,
  formReading: conventionAuPairReading,
  formHints: conventionAuPairFormHints,
  uploads: {
    images: [
      {
        name: 'signature.jeune',
        label_fr: 'Signature du jeune au pair ou du stagiaire',
        label_en: 'Signature of the au pair',
      },
      {
        name: 'signature.famille',
        label_fr: 'Signature de la famille d’accueil',
        label_en: 'Signature of the host family',
      },
    ],
    attachments: [],
  },
  metadata: (input) => ({
    title: `Convention au pair — ${input.jeune.prenom} ${input.jeune.nomNaissance}`,
    subject: 'Convention conclue entre le jeune au pair et la famille d’accueil (Cerfa 15973*01)',
    keywords: [
      'au pair',
      'stagiaire aide familial',
      'convention',
      'Cerfa 15973*01',
      'CESEDA L426-22',
    ],
  }),
  fileName: (input) => `convention-au-pair-${input.jeune.nomNaissance}-${input.jeune.prenom}`,
});
