import type { Request, Response, Router } from 'express';
import multer from 'multer';
import { checkRows, type RowResult } from '../../batch/render-rows.js';
import { CoreError, type FieldIssue } from '../../core/errors.js';
import type { Core } from '../../core/render-document.js';
import type { SchemaNode } from '../../core/schema-node.js';
import { CSRF_FIELD, csrfValid } from '../web/csrf.js';
import {
  fieldsOf,
  formTree,
  postedOf,
  readPosted,
  unnested,
  type GroupNode,
  type Posted,
} from '../web/form-model.js';
import { formView, placeIssues, type SummaryItem } from '../web/form-view.js';
import { CLASS_SHARED } from '../web/guide.js';
import { batchInput, COMMON_PART, SHEET_PART } from './batch-input.js';
import { budgetStorage } from './budget-storage.js';
import { declaredLength } from './declared-length.js';
import { sendBatch } from './batch-router.js';
import type { ClassPageOptions } from './web-router.js';

type Html = (res: Response, status: number, name: string, context: object) => void;

/** The form's own fields, taken off before the parts are read as a batch's. */
const PAGE_FIELDS = [CSRF_FIELD, 'action', 'output'];

/** Fields a class page posts at most: its own, and the shared sections' (a few dozen). */
const CLASS_FIELDS_LIMIT = 200;

/**
 * A school's page for a whole class (/classe/{id}): the model spreadsheet to download, the
 * values the whole class shares typed once (the school, the signature's date: CLASS_SHARED, a
 * form generated from the schema as the document's own), the class's spreadsheet and the images
 * every document shares to upload. "Vérifier" shows the report row by row, "Télécharger"
 * answers the ZIP or the merged PDF, as POST /v1/batch/{id} does with the shared values in
 * `commun`. Without JavaScript; the same CSRF pair as the form pages.
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
  // The files of one post within one budget, as POST /v1/batch/{id} (multer bounds each file
  // only: twelve of BATCH_MAX_BYTES would otherwise be held at once).
  const totalSize = limits.maxBytes * 2;
  const upload = multer({
    storage: budgetStorage(totalSize),
    limits: {
      fileSize: limits.maxBytes,
      files: limits.maxFiles,
      fields: CLASS_FIELDS_LIMIT,
      fieldSize: 4096,
    },
    // Browsers send file names in UTF-8 without saying so.
    defParamCharset: 'utf8',
  }).any();
  const sharedTrees = new Map<string, GroupNode>();
  /** The sections the class shares, as one form (empty for a document without any). */
  const sharedTree = (id: string): GroupNode => {
    const known = sharedTrees.get(id);
    if (known) return known;
    const entry = core.catalog.find(id);
    const whole = formTree(entry.jsonSchema as SchemaNode, entry.document.title);
    const shared = CLASS_SHARED[id] ?? [];
    const tree = {
      ...whole,
      children: whole.children.filter((node) => shared.includes(node.path)),
    };
    sharedTrees.set(id, tree);
    return tree;
  };

  const page = (
    req: Request,
    res: Response,
    status: number,
    state: {
      rows?: readonly RowResult[];
      problem?: string;
      posted?: Posted;
      /** Issues at the shared values, named by their paths. */
      issues?: readonly FieldIssue[];
    } = {},
  ): void => {
    const entry = core.catalog.find(req.params.id as string);
    const id = entry.document.id;
    const rows = state.rows ?? [];
    const tree = sharedTree(id);
    const placed = placeIssues(tree, state.issues ?? [], (path) => path);
    const produced = rows.filter((row) => row.errors.length === 0).length;
    html(res, status, 'classe', {
      title: entry.document.title,
      pageTitle: `${state.problem || placed.summary.length ? 'Erreur : ' : ''}${entry.document.title} — toute une classe`,
      action: `/classe/${id}`,
      csrf: deps.csrfToken(req, res),
      templateCsv: `/v1/batch/${id}/template.csv`,
      templateXlsx: `/v1/batch/${id}/template.xlsx`,
      maxRows: limits.maxRows,
      images: entry.parts.images.map((image) => ({ part: image.part, label: image.label_fr })),
      problem: state.problem ?? '',
      summary: placed.summary satisfies SummaryItem[],
      shared: formView(tree, state.posted ?? {}, placed.atFields, core.formHints(id)),
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
    // A declared length over the budget (and the page's few text fields) is refused unread.
    if ((declaredLength(req) ?? 0) > totalSize + 64 * 1024) {
      res.set('Connection', 'close');
      page(req, res, 413, { problem: 'Les fichiers envoyés sont trop volumineux.' });
      return;
    }
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
    const tree = sharedTree(entry.document.id);
    const posted = postedOf(unnested(body, tree));
    const shared = readPosted(tree, posted);
    if (shared.issues.length > 0) {
      page(req, res, 422, { posted, issues: shared.issues });
      return;
    }
    const files = (req.files ?? []) as Express.Multer.File[];
    if (!files.some((file) => file.fieldname === SHEET_PART && file.size > 0)) {
      page(req, res, 422, { posted, problem: 'Choisissez le tableur de la classe (CSV ou XLSX).' });
      return;
    }
    // Read as a batch's parts: the shared values as `commun`, the page's own fields and the
    // shared fields off, and file inputs left empty.
    const sharedNames = new Set(fieldsOf(tree).map((field) => field.path));
    req.body = {
      ...Object.fromEntries(
        Object.entries(posted).filter(
          ([name]) => !PAGE_FIELDS.includes(name) && !sharedNames.has(name),
        ),
      ),
      ...(Object.keys(shared.data).length > 0
        ? { [COMMON_PART]: JSON.stringify(shared.data) }
        : {}),
    };
    req.files = files.filter((file) => file.size > 0);
    try {
      const input = await batchInput(req, entry, { limits, readSheet: batch.readSheet });
      const rows = checkRows(core, input.rows, entry.document.id);
      const valid = rows.some((row) => row.errors.length === 0);
      if (body.action !== 'telecharger' || !valid) {
        const problem = valid ? '' : 'Aucune ligne n’est valide : corrigez le tableur.';
        page(req, res, valid ? 200 : 422, {
          rows,
          problem,
          posted,
          issues: sharedIssues(rows, tree),
        });
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
        posted,
      });
    }
  }
}

/**
 * The rows' refusals of a shared value, once each, to show at its field (a school that left the
 * school's name out sees it there, not only in every row of the report).
 */
function sharedIssues(rows: readonly RowResult[], tree: GroupNode): FieldIssue[] {
  const shared = tree.children.map((node) => node.path);
  const seen = new Map<string, FieldIssue>();
  for (const issue of rows.flatMap((row) => row.errors)) {
    const under = shared.some((path) => issue.path === path || issue.path.startsWith(`${path}.`));
    if (under && !seen.has(issue.path)) seen.set(issue.path, issue);
  }
  return [...seen.values()];
}

function issueText(issue: FieldIssue): string {
  return issue.path ? `${issue.path} : ${issue.message_fr}` : issue.message_fr;
}
