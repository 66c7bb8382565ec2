import type { DocumentDefinition } from './document-definition.js';
import { attestationAtmpStageEtranger } from './attestation-atmp-stage-etranger/index.js';
import { conventionAuPair } from './convention-au-pair/index.js';
import { declarationEmbaucheEmploiFamilial } from './declaration-embauche-emploi-familial/index.js';
import { attestationHebergement } from './attestation-hebergement/index.js';

/** Every published document, one line each. An id is never renamed once published. */
export const documents: readonly DocumentDefinition[] = [
  attestationAtmpStageEtranger,
  conventionAuPair,
  declarationEmbaucheEmploiFamilial,
  attestationHebergement,
];
