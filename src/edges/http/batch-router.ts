import { Router, type Request, type RequestHandler, type Response } from 'express';
import { fileNamer, patternPaths } from '../../batch/file-names.js';
import { checkRows, renderRows, type RowResult } from '../../batch/render-rows.js';
import { writeMerged } from '../../batch/write-merged.js';
import { writeZip } from '../../batch/write-zip.js';
import { CoreError, validationFailed } from '../../core/errors.js';
import type { CatalogEntry } from '../../core/catalog.js';
import type { Core } from '../../core/render-document.js';
import type { SchemaNode } from '../../core/schema-node.js';
import { templateCsv, templateSheet, templateXlsx } from '../batch/template-sheet.js';
import { batchInput, type BatchInput, type BatchLimits, type SheetReader } from './batch-input.js';
import { contentDisposition } from './content-disposition.js';
import { multipartParts } from './document-parts.js';
import { jsonBody } from './json-body.js';
import { methodNotAllowed } from './method-not-allowed.js';
import type { BatchObserver } from '../../observer.js';

export interface BatchRouterOptions {
  core: Core;
  limits: BatchLimits & { concurrency: number; maxFiles: number };
  /** The face the merged PDF's report is printed in (Liberation Sans). */
  reportFont: Uint8Array;
  /** Reads a class spreadsheet, off the main thread. */
  readSheet: SheetReader;
  /** An example row per document for its model spreadsheet (its sample). */
  examples?: ReadonlyMap<string, unknown>;
  /** Told of each row that comes out (metrics). */
  observer?: BatchObserver;
}

/**
 * A class at once (POST /v1/batch/{id}): the rows as a JSON array or a spreadsheet, one PDF per
 * valid row streamed in a ZIP with rapport.csv (default) or merged in one PDF (?output=pdf), and
 * the model spreadsheet (GET …/template.csv, …/template.xlsx). Every row is checked before the
 * first byte: a batch where no row is valid answers 422 with each row's errors.
 */
export function batchRouter(options: BatchRouterOptions): Router {
  const router = Router();
  const { core, limits } = options;
  const json = jsonBody(`${limits.maxBytes}b`);
  const parts = multipartParts({
    fileSize: limits.maxBytes,
    totalSize: limits.maxBytes * 2,
    maxFiles: limits.maxFiles,
  });
  const body: RequestHandler = (req, res, next) => {
    if (req.is('multipart/form-data')) parts(req, res, next);
    else {
      const [requireJson, parseJson] = json as [RequestHandler, RequestHandler];
      requireJson(req, res, (error?: unknown) => (error ? next(error) : parseJson(req, res, next)));
    }
  };

  router.get('/:id/template.:format', async (req, res) => {
    const entry = core.catalog.find(req.params.id);
    const format = req.params.format;
    if (format !== 'csv' && format !== 'xlsx') throw notFound(req);
    const sheet = templateSheet(
      entry.jsonSchema as SchemaNode,
      options.examples?.get(entry.document.id),
    );
    const name = `modele-${entry.document.id}`;
    res.set('Content-Disposition', contentDisposition(name, format));
    if (format === 'csv') res.type('text/csv; charset=utf-8').send(templateCsv(sheet));
    else {
      res
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(await templateXlsx(sheet, entry.document.id));
    }
  });

  router.post('/:id', admitted(core), body, async (req, res) => {
    const id = req.params.id as string;
    const entry = core.catalog.find(id);
    const output = outputOf(req);
    const engine = typeof req.query.engine === 'string' ? req.query.engine : undefined;
    const pattern = typeof req.query.nom === 'string' ? req.query.nom : undefined;
    if (pattern !== undefined) checkPattern(pattern);
    const input = await batchInput(req, entry, { limits, readSheet: options.readSheet });
    const checked = checkRows(core, input.rows, id);
    if (checked.every((row) => row.errors.length > 0)) throw nothingValid(checked);
    await sendBatch(res, {
      core,
      entry,
      input,
      output,
      ...(engine ? { engine } : {}),
      ...(pattern ? { pattern } : {}),
      concurrency: limits.concurrency,
      reportFont: options.reportFont,
      ...(options.observer ? { observer: options.observer } : {}),
    });
  });

  router.all('/:id/template.:format', methodNotAllowed('GET'));
  router.all('/:id', methodNotAllowed('POST'));
  return router;
}

export interface SendBatchOptions {
  core: Core;
  entry: CatalogEntry;
  input: BatchInput;
  output: 'zip' | 'pdf';
  engine?: string;
  pattern?: string;
  concurrency: number;
  reportFont: Uint8Array;
  observer?: BatchObserver;
}

/**
 * The rows rendered and answered: the ZIP streamed while they render, or the merged PDF with the
 * counts in Paperasse-Batch. The caller has checked that some row is valid.
 */
export async function sendBatch(res: Response, options: SendBatchOptions): Promise<void> {
  const { core, entry, input, output } = options;
  const id = entry.document.id;
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  const results = renderRows(core, input.rows, {
    document: id,
    ...(options.engine ? { engine: options.engine } : {}),
    files: input.files,
    concurrency: options.concurrency,
    signal: controller.signal,
    ...(options.observer ? { observer: options.observer } : {}),
  });
  if (output === 'pdf') {
    const { pdf, summary } = await writeMerged(results, {
      font: options.reportFont,
      title: entry.document.title,
    });
    res
      .status(200)
      .type('application/pdf')
      .set('Content-Disposition', contentDisposition(`${id}-lot`))
      .set(
        'Paperasse-Batch',
        `rows=${summary.rows}; produced=${summary.produced}; refused=${summary.refused}`,
      )
      .set('Access-Control-Expose-Headers', 'Content-Disposition, Paperasse-Batch')
      .send(Buffer.from(pdf));
    return;
  }
  res
    .status(200)
    .type('application/zip')
    .set('Content-Disposition', contentDisposition(`${id}-lot`, 'zip'))
    .set('Access-Control-Expose-Headers', 'Content-Disposition');
  await writeZip(results, res, {
    names: fileNamer(options.pattern ?? entry.document.batchFileName),
  });
}

/** The engine's room, asked before the body is read (as a single render does). */
function admitted(core: Core): RequestHandler {
  return (req, _res, next) => {
    try {
      const engine = typeof req.query.engine === 'string' ? req.query.engine : undefined;
      core.admit({ document: req.params.id as string, ...(engine ? { engine } : {}) });
      next();
    } catch (error) {
      next(error);
    }
  };
}

function outputOf(req: Request): 'zip' | 'pdf' {
  const output = req.query.output ?? 'zip';
  if (output === 'zip' || output === 'pdf') return output;
  throw new CoreError('INVALID_PARAMETER', {
    detail_en: 'output must be zip (one PDF per row and rapport.csv) or pdf (one merged PDF).',
    detail_fr: 'output doit valoir zip (un PDF par ligne et rapport.csv) ou pdf (un seul PDF).',
  });
}

function checkPattern(pattern: string): void {
  if (patternPaths(pattern).length > 0 && pattern.length <= 200) return;
  throw new CoreError('INVALID_PARAMETER', {
    detail_en:
      'nom must name at least one field in braces, e.g. {eleve.nomNaissance}-{eleve.prenom}.',
    detail_fr:
      'nom doit citer au moins un champ entre accolades, par exemple {eleve.nomNaissance}-{eleve.prenom}.',
  });
}

/** Every row refused: 422, each issue's path prefixed by its row (`lignes[3].eleve.nir`). */
function nothingValid(rows: readonly RowResult[]): CoreError {
  return validationFailed(
    rows.flatMap((row) =>
      row.errors.map((issue) => ({
        ...issue,
        path: `lignes[${row.row}]${issue.path ? `.${issue.path}` : ''}`,
      })),
    ),
  );
}

function notFound(req: Request): CoreError {
  return new CoreError('NOT_FOUND', {
    detail_en: `No route for ${req.method} ${req.path}: template.csv or template.xlsx.`,
    detail_fr: `Aucune route pour ${req.method} ${req.path} : template.csv ou template.xlsx.`,
  });
}
