import { defineDocument } from '../document-definition.js';
import { declarationEmbaucheReading } from './reading.js';
import { declarationEmbaucheRules } from './rules.js';
import { declarationEmbaucheSchema } from './schema.js';
import { blankDeclarationEmbaucheView } from './blank-view.js';
import { PIECES_A_JOINDRE } from './pieces.js';
import { CERFA, toDeclarationEmbaucheView } from './view-model.js';

export const declarationEmbaucheEmploiFamilial = defineDocument({
  id: 'declaration-embauche-emploi-familial',
  title: 'Déclaration d’embauche d’un emploi familial (stagiaire aide familial, jeune au pair)',
  reference: {
    label: `Cerfa n° ${CERFA} (modèle suivi ; ce document n’est pas le formulaire officiel)`,
    cerfa: CERFA,
    source:
      'Arrêté du 22 octobre 1985 (assiettes forfaitaires, JORFTEXT000000295958) ; service-public ' +
      'F13348 : déclaration à l’Urssaf du domicile dans les jours suivant l’accueil',
  },
  engines: ['html', 'acroform'],
  schema: declarationEmbaucheSchema,
  rules: declarationEmbaucheRules,
  toViewModel: toDeclarationEmbaucheView,
  blankViewModel: blankDeclarationEmbaucheView,
  formReading: declarationEmbaucheReading,
  uploads: {
    images: [
      {
        name: 'signature',
        label_fr: 'Signature de l’employeur',
        label_en: 'The employer’s signature',
      },
    ],
    // Without a NIR the declaration is also the registration request, which asks for these
    // (section 5, "Joindre une copie"); its boxes are ticked for those the request brings.
    attachments: PIECES_A_JOINDRE,
  },
  metadata: (input) => ({
    title: `Déclaration d’embauche d’un emploi familial — ${input.salarie.prenom} ${input.salarie.nomNaissance}`,
    subject: `Déclaration d’embauche à l’Urssaf (modèle Cerfa n° ${CERFA}), stagiaire aide familial ou jeune au pair`,
    keywords: ['Urssaf', 'Cerfa 11469*03', 'emploi familial', 'au pair', 'déclaration d’embauche'],
  }),
  fileName: (input) => `declaration-embauche-${input.salarie.nomNaissance}-${input.salarie.prenom}`,
});
