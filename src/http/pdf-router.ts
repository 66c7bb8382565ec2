import { Router, type Request } from 'express';
import { fillForm } from '../engines/acroform/fill.js';
import {
  FormValuesError,
  UnsupportedPdfError,
  type PdfRefusal,
} from '../engines/acroform/errors.js';
import { inspectForm } from '../engines/acroform/inspect.js';
import { AppError, validationFailed, type ErrorCode } from '../errors.js';
import type { FontFile } from '../fonts.js';
import { contentDisposition } from './content-disposition.js';
import { methodNotAllowed } from './method-not-allowed.js';
import { pdfUpload } from './multipart.js';

export interface PdfRouterOptions {
  fonts: readonly FontFile[];
  /** Code points every face of fonts/ can draw. */
  covered: ReadonlySet<number>;
  /** UPLOAD_FILE_LIMIT, in bytes. */
  fileLimit: number;
}

/** Any AcroForm PDF: list its fields, or fill them (flattened unless flatten=false). */
export function pdfRouter(options: PdfRouterOptions): Router {
  const router = Router();

  router.post(
    '/fields',
    pdfUpload({ fileSize: options.fileLimit, fields: [] }),
    async (req, res) => {
      const fields = await engine(() => inspectForm(uploaded(req)));
      res.json({ fields });
    },
  );

  const fillUpload = pdfUpload({ fileSize: options.fileLimit, fields: ['values', 'flatten'] });
  router.post('/fill', fillUpload, async (req, res) => {
    const body = req.body as Record<string, string | undefined>;
    const values = parseValues(body.values);
    const flatten = parseFlatten(body.flatten);
    const pdf = await engine(() =>
      fillForm(uploaded(req), values, { flatten, fonts: options.fonts, covered: options.covered }),
    );
    res
      .status(200)
      .type('application/pdf')
      .set('Content-Disposition', contentDisposition('formulaire-rempli'))
      .set('Access-Control-Expose-Headers', 'Content-Disposition')
      .send(Buffer.from(pdf));
  });

  router.all(['/fields', '/fill'], methodNotAllowed('POST'));
  return router;
}

function uploaded(req: Request): Uint8Array {
  return new Uint8Array((req.file as Express.Multer.File).buffer);
}

function parseValues(text: string | undefined): Record<string, unknown> {
  if (text === undefined) {
    throw invalidPart('values', 'is missing', 'est absente');
  }
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch {
    throw invalidPart('values', 'is not valid JSON', 'n’est pas un JSON valide');
  }
  if (!values || typeof values !== 'object' || Array.isArray(values)) {
    throw invalidPart('values', 'must be a JSON object', 'doit être un objet JSON');
  }
  return values as Record<string, unknown>;
}

function parseFlatten(text: string | undefined): boolean {
  if (text === undefined || text === 'true') return true;
  if (text === 'false') return false;
  throw invalidPart('flatten', 'must be true or false', 'doit valoir true ou false');
}

function invalidPart(part: string, en: string, fr: string): AppError {
  return new AppError('INVALID_UPLOAD', {
    detail_en: `The part "${part}" ${en}.`,
    detail_fr: `La partie « ${part} » ${fr}.`,
  });
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

/** The engine's typed errors, as public problems; anything else is a 500 and is logged. */
async function engine<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UnsupportedPdfError) {
      const refusal = REFUSALS[error.reason];
      throw new AppError(refusal.code, {
        detail_en: refusal.en,
        detail_fr: refusal.fr,
        cause: error,
      });
    }
    if (error instanceof FormValuesError) {
      throw validationFailed(
        error.issues.map(({ field, ...issue }) => ({ path: field, ...issue })),
      );
    }
    throw error;
  }
}
