import { WorkerQueueFullError } from '../shared/worker-pool.js';
import { CoreError, workersBusy, type ErrorCode } from './errors.js';
import { LIMIT_TEXT } from '../pdf/untrusted/limits.js';
import { ATTACHMENTS_PART } from './parts.js';
import { UploadError, type UploadRefusal } from '../uploads/errors.js';

const UPLOAD_REFUSALS: Record<UploadRefusal, { code: ErrorCode; en: string; fr: string }> = {
  'unsupported-type': {
    code: 'UNSUPPORTED_FILE_TYPE',
    en: 'is not a PNG, a JPEG or a PDF (judged by its content, not its name or type)',
    fr: 'n’est ni un PNG, ni un JPEG, ni un PDF (d’après son contenu, pas son nom ni son type)',
  },
  'not-an-image': {
    code: 'UNSUPPORTED_FILE_TYPE',
    en: 'is a PDF; an image box takes a PNG or a JPEG image',
    fr: 'est un PDF ; un cadre d’image prend une image PNG ou JPEG',
  },
  undecodable: {
    code: 'IMAGE_UNDECODABLE',
    en: 'is an image that does not decode (truncated or damaged)',
    fr: 'est une image qui ne se décode pas (tronquée ou endommagée)',
  },
  'too-many-pixels': {
    code: 'IMAGE_TOO_LARGE',
    en: 'is an image of more than 100 megapixels',
    fr: 'est une image de plus de 100 mégapixels',
  },
  encrypted: {
    code: 'PDF_ENCRYPTED',
    en: 'is an encrypted or password-protected PDF; send an unprotected copy',
    fr: 'est un PDF chiffré ou protégé par mot de passe ; envoyez une copie non protégée',
  },
  unreadable: {
    code: 'PDF_UNREADABLE',
    en: 'is a damaged or truncated PDF, or has no page',
    fr: 'est un PDF endommagé ou tronqué, ou sans page',
  },
  'too-complex': {
    code: 'PDF_TOO_COMPLEX',
    en: 'is a PDF beyond what can be read safely',
    fr: 'est un PDF au-delà de ce qui peut être lu sans risque',
  },
  'too-many-pages': {
    code: 'TOO_MANY_PAGES',
    en: 'brings the annexes over their page limit (ANNEX_PAGE_LIMIT)',
    fr: 'fait dépasser aux annexes leur nombre de pages maximal (ANNEX_PAGE_LIMIT)',
  },
};

/** A refused upload, naming its part; anything else is left as it is. */
export function uploadRefusal(error: unknown): unknown {
  if (error instanceof WorkerQueueFullError) return workersBusy(error.retryAfterSeconds);
  if (!(error instanceof UploadError)) return error;
  const refusal = error.limit
    ? { code: 'PDF_TOO_COMPLEX' as const, ...inPdf(LIMIT_TEXT[error.limit]) }
    : UPLOAD_REFUSALS[error.reason];
  const part = error.part ?? ATTACHMENTS_PART;
  return new CoreError(refusal.code, {
    detail_en: `The file in the part "${part}" ${refusal.en}.`,
    detail_fr: `Le fichier de la partie « ${part} » ${refusal.fr}.`,
    // Named by its part, as a field's error is: a web form shows it at its file input.
    errors: [
      {
        path: part,
        code: refusal.code,
        message_fr: `Le fichier ${refusal.fr}.`,
        message_en: `The file ${refusal.en}.`,
      },
    ],
    cause: error,
  });
}

/** A limit's text, said of the file: "is a PDF that has a page tree…". */
function inPdf(text: { en: string; fr: string }): { en: string; fr: string } {
  return { en: `is a PDF that ${text.en}`, fr: `est un PDF qui ${text.fr}` };
}
