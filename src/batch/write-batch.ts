import type { Writable } from 'node:stream';
import type { RequestFiles } from '../core/render-request.js';
import type { Core } from '../core/render-document.js';
import type { BatchObserver } from '../observer.js';
import { fileNamer, type FileNamer } from './file-names.js';
import { renderRows, type BatchRow, type RowResult } from './render-rows.js';
import { writeMerged } from './write-merged.js';
import { writeZip, type BatchSummary } from './write-zip.js';

/**
 * A batch from its rows to its file, wherever the file goes: the HTTP answer (POST /v1/batch),
 * or a job's result on disk (src/jobs/). Both take the same rows and write the same bytes.
 */

export interface BatchSpec {
  document: string;
  rows: readonly BatchRow[];
  /** The images every row shares (the school's stamp and signature). */
  files: RequestFiles;
  output: 'zip' | 'pdf';
  engine?: string;
  /** The pattern of the file names in the ZIP (`{eleve.nomNaissance}-{eleve.prenom}`). */
  pattern?: string;
}

/** Where a batch's file goes: the ZIP streams while the rows render, the merged PDF at the end. */
export interface BatchDestination {
  /** Opened before the first row: the ZIP is written into it as rows come out. */
  zip(): Writable;
  /** The merged PDF, once every row is in, with the counts. */
  pdf(pdf: Uint8Array, summary: BatchSummary): Promise<void> | void;
}

export interface WriteBatchOptions {
  concurrency: number;
  /** The face the merged PDF's report is printed in. */
  reportFont: Uint8Array;
  signal?: AbortSignal;
  observer?: BatchObserver;
  /** Told of each row as it is written (a job's progress). */
  onRow?: (result: RowResult, summary: BatchSummary) => void;
}

export async function writeBatch(
  core: Core,
  spec: BatchSpec,
  destination: BatchDestination,
  options: WriteBatchOptions,
): Promise<BatchSummary> {
  const { document } = core.catalog.find(spec.document);
  const results = renderRows(core, spec.rows, {
    document: document.id,
    ...(spec.engine ? { engine: spec.engine } : {}),
    files: spec.files,
    concurrency: options.concurrency,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.observer ? { observer: options.observer } : {}),
  });
  return writeResults(results, destination, {
    output: spec.output,
    title: document.title,
    names: fileNamer(spec.pattern ?? document.batchFileName),
    reportFont: options.reportFont,
    ...(options.onRow ? { onRow: options.onRow } : {}),
  });
}

export interface WriteResultsOptions {
  output: 'zip' | 'pdf';
  /** The document's title, on the merged PDF's report. */
  title: string;
  names: FileNamer;
  reportFont: Uint8Array;
  onRow?: WriteBatchOptions['onRow'];
}

/**
 * Rows already rendered, to the batch's file: what writeBatch does once rendering, and what a
 * job's last step does with the rows its workers rendered (src/jobs/redis/).
 */
export async function writeResults(
  results: AsyncIterable<RowResult>,
  destination: BatchDestination,
  options: WriteResultsOptions,
): Promise<BatchSummary> {
  const onRow = options.onRow ? { onRow: options.onRow } : {};
  if (options.output === 'pdf') {
    const { pdf, summary } = await writeMerged(results, {
      font: options.reportFont,
      title: options.title,
      ...onRow,
    });
    await destination.pdf(pdf, summary);
    return summary;
  }
  return writeZip(results, destination.zip(), { names: options.names, ...onRow });
}
