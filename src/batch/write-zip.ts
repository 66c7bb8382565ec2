import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import type { FileNamer } from './file-names.js';
import type { RowResult } from './render-rows.js';
import { reportCsv, type ReportLine } from './report-csv.js';

export const REPORT_NAME = 'rapport.csv';

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
  try {
    for await (const result of results) {
      const file = result.pdf && options.names.next(result.input, result.row, result.fileName);
      if (result.pdf && file)
        zip.addBuffer(Buffer.from(result.pdf), file, { compress: false, mtime });
      record(summary, result, file);
      options.onRow?.(result, summary);
      if (out.writableNeedDrain) await once(out, 'drain');
    }
    zip.addBuffer(reportCsv(summary.lines), REPORT_NAME, { mtime });
    zip.end();
    await piped;
    return summary;
  } catch (error) {
    (zip.outputStream as unknown as Readable).destroy(error instanceof Error ? error : undefined);
    await piped.catch(() => undefined);
    throw error;
  }
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
