import { Router, type Request } from 'express';
import { fillForm } from '../../engines/acroform/fill.js';
import { inspectForm } from '../../engines/acroform/inspect.js';
import type { FontFile } from '../../fonts.js';
import { toAppError } from '../../core/engine-errors.js';
import { contentDisposition } from './content-disposition.js';
import { methodNotAllowed } from './method-not-allowed.js';
import { invalidPart, jsonPart, pdfUpload } from './multipart.js';

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
    const values = parseValues(req);
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

function parseValues(req: Request): Record<string, unknown> {
  const values = jsonPart(req, 'values');
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

/** The engine's typed errors, as public problems; anything else is a 500 and is logged. */
function engine<T>(work: () => Promise<T>): Promise<T> {
  return work().catch((error: unknown) => Promise.reject(toAppError(error)));
}
