import express, {
  Router,
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import type { CatalogEntry } from '../../core/catalog.js';
import { CoreError, type FieldIssue } from '../../core/errors.js';
import { partFiles } from '../../core/parts.js';
import { NO_FILES, type RequestFiles } from '../../core/render-request.js';
import type { Core } from '../../core/render-document.js';
import type { SchemaNode } from '../../core/schema-node.js';
import { countryNameFr, isCountryCode } from '../../shared/countries.js';
import { CSRF_COOKIE, CSRF_FIELD, csrfValid, existingToken, newToken } from '../web/csrf.js';
import {
  formTree,
  postedOf,
  readPosted,
  unnested,
  type GroupNode,
  type Posted,
} from '../web/form-model.js';
import { fileFields, filePaths, placeFileIssues } from '../web/form-files.js';
import { formView, placeIssues, type SummaryItem } from '../web/form-view.js';
import { DOCUMENT_GUIDE, SCHOOL_DOCUMENTS } from '../web/guide.js';
import { loadViews, type Views } from '../web/views.js';
import { bytesText } from '../../shared/bytes-text.js';
import { contentDisposition } from './content-disposition.js';
import { multipartParts, type DocumentPartsOptions } from './document-parts.js';
import type { BatchLimits, SheetReader } from './batch-input.js';
import { classPages } from './class-pages.js';
import { HTTP_STATUS } from './statuses.js';
import type { BatchObserver } from '../../observer.js';

/** The pages' own policy: no inline script or style anywhere, forms post only here. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** A form post is its fields' text: a few kilobytes; this leaves room and stops abuse. */
const FORM_BODY_LIMIT = '64kb';
const FORM_FIELDS_LIMIT = 500;
/** One field's text in a multipart post (the longest a schema allows is a few hundred). */
const FORM_FIELD_SIZE = 4 * 1024;

export interface WebRouterOptions {
  core: Core;
  views?: Views;
  /** The forms' file inputs are read within the API's own limits (UPLOAD_*). */
  uploads: DocumentPartsOptions;
  /** The class pages (/classe/{id}) answer a batch as POST /v1/batch/{id} does. */
  batch?: ClassPageOptions;
}

export interface ClassPageOptions {
  limits: BatchLimits & { concurrency: number; maxFiles: number };
  readSheet: SheetReader;
  reportFont: Uint8Array;
  /** Told of each row of a batch (metrics). */
  observer?: BatchObserver;
}

interface DocumentForm {
  entry: CatalogEntry;
  tree: GroupNode;
  /** The file inputs' names: the document's image boxes and supporting documents. */
  filePaths: string[];
  blank?: string;
}

/** What a post brought beside its fields: the files by part, and the names the person chose. */
interface PostedFiles {
  files: RequestFiles;
  sent: Map<string, string>;
}

const NO_POSTED_FILES: PostedFiles = { files: NO_FILES, sent: new Map() };

/**
 * The web pages' HTTP side (Express stays in this folder; the pages themselves, their forms
 * generated from the schemas and their templates, are in src/edges/web/): pages in French for people, generated from the catalog (every document's form
 * comes from its JSON Schema). The basic path works without JavaScript: fill, post, see each
 * error at its field, download the PDF. Same core, same rules and messages as the API.
 */
export function webRouter({ core, views = loadViews(), uploads, batch }: WebRouterOptions): Router {
  const router = Router();
  const forms = new Map<string, DocumentForm>(
    core.catalog.list().map((entry) => [
      entry.document.id,
      {
        entry,
        tree: formTree(entry.jsonSchema as SchemaNode, entry.document.title),
        filePaths: filePaths(entry.parts),
        ...(entry.engines.some((engine) => engine.blank)
          ? { blank: `/v1/documents/${entry.document.id}/blank` }
          : {}),
      },
    ]),
  );
  const countries = countryNames();
  const fileLimit = bytesText(uploads.fileSize);
  const html = (res: Response, status: number, name: string, context: object): void => {
    res
      .status(status)
      .set('Content-Security-Policy', CONTENT_SECURITY_POLICY)
      .set('X-Frame-Options', 'DENY')
      .set('Referrer-Policy', 'same-origin')
      .type('html')
      .send(views.page(name, { pageTitle: (context as { title?: string }).title, ...context }));
  };

  // Their addresses carry their content's hash (views.ts): they can be kept a year.
  for (const [file, type] of [
    [views.css, 'css'],
    [views.js, 'js'],
  ] as const) {
    router.get(file.href, (_req, res) => {
      res.set('Cache-Control', 'public, max-age=31536000, immutable').type(type).send(file.body);
    });
  }

  router.get('/', (_req, res) => {
    const documents = [...forms.values()].map(({ entry, blank }) => ({
      title: entry.document.title,
      href: `/formulaire/${entry.document.id}`,
      guide: DOCUMENT_GUIDE[entry.document.id] ?? '',
      reference: entry.document.reference.label,
      blank: blank ?? '',
      // Schools produce a class at once: the documents a school establishes get a class page.
      classe:
        batch && SCHOOL_DOCUMENTS.includes(entry.document.id) ? `/classe/${entry.document.id}` : '',
    }));
    res.set('Cache-Control', 'public, max-age=300');
    html(res, 200, 'home', { title: 'Accueil', documents });
  });

  // Cerfa 10798 is a mairie's secure form (DECISIONS §12): the page says so, and points to the
  // attestation d'hébergement where that is what the person needs.
  router.get('/attestation-accueil', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300');
    html(res, 200, 'accueil', {
      title: 'Attestation d’accueil ou d’hébergement',
      hebergement: '/formulaire/attestation-hebergement',
    });
  });

  const formPage = (
    req: Request,
    res: Response,
    form: DocumentForm,
    status: number,
    state: {
      posted?: Posted;
      issues?: FieldIssue[];
      formPath?: (path: string) => string;
      problem?: string;
      /** Refused files, named by their parts. */
      fileIssues?: FieldIssue[];
      warnings?: FieldIssue[];
      checked?: boolean;
      sent?: ReadonlyMap<string, string>;
    } = {},
  ): void => {
    const { entry, tree } = form;
    const formPath = state.formPath ?? ((path: string) => path);
    const placed = placeIssues(tree, state.issues ?? [], formPath);
    const files = placeFileIssues(state.fileIssues ?? [], form.filePaths);
    // A missing supporting document is a warning named by its part (`attachments.…`).
    const [fileWarnings, dataWarnings] = partition(state.warnings ?? [], (warning) =>
      form.filePaths.includes(warning.path),
    );
    const warnings: SummaryItem[] = [
      ...placeIssues(tree, dataWarnings, formPath).summary,
      ...placeFileIssues(fileWarnings, form.filePaths).summary,
    ];
    const summary = [...placed.summary, ...files.summary];
    const failed = summary.length > 0 || Boolean(state.problem);
    html(res, status, 'form', {
      title: entry.document.title,
      // Read first by a screen reader on arrival: the page's state, then its name.
      pageTitle: `${failed ? 'Erreur : ' : state.checked ? 'Aucune erreur : ' : ''}${entry.document.title}`,
      guide: DOCUMENT_GUIDE[entry.document.id] ?? '',
      reference: entry.document.reference.label,
      action: `/formulaire/${entry.document.id}`,
      csrf: csrfToken(req, res),
      blank: form.blank ?? '',
      summary,
      problem: state.problem ?? '',
      checked: state.checked ?? false,
      warnings,
      sections: formView(
        tree,
        state.posted ?? {},
        placed.atFields,
        core.formHints(entry.document.id),
      ),
      files: fileFields(entry.parts, files.atFiles, state.sent ?? new Map(), fileLimit),
      countries,
    });
  };

  const findForm = (req: Request): DocumentForm => {
    const id = req.params.id as string;
    const form = forms.get(id);
    if (!form) core.catalog.find(id); // throws UNKNOWN_DOCUMENT
    return form as DocumentForm;
  };

  router.get('/formulaire/:id', (req, res) => {
    formPage(req, res, findForm(req), 200);
  });

  const urlencoded = express.urlencoded({
    extended: false,
    limit: FORM_BODY_LIMIT,
    parameterLimit: FORM_FIELDS_LIMIT,
  });

  // The script's check of a field as it is left: the errors of the whole form, by field name
  // (the script marks only the fields already left). Same reading, rules and messages.
  router.post('/formulaire/:id/controle', urlencoded, (req, res) => {
    const form = findForm(req);
    if (!csrfValid(csrfOf(req))) {
      res.status(403).json({ errors: {} });
      return;
    }
    const reading = readPosted(form.tree, postedOf(req.body));
    const request = { document: form.entry.document.id, data: reading.data };
    // Named as the form names its fields (rows renumbered back), as the page's own post does.
    const others = issuesOf(() => core.validate(request))
      .map((issue) => ({ ...issue, path: reading.formPath(issue.path) }))
      .filter((issue) => !reading.issues.some((read) => read.path === issue.path));
    const { atFields } = placeIssues(form.tree, [...reading.issues, ...others], (path) => path);
    res.set('Cache-Control', 'no-store').json({ errors: Object.fromEntries(atFields) });
  });

  const multipart = multipartParts({
    ...uploads,
    fields: FORM_FIELDS_LIMIT,
    fieldSize: FORM_FIELD_SIZE,
  });
  // The form posts multipart, for its file inputs; a post without them may come urlencoded.
  const formBody: RequestHandler = (req, res, next) => {
    if (req.is('multipart/form-data')) multipart(req, res, next);
    else urlencoded(req, res, next);
  };

  const expired = (res: Response, form: DocumentForm): void => {
    html(res, 403, 'message', {
      title: 'Formulaire expiré',
      message:
        'Ce formulaire n’a pas pu être vérifié (jeton de sécurité absent ou périmé). Rouvrez-le et envoyez-le de nouveau.',
      back: `/formulaire/${form.entry.document.id}`,
      backLabel: 'Rouvrir le formulaire',
    });
  };

  router.post(
    '/formulaire/:id',
    formBody,
    async (req: Request, res: Response) => {
      const form = findForm(req);
      if (!csrfValid(csrfOf(req))) {
        expired(res, form);
        return;
      }
      const posted = postedOf(unnested(req.body, form.tree));
      const reading = readPosted(form.tree, posted);
      const download = posted.action === 'telecharger';
      let sent = new Map<string, string>();
      try {
        const uploaded = postedFiles(req, form);
        sent = uploaded.sent;
        const request = {
          document: form.entry.document.id,
          data: reading.data,
          files: uploaded.files,
        };
        if (reading.issues.length > 0) {
          // What could not be read first; the rest checked too, so every mistake shows at once.
          const others = issuesOf(() => core.validate(request))
            .map((issue) => ({ ...issue, path: reading.formPath(issue.path) }))
            .filter((issue) => !reading.issues.some((read) => read.path === issue.path));
          formPage(req, res, form, 422, { posted, issues: [...reading.issues, ...others], sent });
          return;
        }
        if (download) {
          const rendered = await core.render(request);
          res
            .status(200)
            .set('Cache-Control', 'no-store')
            .type('application/pdf')
            .set('Content-Disposition', contentDisposition(rendered.fileName))
            .send(Buffer.from(rendered.pdf));
          return;
        }
        const { warnings } = await core.check(request);
        formPage(req, res, form, 200, {
          posted,
          checked: true,
          warnings,
          formPath: reading.formPath,
          sent,
        });
      } catch (error) {
        if (!(error instanceof CoreError)) throw error;
        if (error.retryAfterSeconds !== undefined) {
          res.set('Retry-After', String(error.retryAfterSeconds));
        }
        formPage(req, res, form, HTTP_STATUS[error.code], {
          posted,
          formPath: reading.formPath,
          ...refusalOf(error),
          sent,
        });
      }
    },
    // A body that could not be read (a file over its limit, too many fields): the form again,
    // with what was read of it, the refusal at its file input or above the form.
    (error: unknown, req: Request, res: Response, next: NextFunction) => {
      const form = forms.get(req.params.id as string);
      if (!(error instanceof CoreError) || !form) {
        next(error);
        return;
      }
      if (csrfOf(req).field === undefined) {
        // Refused before a field was read (a declared length over the limits): say why; there
        // is nothing of the person's to show again.
        html(res, HTTP_STATUS[error.code], 'message', {
          title: 'Envoi refusé',
          message: error.detail_fr,
          back: `/formulaire/${form.entry.document.id}`,
          backLabel: 'Rouvrir le formulaire',
        });
        return;
      }
      if (!csrfValid(csrfOf(req))) {
        expired(res, form);
        return;
      }
      formPage(req, res, form, HTTP_STATUS[error.code], {
        posted: postedOf(unnested(req.body, form.tree)),
        ...refusalOf(error),
      });
    },
  );

  if (batch) classPages(router, { core, batch, html, csrfToken });

  // An unknown document, a body too large: a page in French rather than a JSON problem.
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const known = knownError(error);
    if (!known) {
      next(error);
      return;
    }
    html(res, known.status, 'message', {
      title: known.title,
      message: known.message,
      back: '/',
      backLabel: 'Voir tous les documents',
    });
  });
  return router;
}

/** The browser's CSRF token, or a new one set in its cookie (SameSite=Strict, HttpOnly). */
export function csrfToken(req: Request, res: Response): string {
  const existing = existingToken(req.get('cookie'));
  if (existing) return existing;
  const token = newToken();
  res.cookie(CSRF_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    // The form pages and the class pages post with it.
    path: '/',
  });
  return token;
}

/** What a post's CSRF check reads: the cookie, the form's token, the browser's Sec-Fetch-Site. */
function csrfOf(req: Request): Parameters<typeof csrfValid>[0] {
  return {
    cookieHeader: req.get('cookie'),
    field: (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD],
    fetchSite: req.get('sec-fetch-site'),
  };
}

/**
 * The files of a form post by part, checked by name as the API checks its parts (their content
 * is judged by the core). A file input left empty comes as a nameless empty file: not a file.
 */
function postedFiles(req: Request, form: DocumentForm): PostedFiles {
  const received = ((req.files ?? []) as Express.Multer.File[]).filter(
    (file) => file.size > 0 || file.originalname !== '',
  );
  if (received.length === 0 && !req.is('multipart/form-data')) return NO_POSTED_FILES;
  const files = partFiles(
    form.entry.parts,
    received.map((file) => ({ part: file.fieldname, bytes: new Uint8Array(file.buffer) })),
  );
  return {
    files,
    sent: new Map(received.map((file) => [file.fieldname, file.originalname])),
  };
}

/**
 * A refusal as the form shows it: the data's errors at their fields; any other refusal naming
 * parts (a file's content or size) at those file inputs; the rest above the form.
 */
function refusalOf(error: CoreError): {
  issues: FieldIssue[];
  fileIssues: FieldIssue[];
  problem: string;
} {
  const errors = error.errors ?? [];
  if (error.code === 'VALIDATION_FAILED') return { issues: errors, fileIssues: [], problem: '' };
  return { issues: [], fileIssues: errors, problem: errors.length > 0 ? '' : error.detail_fr };
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}

function issuesOf(validate: () => unknown): FieldIssue[] {
  try {
    validate();
    return [];
  } catch (error) {
    if (error instanceof CoreError && error.errors) return error.errors;
    throw error;
  }
}

function knownError(error: unknown): { status: number; title: string; message: string } | null {
  if (error instanceof CoreError && error.code === 'UNKNOWN_DOCUMENT') {
    return {
      status: 404,
      title: 'Document introuvable',
      message: 'Paperasse ne fait pas ce document. Voici ceux qu’il sait remplir.',
    };
  }
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large' || type === 'parameters.too.many') {
    return {
      status: 413,
      title: 'Formulaire trop volumineux',
      message: 'Le formulaire envoyé dépasse la taille admise.',
    };
  }
  return null;
}

/** The French names of every country, sorted, for the country fields' suggestions. */
function countryNames(): string[] {
  const names: string[] = [];
  for (let first = 65; first <= 90; first += 1) {
    for (let second = 65; second <= 90; second += 1) {
      const code = String.fromCharCode(first, second);
      const name = isCountryCode(code) ? countryNameFr(code) : null;
      if (name) names.push(name);
    }
  }
  return names.sort((a, b) => a.localeCompare(b, 'fr'));
}
