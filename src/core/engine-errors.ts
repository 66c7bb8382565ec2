import {
  FormValuesError,
  UnsupportedPdfError,
  type PdfRefusal,
} from '../engines/acroform/errors.js';
import { AppError, validationFailed, type ErrorCode } from './errors.js';
import { UploadError, type UploadRefusal } from '../uploads/errors.js';
import {
  BrowserUnavailableError,
  PoolClosedError,
  PoolSaturatedError,
  RenderTimeoutError,
} from '../engines/html/pool-errors.js';

/** An engine's failure as the client should hear it; anything unknown stays a 500. */
export function toAppError(error: unknown): unknown {
  if (error instanceof PoolSaturatedError) {
    return new AppError('RENDER_QUEUE_FULL', {
      detail_en: `Every renderer is busy; retry in ${error.retryAfterSeconds} s.`,
      detail_fr: `Tous les moteurs de rendu sont occupés ; réessayez dans ${error.retryAfterSeconds} s.`,
      retryAfterSeconds: error.retryAfterSeconds,
      cause: error,
    });
  }
  if (error instanceof RenderTimeoutError) {
    return new AppError('RENDER_TIMEOUT', {
      detail_en: 'The document took too long to render; retry later.',
      detail_fr: 'Le rendu du document a pris trop de temps ; réessayez plus tard.',
      retryAfterSeconds: 5,
      cause: error,
    });
  }
  if (error instanceof BrowserUnavailableError || error instanceof PoolClosedError) {
    return new AppError('RENDERER_UNAVAILABLE', {
      detail_en: 'The PDF renderer is unavailable; retry later.',
      detail_fr: 'Le moteur de rendu PDF est indisponible ; réessayez plus tard.',
      retryAfterSeconds: 5,
      cause: error,
    });
  }
  if (error instanceof UnsupportedPdfError) {
    const refusal = REFUSALS[error.reason];
    return new AppError(refusal.code, {
      detail_en: refusal.en,
      detail_fr: refusal.fr,
      cause: error,
    });
  }
  if (error instanceof UploadError) return uploadRefused(error);
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
  'no-form': {
    code: 'PDF_NO_FORM',
    en: 'The PDF has no form field to fill.',
    fr: 'Le PDF ne contient aucun champ de formulaire à remplir.',
  },
};

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
  'too-many-pages': {
    code: 'TOO_MANY_PAGES',
    en: 'brings the annexes over their page limit (ANNEX_PAGE_LIMIT)',
    fr: 'fait dépasser aux annexes leur nombre de pages maximal (ANNEX_PAGE_LIMIT)',
  },
};

function uploadRefused(error: UploadError): AppError {
  const refusal = UPLOAD_REFUSALS[error.reason];
  const part = error.part ?? 'attachments';
  return new AppError(refusal.code, {
    detail_en: `The file in the part "${part}" ${refusal.en}.`,
    detail_fr: `Le fichier de la partie « ${part} » ${refusal.fr}.`,
    cause: error,
  });
}
