import { setTimeout as sleep } from 'node:timers/promises';
import { CoreError, type FieldIssue } from '../core/errors.js';
import type { RequestFiles } from '../core/render-request.js';
import type { Core } from '../core/render-document.js';
import type { BatchObserver } from '../observer.js';

/**
 * A class at once: one render per row, the rows in order, a few at a time. Shared by every edge
 * that takes many rows (HTTP batch, CLI, job workers): they bring the rows (a spreadsheet read by
 * read-sheet.ts, or a JSON array) and write the results out (a ZIP, one merged PDF, a report).
 */

/** One row to render: its data, and what could not be read from its cells. */
export interface BatchRow {
  /** 1-based: the spreadsheet's line (the header is line 1), or the array's position. */
  row: number;
  /** The row's own id (a `ligne` column), when it has one. */
  id?: string;
  data: unknown;
  /** Cells that could not be read (a date "31/02"): the row fails, with its other issues too. */
  issues?: readonly FieldIssue[];
}

export interface RowResult {
  row: number;
  id?: string;
  /** The row's data (rendered rows), for file names. */
  input?: unknown;
  pdf?: Uint8Array;
  /** The core's name for the file, without extension. */
  fileName?: string;
  warnings: readonly FieldIssue[];
  /** Empty for a rendered row. */
  errors: readonly FieldIssue[];
}

export interface RenderRowsOptions {
  document: string;
  engine?: string;
  /** Files every row shares (the school's stamp and signature), sent once. */
  files?: RequestFiles;
  /** Renders in flight at once; the engines queue beyond their own concurrency. */
  concurrency?: number;
  signal?: AbortSignal;
  /** Told of each row that comes out, rendered or refused (metrics). */
  observer?: BatchObserver;
}

/**
 * Each row checked, then rendered; results come out in the rows' order while later rows render.
 * A bad row never stops the batch: it comes out with its errors. A fault of ours, or the caller
 * going away, stops it.
 */
export async function* renderRows(
  core: Core,
  rows: Iterable<BatchRow> | AsyncIterable<BatchRow>,
  options: RenderRowsOptions,
): AsyncGenerator<RowResult> {
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const pending: Promise<RowResult>[] = [];
  const counted = (result: RowResult): RowResult => {
    const rendered = result.errors.length === 0;
    options.observer?.batchRow?.({ document: options.document, rendered });
    return result;
  };
  for await (const row of rows) {
    options.signal?.throwIfAborted();
    const next = renderRow(core, row, options).then(counted);
    // A fault in a row behind the one awaited must not be an unhandled rejection (which ends
    // the process), nor the rows left in flight when the batch stops early: each is handled
    // here, and thrown when its turn comes.
    next.catch(() => undefined);
    pending.push(next);
    if (pending.length >= concurrency) yield await (pending.shift() as Promise<RowResult>);
  }
  while (pending.length > 0) yield await (pending.shift() as Promise<RowResult>);
}

/** The rows' checks only, without rendering: what a batch would refuse, row by row. */
export function checkRows(core: Core, rows: readonly BatchRow[], document: string): RowResult[] {
  return rows.map((row) => {
    try {
      const validated = core.validate({ document, data: row.data });
      const errors = row.issues ?? [];
      return { ...identity(row), input: validated.input, warnings: validated.warnings, errors };
    } catch (error) {
      return { ...identity(row), warnings: [], errors: rowErrors(row, error) };
    }
  });
}

async function renderRow(
  core: Core,
  row: BatchRow,
  options: RenderRowsOptions,
): Promise<RowResult> {
  try {
    if (row.issues && row.issues.length > 0) {
      // The unreadable cells, and whatever else the rest of the row gets wrong.
      core.validate({ document: options.document, data: row.data });
      return { ...identity(row), warnings: [], errors: row.issues };
    }
    const request = {
      document: options.document,
      data: row.data,
      ...(options.engine ? { engine: options.engine } : {}),
      ...(options.files ? { files: options.files } : {}),
    };
    const rendered = await waitingForRoom(() => core.render(request, options.signal), options);
    return {
      ...identity(row),
      input: row.data,
      pdf: rendered.pdf,
      fileName: rendered.fileName,
      warnings: rendered.warnings,
      errors: [],
    };
  } catch (error) {
    return { ...identity(row), warnings: [], errors: rowErrors(row, error) };
  }
}

/**
 * A full render queue (other callers' renders) is no fault of the row's: it waits for the room
 * the engine says, a bounded number of times, as a polite client would.
 */
async function waitingForRoom<T>(work: () => Promise<T>, options: RenderRowsOptions): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      const full = error instanceof CoreError && error.code === 'RENDER_QUEUE_FULL';
      if (!full || attempt >= MAX_ATTEMPTS) throw error;
      const waitMs = Math.min(1000 * (error.retryAfterSeconds ?? 1), MAX_WAIT_MS);
      await sleep(waitMs, undefined, options.signal ? { signal: options.signal } : {});
    }
  }
}

const MAX_ATTEMPTS = 20;
const MAX_WAIT_MS = 2000;

function identity(row: BatchRow): Pick<RowResult, 'row' | 'id'> {
  return { row: row.row, ...(row.id !== undefined ? { id: row.id } : {}) };
}

/**
 * A row's refusal as field issues: the core's (validation, a value too long for the form, a
 * render that timed out) after the cells that could not be read. Anything else is a fault of
 * ours and stops the batch.
 */
function rowErrors(row: BatchRow, error: unknown): FieldIssue[] {
  if (!(error instanceof CoreError)) throw error;
  const unread = row.issues ?? [];
  const paths = new Set(unread.map((issue) => issue.path));
  const issues: FieldIssue[] = error.errors ?? [
    { path: '', code: error.code, message_fr: error.detail_fr, message_en: error.message },
  ];
  return [...unread, ...issues.filter((issue) => !paths.has(issue.path))];
}
