import type { Request } from 'express';
import type { BatchRow } from '../../batch/render-rows.js';
import type { CatalogEntry } from '../../core/catalog.js';
import { CoreError, validationFailed, type FieldIssue } from '../../core/errors.js';
import { isPlainObject, mergeOver, setAt } from '../../core/input-tree.js';
import { jsonText } from '../../core/parts.js';
import { UnreadableValue, valueReader } from '../../core/read-value.js';
import type { RequestFiles } from '../../core/render-request.js';
import { nodeAt, segmentsOf, type SchemaNode } from '../../core/schema-node.js';

import type { SheetOptions, SheetRead } from '../batch/index.js';

/** Query parameters of POST /v1/batch/{id} that are options, not values shared by the rows. */
export const BATCH_OPTIONS = ['output', 'engine', 'nom'] as const;
/** The multipart parts: the spreadsheet, and the values shared by every row as JSON. */
export const SHEET_PART = 'file';
export const COMMON_PART = 'commun';

export interface BatchInput {
  rows: BatchRow[];
  /** The images every row shares (the school's stamp and signature). */
  files: RequestFiles;
  /** Columns of the spreadsheet that were not read (unknown titles), for the report. */
  ignored: string[];
}

export interface BatchLimits {
  maxRows: number;
  maxBytes: number;
}

/** readSheet, run where untrusted files are read (a worker thread: sheet-workers.ts). */
export type SheetReader = (bytes: Uint8Array, options: SheetOptions) => Promise<SheetRead>;

/**
 * A batch request as rows: a JSON array of payloads, or a spreadsheet in the multipart part
 * `file`; the values every row shares come from the part `commun` (JSON) and from the query
 * string (`etablissement.denomination=…`, read by the field's type), under each row's own.
 */
export async function batchInput(
  req: Request,
  entry: CatalogEntry,
  options: {
    limits: BatchLimits;
    readSheet: SheetReader;
    /** The route's options (query parameters, text parts); BATCH_OPTIONS by default. */
    options?: readonly string[];
  },
): Promise<BatchInput> {
  const { limits } = options;
  const schema = entry.jsonSchema as SchemaNode;
  const named = options.options ?? BATCH_OPTIONS;
  const fromQuery = queryCommons(req, schema, named);
  if (!req.is('multipart/form-data')) {
    const rows = jsonRows(req.body, limits);
    return {
      // A row that is not an object is left as it is: validation names it.
      rows: rows.map((data, index) => ({
        row: index + 1,
        data: isPlainObject(data) ? mergeOver(fromQuery, data) : data,
      })),
      files: { assembling: false, images: [], attachments: [] },
      ignored: [],
    };
  }
  const texts = (req.body ?? {}) as Record<string, unknown>;
  const uploaded = (req.files ?? []) as Express.Multer.File[];
  const images = new Set(entry.parts.images.map((image) => image.part));
  for (const name of Object.keys(texts)) {
    if (name !== COMMON_PART && !optionParts(named).includes(name)) {
      throw unknownPart(name, entry, named);
    }
  }
  for (const file of uploaded) {
    if (file.fieldname !== SHEET_PART && !images.has(file.fieldname)) {
      throw unknownPart(file.fieldname, entry, named);
    }
  }
  const sheet = uploaded.find((file) => file.fieldname === SHEET_PART);
  if (!sheet) throw missingSheet();
  const common =
    texts[COMMON_PART] === undefined ? {} : jsonText(COMMON_PART, String(texts[COMMON_PART]));
  if (!isPlainObject(common)) throw notAnObject(COMMON_PART);
  const read = await options.readSheet(new Uint8Array(sheet.buffer), {
    schema,
    common: mergeOver(fromQuery, common),
    maxRows: limits.maxRows,
    maxBytes: limits.maxBytes,
  });
  return {
    rows: read.rows,
    files: {
      assembling: true,
      images: uploaded
        .filter((file) => images.has(file.fieldname))
        .map((file) => ({ part: file.fieldname, bytes: new Uint8Array(file.buffer) })),
      attachments: [],
    },
    ignored: read.sheetIssues.map((issue) => issue.header),
  };
}

function jsonRows(body: unknown, limits: BatchLimits): unknown[] {
  if (!Array.isArray(body)) {
    throw new CoreError('INVALID_PARAMETER', {
      detail_en:
        'Send the rows as a JSON array of payloads, or a spreadsheet in the multipart part "file".',
      detail_fr:
        'Envoyez les lignes en tableau JSON de données, ou un tableur dans la partie multipart « file ».',
    });
  }
  if (body.length === 0) {
    throw new CoreError('INVALID_PARAMETER', {
      detail_en: 'The batch has no row.',
      detail_fr: 'Le lot n’a aucune ligne.',
    });
  }
  if (body.length > limits.maxRows) throw tooManyRows(limits.maxRows);
  return body;
}

/** `?etablissement.denomination=…&signature.date=20/11/2026`: each read as its field's type. */
function queryCommons(
  req: Request,
  schema: SchemaNode,
  named: readonly string[],
): Record<string, unknown> {
  const common: Record<string, unknown> = {};
  const issues: FieldIssue[] = [];
  for (const [path, value] of Object.entries(req.query)) {
    if (named.includes(path)) continue;
    const node = nodeAt(schema, path);
    const read = node && valueReader(node);
    if (!read || typeof value !== 'string') {
      throw new CoreError('INVALID_PARAMETER', {
        detail_en: `Unknown query parameter "${path}": ${named.join(', ')}, or a field's path given once.`,
        detail_fr: `Paramètre inconnu « ${path} » : ${named.join(', ')}, ou le chemin d’un champ, donné une fois.`,
      });
    }
    try {
      const typed = read(value);
      if (typed !== undefined) setAt(common, segmentsOf(path), typed);
    } catch (error) {
      if (!(error instanceof UnreadableValue)) throw error;
      issues.push({
        path,
        code: error.code,
        message_fr: error.message_fr,
        message_en: error.message_en,
      });
    }
  }
  if (issues.length > 0) throw validationFailed(issues);
  return common;
}

export function tooManyRows(maxRows: number): CoreError {
  return new CoreError('PAYLOAD_TOO_LARGE', {
    detail_en: `A batch has at most ${maxRows} rows (BATCH_MAX_ROWS): split the class.`,
    detail_fr: `Un lot a au plus ${maxRows} lignes (BATCH_MAX_ROWS) : découpez la classe.`,
  });
}

function missingSheet(): CoreError {
  return new CoreError('INVALID_UPLOAD', {
    detail_en: `Send the spreadsheet (CSV or XLSX) in the part "${SHEET_PART}".`,
    detail_fr: `Envoyez le tableur (CSV ou XLSX) dans la partie « ${SHEET_PART} ».`,
  });
}

function notAnObject(part: string): CoreError {
  return new CoreError('INVALID_UPLOAD', {
    detail_en: `The part "${part}" must be a JSON object: the values shared by every row.`,
    detail_fr: `La partie « ${part} » doit être un objet JSON : les valeurs communes à toutes les lignes.`,
  });
}

/** The route's options that may also come as parts (a job's callback); output, engine, nom not. */
function optionParts(named: readonly string[]): string[] {
  return named.filter((option) => !(BATCH_OPTIONS as readonly string[]).includes(option));
}

function unknownPart(name: string, entry: CatalogEntry, named: readonly string[]): CoreError {
  const accepted = [
    SHEET_PART,
    COMMON_PART,
    ...optionParts(named),
    ...entry.parts.images.map((image) => image.part),
  ];
  return new CoreError('INVALID_UPLOAD', {
    detail_en: `Unknown part "${name}"; a batch takes ${accepted.join(', ')}.`,
    detail_fr: `Partie inconnue « ${name} » ; un lot accepte ${accepted.join(', ')}.`,
  });
}
