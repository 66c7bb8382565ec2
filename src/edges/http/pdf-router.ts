import { Router, type Request } from 'express';
import { invalidPart } from '../../core/parts.js';
import type { PdfForms } from '../../engines/engine.js';
import { contentDisposition } from './content-disposition.js';
import { methodNotAllowed } from './method-not-allowed.js';
import { jsonPart, pdfUpload, uploadedFile } from './multipart.js';

export interface PdfRouterOptions {
  forms: PdfForms;
  /** UPLOAD_FILE_LIMIT, in bytes. */
  fileLimit: number;
}

/** Any AcroForm PDF: list its fields, or fill them (flattened unless flatten=false). */
export function pdfRouter({ forms, fileLimit }: PdfRouterOptions): Router {
  const router = Router();

  router.post('/fields', pdfUpload({ fileSize: fileLimit, fields: [] }), async (req, res) => {
    res.json({ fields: await forms.fields(uploadedFile(req)) });
  });

  const fillUpload = pdfUpload({ fileSize: fileLimit, fields: ['values', 'flatten'] });
  router.post('/fill', fillUpload, async (req, res) => {
    const body = req.body as Record<string, string | undefined>;
    const values = parseValues(req);
    const flatten = parseFlatten(body.flatten);
    const pdf = await forms.fill(uploadedFile(req), values, { flatten });
    res
      .status(200)
      .type('application/pdf')
      .set('Content-Disposition', contentDisposition('formulaire-rempli'))
      .set('Access-Control-Expose-Headers', 'Content-Disposition')
      .send(Buffer.from(pdf));
  });

  router.all('/fields', methodNotAllowed('POST'));
  router.all('/fill', methodNotAllowed('POST'));
  return router;
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
