import type { DocumentDefinition } from './document-definition.js';
import { attestationAtmpStageEtranger } from './attestation-atmp-stage-etranger/index.js';

/** Every published document, one line each. An id is never renamed once published. */
export const documents: readonly DocumentDefinition[] = [attestationAtmpStageEtranger];
