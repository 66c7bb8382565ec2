import type { Request } from 'express';
import type multer from 'multer';

/** The code of the error a request's files exceed their total budget with. */
export const TOTAL_LIMIT_CODE = 'LIMIT_TOTAL_SIZE';

export class TotalLimitError extends Error {
  readonly code = TOTAL_LIMIT_CODE;
  constructor(
    readonly field: string,
    readonly limit: number,
  ) {
    super(`The files of the request exceed ${limit} bytes`);
  }
}

/**
 * multer's memory storage with one budget for all the files of a request (multer bounds each
 * file, not their sum). The file that crosses it stops being read at once: the request fails
 * without holding more than the budget in memory. Nothing is written to disk.
 */
export function budgetStorage(totalLimit: number): multer.StorageEngine {
  const used = new WeakMap<Request, number>();
  return {
    _handleFile(req, file, callback) {
      const chunks: Buffer[] = [];
      let failed = false;
      file.stream.on('data', (chunk: Buffer) => {
        if (failed) return;
        const total = (used.get(req) ?? 0) + chunk.length;
        used.set(req, total);
        if (total > totalLimit) {
          failed = true;
          file.stream.resume();
          callback(new TotalLimitError(file.fieldname, totalLimit));
          return;
        }
        chunks.push(chunk);
      });
      file.stream.on('error', (error: Error) => {
        if (!failed) callback(error);
        failed = true;
      });
      file.stream.on('end', () => {
        if (failed) return;
        const buffer = Buffer.concat(chunks);
        callback(null, { buffer, size: buffer.length });
      });
    },
    _removeFile(_req, file, callback) {
      (file as { buffer?: Buffer }).buffer = undefined;
      callback(null);
    },
  };
}
