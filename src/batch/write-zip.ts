import { PassThrough, type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
// Before the first archive: yazl's checksums in C rather than in JavaScript.
import './native-crc32.js';
import type { FileNamer } from './file-names.js';
import type { RowResult } from './render-rows.js';
import { reportCsv, type ReportLine } from './report-csv.js';

export const REPORT_NAME = 'rapport.csv';

/** PDFs the archive may hold before it has written them out: a few, never the class. */
const MAX_PENDING_BYTES = 4 * 1024 * 1024;

export interface BatchSummary {
  rows: number;
  produced: number;
  refused: number;
  lines: ReportLine[];
}

export interface WriteOptions {
  names: FileNamer;
  /** Told of each row as it is written (a progress bar, a job's progress). */
  onRow?: (result: RowResult, summary: BatchSummary) => void;
}

/**
 * The ZIP of a batch, written to `out` while the rows render: one PDF per rendered row (stored,
 * not deflated: PDFs hardly compress) under its file name, then rapport.csv. Each PDF is handed
 * to the archive once the previous ones have left (the destination's back-pressure), so memory
 * holds a few PDFs, never the class.
 */
export async function writeZip(
  results: AsyncIterable<RowResult>,
  out: Writable,
  options: WriteOptions,
): Promise<BatchSummary> {
  const zip = new ZipFile();
  const piped = pipeline(zip.outputStream, out);
  const summary = emptySummary();
  const mtime = new Date();
  // Bytes handed to the archive, and bytes it has written out: yazl takes entries as fast as they
  // come and writes them when it can; the rows wait while too much is pending.
  let added = 0;
  let written = 0;
  const output = zip.outputStream as unknown as Readable;
  output.on('data', (chunk: Buffer) => {
    written += chunk.length;
  });
  try {
    for await (const result of results) {
      const file = result.pdf && options.names.next(result.input, result.row, result.fileName);
      if (result.pdf && file) {
        // Not addBuffer: yazl keeps every entry to the end for the central directory, and
        // whatever its pump holds. The lazy stream lets the PDF and its stream go once written.
        let held: Uint8Array | undefined = result.pdf;
        zip.addReadStreamLazy(
          file,
          { compress: false, mtime, size: result.pdf.byteLength },
          (give) => {
            give(null, streamOf(held ?? new Uint8Array()));
            held = undefined;
          },
        );
        added += result.pdf.byteLength;
      }
      record(summary, result, file);
      options.onRow?.(result, summary);
      while (added - written > MAX_PENDING_BYTES && !out.destroyed) {
        await nextChunkOrEnd(output);
      }
      if (out.destroyed) throw new Error('The batch’s destination was closed');
    }
    zip.addBuffer(reportCsv(summary.lines), REPORT_NAME, { mtime });
    zip.end();
    await piped;
    return summary;
  } catch (error) {
    output.destroy(error instanceof Error ? error : undefined);
    await piped.catch(() => undefined);
    throw error;
  }
}

/**
 * Until the archive writes again, or stops. (Not a race with a promise that lives as long as the
 * batch: each race would stay attached to it, with the chunk it resolved with.)
 */
function nextChunkOrEnd(output: Readable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      output.off('data', done);
      output.off('close', done);
      resolve();
    };
    output.on('data', done);
    output.on('close', done);
  });
}

/** The bytes as a stream that holds them only until they are read. */
function streamOf(bytes: Uint8Array): PassThrough {
  const stream = new PassThrough();
  stream.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return stream;
}

export function emptySummary(): BatchSummary {
  return { rows: 0, produced: 0, refused: 0, lines: [] };
}

/** A row's line of the report, counted. */
export function record(summary: BatchSummary, result: RowResult, file: string | undefined): void {
  summary.rows += 1;
  if (result.errors.length === 0) summary.produced += 1;
  else summary.refused += 1;
  summary.lines.push({
    row: result.row,
    ...(result.id !== undefined ? { id: result.id } : {}),
    ...(file ? { file } : {}),
    warnings: result.warnings,
    errors: result.errors,
  });
}
