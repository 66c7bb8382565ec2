import { CoreError, validationFailed, workersBusy, type ErrorCode } from '../../core/errors.js';
import { WorkerQueueFullError } from '../../shared/worker-pool.js';
import { LIMIT_TEXT } from '../../pdf/untrusted/limits.js';
import { FormValuesError, UnsupportedPdfError, type PdfRefusal } from './errors.js';

/**
 * A form the engine cannot read, or values it cannot fill, as the client should hear them;
 * anything else is left as it is.
 */
export function formRefusal(error: unknown): unknown {
  if (error instanceof WorkerQueueFullError) return workersBusy(error.retryAfterSeconds);
  if (error instanceof UnsupportedPdfError) {
    const refusal = error.limit
      ? {
          code: 'PDF_TOO_COMPLEX' as const,
          en: `The PDF ${LIMIT_TEXT[error.limit].en}.`,
          fr: `Le PDF ${LIMIT_TEXT[error.limit].fr}.`,
        }
      : REFUSALS[error.reason];
    return new CoreError(refusal.code, {
      detail_en: refusal.en,
      detail_fr: refusal.fr,
      cause: error,
    });
  }
  if (error instanceof FormValuesError) {
    return validationFailed(error.issues.map(({ field, ...issue }) => ({ path: field, ...issue })));
  }
  return error;
}

const REFUSALS: Record<PdfRefusal, { code: ErrorCode; en: string; fr: string }> = {
  'not-a-pdf': {
    code: 'NOT_A_PDF',
    en: 'The file is not a PDF (its content does not start with %PDF-).',
    fr: 'Le fichier n’est pas un PDF (son contenu ne commence pas par %PDF-).',
  },
  encrypted: {
    code: 'PDF_ENCRYPTED',
    en: 'The PDF is encrypted or password-protected; send an unprotected copy (e.g. qpdf --decrypt).',
    fr: 'Le PDF est chiffré ou protégé par mot de passe ; envoyez une copie non protégée (par ex. qpdf --decrypt).',
  },
  'xfa-only': {
    code: 'PDF_XFA_ONLY',
    en: 'The form is an XFA form (Adobe LiveCycle) without AcroForm fields; it cannot be filled here.',
    fr: 'Le formulaire est un formulaire XFA (Adobe LiveCycle) sans champs AcroForm ; il ne peut pas être rempli ici.',
  },
  unreadable: {
    code: 'PDF_UNREADABLE',
    en: 'The PDF is damaged or truncated and cannot be read.',
    fr: 'Le PDF est endommagé ou tronqué et ne peut pas être lu.',
  },
  'too-complex': {
    code: 'PDF_TOO_COMPLEX',
    en: 'The PDF is beyond what can be read safely.',
    fr: 'Le PDF est au-delà de ce qui peut être lu sans risque.',
  },
  'no-form': {
    code: 'PDF_NO_FORM',
    en: 'The PDF has no form field to fill.',
    fr: 'Le PDF ne contient aucun champ de formulaire à remplir.',
  },
};
