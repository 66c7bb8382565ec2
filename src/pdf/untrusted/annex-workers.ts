import type { NormalizedImage } from '../../uploads/images.js';
import { UploadError } from '../../uploads/errors.js';
import { createWorkerPool, type SerializedError } from '../../shared/worker-pool.js';
import type { PdfLimit } from './limits.js';

/** An annex as the core hands it to the assembly: a sanitized PDF (read()), or an image. */
export type AnnexInput =
  | { caption: string; kind: 'pdf'; pdf: Uint8Array; pageCount: number }
  | { caption: string; kind: 'image'; image: NormalizedImage };

export interface ReadAnnex {
  /** The PDF as pdf-lib rewrote it: flattened, without anything that acts. */
  bytes: Uint8Array;
  pageCount: number;
  /** What was taken out, sorted. */
  removed: string[];
}

export interface AnnexWorkers {
  /** An uploaded PDF checked, flattened and stripped (see pdf-attachment.ts), or an UploadError. */
  read(bytes: Uint8Array): Promise<ReadAnnex>;
  /** The document followed by the list of annexes and the annexes (see assemble.ts). */
  append(
    documentPdf: Uint8Array,
    annexes: readonly AnnexInput[],
    maxPages: number,
  ): Promise<Uint8Array>;
  close(): Promise<void>;
}

export interface PdfWorkerOptions {
  size: number;
  queueLimit: number;
  timeoutMs: number;
  heapMb: number;
}

/**
 * Every untrusted PDF an annex brings is read in these workers, off the main thread, under the
 * limits of limits.ts, a deadline and a heap limit: a hostile file costs a worker, not the
 * service. A file over the deadline or the heap is an UploadError 'too-complex'.
 */
export function createAnnexWorkers(options: PdfWorkerOptions & { font: Uint8Array }): AnnexWorkers {
  const pool = createWorkerPool({
    script: new URL('./annex-worker.js', import.meta.url),
    size: options.size,
    queueLimit: options.queueLimit,
    timeoutMs: options.timeoutMs,
    heapMb: options.heapMb,
    workerData: { font: options.font },
    recycleAfter: 200,
    revive: reviveUploadError,
    onLimit: (error) =>
      new UploadError('too-complex', error.message, { limit: error.limit, cause: error }),
    keepAfter: (error) => error.name === 'UploadError' && error.reason !== 'too-complex',
  });
  return {
    read: (bytes) => pool.run<ReadAnnex>('read', [bytes]),
    append: (documentPdf, annexes, maxPages) =>
      pool.run<Uint8Array>('append', [documentPdf, annexes, maxPages]),
    close: () => pool.close(),
  };
}

function reviveUploadError(error: SerializedError): Error {
  if (error.name === 'UploadError') {
    const revived = new UploadError(error.reason as UploadError['reason'], error.message, {
      ...(typeof error.part === 'string' ? { part: error.part } : {}),
      ...(error.limit ? { limit: error.limit as PdfLimit } : {}),
    });
    return revived;
  }
  const plain = new Error(error.message);
  plain.name = error.name;
  return plain;
}
