import { CoreError, workersBusy, type ErrorCode, type FieldIssue } from '../../core/errors.js';
import {
  createWorkerPool,
  WorkerQueueFullError,
  type SerializedError,
} from '../../shared/worker-pool.js';
import type { SheetOptions, SheetRead } from './read-sheet.js';

export interface SheetWorkers {
  /** readSheet in a worker thread: a hostile workbook costs a worker, not the service. */
  read(bytes: Uint8Array, options: SheetOptions): Promise<SheetRead>;
  close(): Promise<void>;
}

export interface SheetWorkerOptions {
  size: number;
  queueLimit: number;
  timeoutMs: number;
  heapMb: number;
}

/**
 * A spreadsheet is an untrusted file like an uploaded PDF: an XLSX is a ZIP of XML that exceljs
 * inflates and parses in memory, a CSV may be megabytes of quotes. Both are read in these
 * workers, under a deadline and a heap limit (the PDF_WORKER settings); a file over them is a
 * 422 naming the limit.
 */
export function createSheetWorkers(options: SheetWorkerOptions): SheetWorkers {
  const pool = createWorkerPool({
    script: new URL('./sheet-worker.js', import.meta.url),
    ...options,
    recycleAfter: 50,
    revive: reviveCoreError,
    onLimit: (error) =>
      new CoreError('SHEET_TOO_COMPLEX', {
        detail_en: `The spreadsheet took too much ${error.limit === 'time' ? 'time' : 'memory'} to read: split the class or save it again as CSV.`,
        detail_fr: `Le tableur demandait trop de ${error.limit === 'time' ? 'temps' : 'mémoire'} à lire : découpez la classe ou enregistrez-la de nouveau en CSV.`,
        cause: error,
      }),
    // A refusal (a damaged file, too many rows) leaves the worker as it was.
    keepAfter: (error) => error.name === 'CoreError',
  });
  return {
    async read(bytes, sheetOptions) {
      try {
        return await pool.run<SheetRead>('read', [bytes, sheetOptions]);
      } catch (error) {
        if (error instanceof WorkerQueueFullError) throw workersBusy(error.retryAfterSeconds);
        throw error;
      }
    },
    close: () => pool.close(),
  };
}

function reviveCoreError(error: SerializedError): Error {
  if (error.name === 'CoreError') {
    return new CoreError(error.code as ErrorCode, {
      detail_en: error.message,
      detail_fr: String(error.detail_fr),
      ...(Array.isArray(error.errors) ? { errors: error.errors as FieldIssue[] } : {}),
    });
  }
  const plain = new Error(error.message);
  plain.name = error.name;
  return plain;
}
