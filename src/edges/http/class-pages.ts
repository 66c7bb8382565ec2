import type { Request, Response, Router } from 'express';
import multer from 'multer';
import { checkRows, type RowResult } from '../../batch/render-rows.js';
import { CoreError, type FieldIssue } from '../../core/errors.js';
import type { Core } from '../../core/render-document.js';
import { CSRF_FIELD, csrfValid } from '../web/csrf.js';
import { batchInput, SHEET_PART } from './batch-input.js';
import { sendBatch } from './batch-router.js';
import type { ClassPageOptions } from './web-router.js';

type Html = (res: Response, status: number, name: string, context: object) => void;

/** The form's own fields, taken off before the parts are read as a batch's. */
const PAGE_FIELDS = [CSRF_FIELD, 'action', 'output'];

/**
 * A school's page for a whole class (/classe/{id}): the model spreadsheet to download, the class's
 * spreadsheet and the images every document shares to upload, "Vérifier" shows the report row by
 * row, "Télécharger" answers the ZIP or the merged PDF, as POST /v1/batch/{id} does. Without
 * JavaScript; the same CSRF pair as the form pages.
 */
export function classPages(
  router: Router,
  deps: {
    core: Core;
    batch: ClassPageOptions;
    html: Html;
    csrfToken: (req: Request, res: Response) => string;
  },
): void {
  const { core, batch, html } = deps;
  const { limits } = batch;
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: {
      fileSize: limits.maxBytes,
      files: limits.maxFiles,
      fields: 8,
      fieldSize: 4096,
    },
  }).any();

  const page = (
    req: Request,
    res: Response,
    status: number,
    state: { rows?: readonly RowResult[]; problem?: string } = {},
  ): void => {
    const entry = core.catalog.find(req.params.id as string);
    const id = entry.document.id;
    const rows = state.rows ?? [];
    const produced = rows.filter((row) => row.errors.length === 0).length;
    html(res, status, 'classe', {
      title: entry.document.title,
      pageTitle: `${state.problem ? 'Erreur : ' : ''}${entry.document.title} — toute une classe`,
      action: `/classe/${id}`,
      csrf: deps.csrfToken(req, res),
      templateCsv: `/v1/batch/${id}/template.csv`,
      templateXlsx: `/v1/batch/${id}/template.xlsx`,
      maxRows: limits.maxRows,
      images: entry.parts.images.map((image) => ({ part: image.part, label: image.label_fr })),
      problem: state.problem ?? '',
      total: rows.length,
      produced,
      plural: produced > 1,
      rows: rows.map((row) => ({
        row: row.row,
        id: row.id ?? '',
        status: row.errors.length === 0 ? 'prête' : 'refusée',
        errors: row.errors.map(issueText),
        warnings: row.warnings.map(issueText),
      })),
    });
  };

  router.get('/classe/:id', (req, res) => {
    page(req, res, 200);
  });

  router.post('/classe/:id', (req, res, next) => {
    upload(req, res, (error: unknown) => {
      // Inside multer's callback: whatever is thrown (an unknown document) goes to next.
      try {
        if (error) page(req, res, 413, { problem: 'Le fichier envoyé est trop volumineux.' });
        else answer(req, res).catch(next);
      } catch (thrown) {
        next(thrown);
      }
    });
  });

  async function answer(req: Request, res: Response): Promise<void> {
    const entry = core.catalog.find(req.params.id as string);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const csrf = {
      cookieHeader: req.get('cookie'),
      field: body[CSRF_FIELD],
      fetchSite: req.get('sec-fetch-site'),
    };
    if (!csrfValid(csrf)) {
      page(req, res, 403, {
        problem:
          'Ce formulaire n’a pas pu être vérifié (jeton de sécurité absent ou périmé) : rechargez la page.',
      });
      return;
    }
    const files = (req.files ?? []) as Express.Multer.File[];
    if (!files.some((file) => file.fieldname === SHEET_PART && file.size > 0)) {
      page(req, res, 422, { problem: 'Choisissez le tableur de la classe (CSV ou XLSX).' });
      return;
    }
    // Read as a batch's parts: the page's own fields off, and file inputs left empty.
    req.body = Object.fromEntries(
      Object.entries(body).filter(([name]) => !PAGE_FIELDS.includes(name)),
    );
    req.files = files.filter((file) => file.size > 0);
    try {
      const input = await batchInput(req, entry, { limits, readSheet: batch.readSheet });
      const rows = checkRows(core, input.rows, entry.document.id);
      const valid = rows.some((row) => row.errors.length === 0);
      if (body.action !== 'telecharger' || !valid) {
        const problem = valid ? '' : 'Aucune ligne n’est valide : corrigez le tableur.';
        page(req, res, valid ? 200 : 422, { rows, problem });
        return;
      }
      await sendBatch(res, {
        core,
        entry,
        input,
        output: body.output === 'pdf' ? 'pdf' : 'zip',
        concurrency: limits.concurrency,
        reportFont: batch.reportFont,
        ...(batch.observer ? { observer: batch.observer } : {}),
      });
    } catch (error) {
      if (!(error instanceof CoreError) || res.headersSent) throw error;
      page(req, res, error.code === 'PAYLOAD_TOO_LARGE' ? 413 : 422, {
        problem: error.detail_fr,
      });
    }
  }
}

function issueText(issue: FieldIssue): string {
  return issue.path ? `${issue.path} : ${issue.message_fr}` : issue.message_fr;
}
