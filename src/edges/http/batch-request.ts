import type { Request, RequestHandler } from 'express';
import { patternPaths } from '../../batch/file-names.js';
import { checkRows, type RowResult } from '../../batch/render-rows.js';
import type { BatchSpec } from '../../batch/write-batch.js';
import type { CatalogEntry } from '../../core/catalog.js';
import { CoreError, validationFailed } from '../../core/errors.js';
import type { Core } from '../../core/render-document.js';
import {
  BATCH_OPTIONS,
  batchInput,
  type BatchInput,
  type BatchLimits,
  type SheetReader,
} from './batch-input.js';
import { multipartParts } from './document-parts.js';
import { jsonBody } from './json-body.js';

/**
 * What POST /v1/batch/{id} and POST /v1/jobs/{id} read alike: the engine's room asked first, the
 * body (a JSON array or a multipart spreadsheet), the options (output, engine, nom), the rows,
 * each row checked. A request where no row is valid is refused here, with each row's errors.
 */

export interface BatchRequestOptions {
  core: Core;
  limits: BatchLimits & { maxFiles: number };
  readSheet: SheetReader;
  /** Query parameters and text parts that are options of the route, beyond BATCH_OPTIONS. */
  extraOptions?: readonly string[];
}

export interface BatchRequest {
  entry: CatalogEntry;
  input: BatchInput;
  spec: BatchSpec;
}

/** The body as JSON or as multipart parts, under the batch's size limits. */
export function batchBody(limits: BatchLimits & { maxFiles: number }): RequestHandler {
  const json = jsonBody(`${limits.maxBytes}b`);
  const parts = multipartParts({
    fileSize: limits.maxBytes,
    totalSize: limits.maxBytes * 2,
    maxFiles: limits.maxFiles,
  });
  return (req, res, next) => {
    if (req.is('multipart/form-data')) parts(req, res, next);
    else {
      const [requireJson, parseJson] = json as [RequestHandler, RequestHandler];
      requireJson(req, res, (error?: unknown) => (error ? next(error) : parseJson(req, res, next)));
    }
  };
}

/** The engine's room, asked before the body is read (as a single render does). */
export function admitted(core: Core): RequestHandler {
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

/** The request read into a batch: its rows checked, refused when none is valid. */
export async function readBatchRequest(
  req: Request,
  options: BatchRequestOptions,
): Promise<BatchRequest> {
  const { core } = options;
  const id = req.params.id as string;
  const entry = core.catalog.find(id);
  const output = outputOf(req);
  const engine = typeof req.query.engine === 'string' ? req.query.engine : undefined;
  const pattern = typeof req.query.nom === 'string' ? req.query.nom : undefined;
  if (pattern !== undefined) checkPattern(pattern);
  const input = await batchInput(req, entry, {
    limits: options.limits,
    readSheet: options.readSheet,
    options: [...BATCH_OPTIONS, ...(options.extraOptions ?? [])],
  });
  const checked = checkRows(core, input.rows, entry.document.id);
  if (checked.every((row) => row.errors.length > 0)) throw nothingValid(checked);
  const spec: BatchSpec = {
    document: entry.document.id,
    rows: input.rows,
    files: input.files,
    output,
    ...(engine ? { engine } : {}),
    ...(pattern ? { pattern } : {}),
  };
  return { entry, input, spec };
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
