import { Router, type Request, type Response } from 'express';
import { writeBatch, type BatchSpec } from '../../batch/write-batch.js';
import type { BatchSummary } from '../../batch/write-zip.js';
import { CoreError } from '../../core/errors.js';
import type { CatalogEntry } from '../../core/catalog.js';
import type { Core } from '../../core/render-document.js';
import type { SchemaNode } from '../../core/schema-node.js';
import { templateCsv, templateSheet, templateXlsx } from '../batch/template-sheet.js';
import type { BatchInput, BatchLimits, SheetReader } from './batch-input.js';
import { admitted, batchBody, readBatchRequest } from './batch-request.js';
import { contentDisposition } from './content-disposition.js';
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
  const body = batchBody(limits);

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
    const { entry, input, spec } = await readBatchRequest(req, {
      core,
      limits,
      readSheet: options.readSheet,
    });
    await sendBatch(res, {
      core,
      entry,
      input,
      output: spec.output,
      ...(spec.engine ? { engine: spec.engine } : {}),
      ...(spec.pattern ? { pattern: spec.pattern } : {}),
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
  const { entry, input } = options;
  const id = entry.document.id;
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  const spec: BatchSpec = {
    document: id,
    rows: input.rows,
    files: input.files,
    output: options.output,
    ...(options.engine ? { engine: options.engine } : {}),
    ...(options.pattern ? { pattern: options.pattern } : {}),
  };
  await writeBatch(
    options.core,
    spec,
    {
      zip: () =>
        res
          .status(200)
          .type('application/zip')
          .set('Content-Disposition', contentDisposition(`${id}-lot`, 'zip'))
          .set('Access-Control-Expose-Headers', 'Content-Disposition'),
      pdf: (pdf, summary) => {
        res
          .status(200)
          .type('application/pdf')
          .set('Content-Disposition', contentDisposition(`${id}-lot`))
          .set('Paperasse-Batch', batchCounts(summary))
          .set('Access-Control-Expose-Headers', 'Content-Disposition, Paperasse-Batch')
          .send(Buffer.from(pdf));
      },
    },
    {
      concurrency: options.concurrency,
      reportFont: options.reportFont,
      signal: controller.signal,
      ...(options.observer ? { observer: options.observer } : {}),
    },
  );
}

/** `rows=30; produced=28; refused=2`: the merged PDF's counts, in a header. */
function batchCounts(summary: BatchSummary): string {
  return `rows=${summary.rows}; produced=${summary.produced}; refused=${summary.refused}`;
}

function notFound(req: Request): CoreError {
  return new CoreError('NOT_FOUND', {
    detail_en: `No route for ${req.method} ${req.path}: template.csv or template.xlsx.`,
    detail_fr: `Aucune route pour ${req.method} ${req.path} : template.csv ou template.xlsx.`,
  });
}
