import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import type { DocumentService, RenderEngine } from '../../core/render-document.js';
import { contentDisposition } from './content-disposition.js';
import { jsonBody } from './json-body.js';
import { methodNotAllowed } from './method-not-allowed.js';
import { documentParts, readParts } from './document-parts.js';
import { NO_FILES, type RequestFiles } from '../../core/request-files.js';
import { NO_UPLOADS } from '../../documents/document-definition.js';
import { setWarningsHeader, WARNINGS_HEADER } from './warnings-header.js';

export interface DocumentsRouterOptions {
  service: DocumentService;
  bodyLimit: string;
  /** Multipart limits: each file, all files of a request, and their number (UPLOAD_*). */
  uploads: { fileSize: number; totalSize: number; maxFiles: number };
}

/** One generic router for every document of the registry; handlers only translate HTTP. */
export function documentsRouter({ service, bodyLimit, uploads }: DocumentsRouterOptions): Router {
  const router = Router();
  const body = jsonBody(bodyLimit);
  const uploadsOf = (id: string) => service.find(id).uploads ?? NO_UPLOADS;
  const bodyOrParts = jsonOrMultipart(body, documentParts({ ...uploads, uploadsOf }));
  const requestData = (req: Request): { data: unknown; files: RequestFiles } =>
    req.is('multipart/form-data')
      ? readParts(req, uploadsOf(req.params.id as string))
      : { data: req.body, files: NO_FILES };
  const schemas = new Map(
    service
      .list()
      .map((document) => [document.id, jsonSchemaOf(document.id, document.title, document.schema)]),
  );

  router.get('/', (_req, res) => {
    res.json({
      documents: service.list().map((document) => ({
        id: document.id,
        title: document.title,
        reference: document.reference,
        engines: service.engines(document.id),
        // The multipart parts it takes: an image per box, and the supporting documents asked for.
        uploads: {
          images: (document.uploads ?? NO_UPLOADS).images.map(({ name, label_fr, label_en }) => ({
            part: name,
            label_fr,
            label_en,
          })),
          attachments: (document.uploads ?? NO_UPLOADS).attachments.map(
            ({ name, label_fr, label_en, when }) => ({
              part: `attachments.${name}`,
              label_fr,
              label_en,
              always: !when,
            }),
          ),
        },
        links: {
          render: `/v1/documents/${document.id}`,
          validate: `/v1/documents/${document.id}/validate`,
          schema: `/v1/documents/${document.id}/schema`,
          ...(document.engines.includes('acroform')
            ? { blank: `/v1/documents/${document.id}/blank` }
            : {}),
        },
      })),
    });
  });

  router.get('/:id/schema', (req, res) => {
    const document = service.find(req.params.id);
    res.type('application/schema+json').send(JSON.stringify(schemas.get(document.id)));
  });

  router.get('/:id/blank', async (req, res) => {
    const blank = await service.blank(req.params.id);
    sendPdf(res, blank.pdf, blank.fileName);
  });

  router.post('/:id/validate', documentExists(service), bodyOrParts, async (req, res) => {
    const { data, files } = requestData(req);
    // The files are checked too (content, decoding), so a bad upload is found before a render.
    const { warnings } = await service.check(req.params.id as string, data, files);
    setWarningsHeader(res, warnings);
    res.json({ valid: true, warnings });
  });

  router.post('/:id', documentExists(service), bodyOrParts, async (req, res) => {
    const controller = abortOnDisconnect(res);
    const { data, files } = requestData(req);
    const rendered = await service.render(req.params.id as string, data, {
      engine: engineParam(req),
      flatten: flattenParam(req),
      signal: controller.signal,
      files,
    });
    setWarningsHeader(res, rendered.warnings);
    sendPdf(res, rendered.pdf, rendered.fileName);
  });

  router.all('/', methodNotAllowed('GET'));
  router.all('/:id/schema', methodNotAllowed('GET'));
  router.all('/:id/validate', methodNotAllowed('POST'));
  router.all('/:id/blank', methodNotAllowed('GET'));
  router.all('/:id', methodNotAllowed('POST'));
  return router;
}

/** Answer 404 for an unknown document before reading (and judging) its body. */
function documentExists(service: DocumentService) {
  return (req: Request, _res: unknown, next: (error?: unknown) => void) => {
    try {
      service.find(req.params.id as string);
      next();
    } catch (error) {
      next(error);
    }
  };
}

function sendPdf(res: Response, pdf: Uint8Array, fileName: string): void {
  res
    .status(200)
    .type('application/pdf')
    .set('Content-Disposition', contentDisposition(fileName))
    .set('Access-Control-Expose-Headers', `${WARNINGS_HEADER}, Content-Disposition`)
    .send(Buffer.from(pdf));
}

/** `flatten`: true (the default) or false (engine=acroform keeps the form editable). */
function flattenParam(req: Request): boolean | undefined {
  const flatten = req.query.flatten;
  if (flatten === undefined) return undefined;
  if (flatten === 'true' || flatten === 'false') return flatten === 'true';
  throw new AppError('INVALID_PARAMETER', {
    detail_en: 'flatten must be true or false, given once.',
    detail_fr: 'flatten doit valoir true ou false, donné une fois.',
  });
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

function engineParam(req: Request): RenderEngine | undefined {
  const engine = req.query.engine;
  if (engine === undefined) return undefined;
  if (typeof engine !== 'string') {
    throw new AppError('INVALID_PARAMETER', {
      detail_en: 'engine must be given once.',
      detail_fr: 'engine ne doit être donné qu’une fois.',
    });
  }
  return engine as RenderEngine;
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

function jsonSchemaOf(id: string, title: string, schema: z.ZodType): unknown {
  return {
    ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
    $id: `/v1/documents/${id}/schema`,
    title,
  };
}
