import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { CatalogEntry } from '../../core/catalog.js';
import { CoreError } from '../../core/errors.js';
import { DATA_PART } from '../../core/parts.js';
import { renderOptions, type RequestFiles } from '../../core/render-request.js';
import type { Core } from '../../core/render-document.js';
import { contentDisposition } from './content-disposition.js';
import { multipartParts, requestParts } from './document-parts.js';
import { jsonBody } from './json-body.js';
import { jsonPart, pdfUpload, uploadedFile } from './multipart.js';
import { methodNotAllowed } from './method-not-allowed.js';
import { setWarningsHeader, WARNINGS_HEADER } from './warnings-header.js';

/**
 * The list of documents and their schemas are the same for every caller and change only with a
 * deployment: shared caches may keep them a few minutes. Everything else is `no-store` (app.ts).
 */
const CATALOG_CACHE = 'public, max-age=300';

export interface DocumentsRouterOptions {
  core: Core;
  bodyLimit: string;
  /** Multipart limits: each file, all files of a request, and their number (UPLOAD_*). */
  uploads: { fileSize: number; totalSize: number; maxFiles: number };
  /** How long a render finding the queue full waits for room before its 429 (0: not at all). */
  refusalHoldMs?: number;
}

/**
 * One generic router for every document of the catalog. Handlers only translate: HTTP in, one
 * render request to the core, its answer out.
 */
export function documentsRouter({
  core,
  bodyLimit,
  uploads,
  refusalHoldMs = 0,
}: DocumentsRouterOptions): Router {
  const router = Router();
  const { catalog } = core;
  const bodyOrParts = jsonOrMultipart(jsonBody(bodyLimit), multipartParts(uploads));
  const requestData = (req: Request): { data: unknown; files?: RequestFiles } =>
    req.is('multipart/form-data')
      ? requestParts(req, catalog.find(req.params.id as string).parts)
      : { data: req.body };
  const schemas = new Map(catalog.list().map((entry) => [entry.document.id, jsonSchemaOf(entry)]));

  router.get('/', (_req, res) => {
    res.set('Cache-Control', CATALOG_CACHE).json({ documents: catalog.list().map(listing) });
  });

  router.get('/:id/schema', (req, res) => {
    const { document } = catalog.find(req.params.id);
    res
      .set('Cache-Control', CATALOG_CACHE)
      .type('application/schema+json')
      .send(JSON.stringify(schemas.get(document.id)));
  });

  router.get('/:id/blank', async (req, res) => {
    const blank = await core.blank(req.params.id);
    sendPdf(res, blank.pdf, blank.fileName);
  });

  router.post('/:id/validate', documentExists(core), bodyOrParts, async (req, res) => {
    // The files are checked too (content, decoding), so a bad upload is found before a render.
    // ?engine=acroform: also what that engine would refuse (a value too long for its box).
    const { warnings } = await core.check({
      document: req.params.id as string,
      ...requestData(req),
      ...queryOptions(req),
    });
    setWarningsHeader(res, warnings);
    res.json({ valid: true, warnings });
  });

  // A filled blank form back to its data: the PDF in `file`, values without a box in `data`.
  const formUpload = pdfUpload({ fileSize: uploads.fileSize, fields: [DATA_PART] });
  router.post('/:id/read', documentExists(core), formUpload, async (req, res) => {
    const given = (req.body as Record<string, unknown>)[DATA_PART] !== undefined;
    const read = await core.read({
      document: req.params.id as string,
      form: uploadedFile(req),
      ...(given ? { data: jsonPart(req, DATA_PART) } : {}),
    });
    setWarningsHeader(res, read.warnings);
    res.json({ valid: true, data: read.data, warnings: read.warnings });
  });

  const admit = admitRender(core, refusalHoldMs);
  router.post('/:id', documentExists(core), admit, bodyOrParts, async (req, res) => {
    const controller = abortOnDisconnect(res);
    const request = { document: req.params.id as string, ...requestData(req) };
    const options = queryOptions(req);
    const rendered = await core.render({ ...request, ...options }, controller.signal);
    setWarningsHeader(res, rendered.warnings);
    sendPdf(res, rendered.pdf, rendered.fileName);
  });

  router.all('/', methodNotAllowed('GET'));
  router.all('/:id/schema', methodNotAllowed('GET'));
  router.all('/:id/validate', methodNotAllowed('POST'));
  router.all('/:id/blank', methodNotAllowed('GET'));
  router.all('/:id/read', methodNotAllowed('POST'));
  router.all('/:id', methodNotAllowed('POST'));
  return router;
}

/** A document as GET /v1/documents lists it: what it is, how it renders, what it takes, where. */
function listing({ document, engines, parts }: CatalogEntry) {
  const base = `/v1/documents/${document.id}`;
  return {
    id: document.id,
    title: document.title,
    reference: document.reference,
    engines: engines.map((engine) => engine.id),
    // The multipart parts it takes: an image per box, and the supporting documents asked for.
    uploads: {
      images: parts.images.map(({ part, label_fr, label_en }) => ({ part, label_fr, label_en })),
      attachments: parts.attachments.map(({ part, label_fr, label_en, always }) => ({
        part,
        label_fr,
        label_en,
        always,
      })),
    },
    links: {
      render: base,
      validate: `${base}/validate`,
      schema: `${base}/schema`,
      ...(engines.some((engine) => engine.blank)
        ? { blank: `${base}/blank`, read: `${base}/read` }
        : {}),
    },
  };
}

/**
 * Answer 429 when the engine the render would use has no room, before reading its body: a full
 * queue then costs no upload and no parsing. The same refusal as the render's own (see
 * Core.admit); a bad engine or flatten parameter is a 400, also before reading.
 *
 * A render that finds the queue full first waits `holdMs` for room (a timer: no CPU), then is
 * asked again: served if room was made, refused otherwise. Clients that retry at once on 429
 * (most do) then knock a few times a second instead of hundreds, which would otherwise take the
 * CPU Chromium needs: measured by `npm run load`.
 */
function admitRender(core: Core, holdMs: number): RequestHandler {
  return (req, res, next) => {
    const request = { document: req.params.id as string, engine: queryOptions(req).engine };
    const refusal = admission(core, request);
    if (!refusal || holdMs === 0 || !isQueueFull(refusal)) {
      next(refusal);
      return;
    }
    const held = setTimeout(() => next(admission(core, request)), holdMs);
    res.once('close', () => clearTimeout(held));
  };
}

function admission(core: Core, request: { document: string; engine?: string }): unknown {
  try {
    core.admit(request);
    return undefined;
  } catch (error) {
    return error;
  }
}

function isQueueFull(error: unknown): boolean {
  return error instanceof CoreError && error.code === 'RENDER_QUEUE_FULL';
}

function queryOptions(req: Request): { engine?: string; flatten?: boolean } {
  return renderOptions({ engine: textParam(req, 'engine'), flatten: textParam(req, 'flatten') });
}

/** Answer 404 for an unknown document before reading (and judging) its body. */
function documentExists(core: Core): RequestHandler {
  return (req, _res, next) => {
    try {
      core.catalog.find(req.params.id as string);
      next();
    } catch (error) {
      next(error);
    }
  };
}

function sendPdf(res: Response, pdf: Uint8Array, fileName: string): void {
  res
    .status(200)
    .set('Cache-Control', 'no-store')
    .type('application/pdf')
    .set('Content-Disposition', contentDisposition(fileName))
    .set('Access-Control-Expose-Headers', `${WARNINGS_HEADER}, Content-Disposition`)
    .send(Buffer.from(pdf));
}

/** A query parameter as text: once (a string), several times (an array), or absent. */
function textParam(req: Request, name: string): string | string[] | undefined {
  const value = req.query[name];
  if (value === undefined || typeof value === 'string') return value;
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** The document's data as a JSON body, or multipart/form-data (see document-parts.ts). */
function jsonOrMultipart(json: RequestHandler[], parts: RequestHandler): RequestHandler {
  return (req, res, next) => {
    if (req.is('multipart/form-data')) {
      parts(req, res, next);
      return;
    }
    const [requireJson, parseJson] = json as [RequestHandler, RequestHandler];
    requireJson(req, res, (error?: unknown) => (error ? next(error) : parseJson(req, res, next)));
  };
}

/**
 * A client that goes away stops its render from waiting for a page. The response's 'close' is
 * the signal: the request's own 'close' fires as soon as its body has been read.
 */
function abortOnDisconnect(res: Response): AbortController {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller;
}

/** The catalog's JSON Schema, named by its URL and titled by the document. */
function jsonSchemaOf({ document, jsonSchema }: CatalogEntry): unknown {
  return { ...jsonSchema, $id: `/v1/documents/${document.id}/schema`, title: document.title };
}
