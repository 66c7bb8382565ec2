import type { FontFile } from '../../fonts.js';
import type { PdfWorkerOptions } from '../../pdf/untrusted/annex-workers.js';
import type { PdfLimit } from '../../pdf/untrusted/limits.js';
import { createWorkerPool, type SerializedError } from '../../shared/worker-pool.js';
import type { PdfForms } from '../engine.js';
import { FormValuesError, UnsupportedPdfError, type FillIssue, type PdfRefusal } from './errors.js';
import type { FormField } from './inspect.js';

/**
 * Any uploaded AcroForm, inspected or filled in worker threads under the reading limits, a
 * deadline and a heap limit (see src/shared/worker-pool.ts): the main thread never parses it.
 */
export function createFormWorkers(
  options: PdfWorkerOptions & { fonts: readonly FontFile[]; covered: ReadonlySet<number> },
): PdfForms & { close(): Promise<void> } {
  const pool = createWorkerPool({
    script: new URL('./form-worker.js', import.meta.url),
    size: options.size,
    queueLimit: options.queueLimit,
    timeoutMs: options.timeoutMs,
    heapMb: options.heapMb,
    workerData: { fonts: options.fonts, covered: [...options.covered] },
    recycleAfter: 200,
    revive: reviveFormError,
    onLimit: (error) =>
      new UnsupportedPdfError('too-complex', error.message, { limit: error.limit }),
    keepAfter: (error) =>
      error.name === 'FormValuesError' ||
      (error.name === 'UnsupportedPdfError' && error.reason !== 'too-complex'),
  });
  return {
    fields: (pdf) => pool.run<FormField[]>('fields', [pdf]),
    fill: (pdf, values, { flatten }) => pool.run<Uint8Array>('fill', [pdf, values, flatten]),
    close: () => pool.close(),
  };
}

function reviveFormError(error: SerializedError): Error {
  if (error.name === 'UnsupportedPdfError') {
    return new UnsupportedPdfError(error.reason as PdfRefusal, error.message, {
      ...(error.limit ? { limit: error.limit as PdfLimit } : {}),
    });
  }
  if (error.name === 'FormValuesError') return new FormValuesError(error.issues as FillIssue[]);
  const plain = new Error(error.message);
  plain.name = error.name;
  return plain;
}
