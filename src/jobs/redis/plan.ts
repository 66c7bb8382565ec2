import type { BatchRow } from '../../batch/render-rows.js';

/**
 * How a job goes through BullMQ: one flow per job, a `chunk` child per JOBS_CHUNK_ROWS rows
 * (any worker takes any chunk) and an `assemble` parent that BullMQ starts once every chunk
 * has ended, done or failed for good, and that writes the ZIP or merged PDF from what the
 * chunks left in the result store. BullMQ ids are derived from the job's, so that the API can
 * find them again to delete them.
 */

export const CHUNK = 'chunk';
export const ASSEMBLE = 'assemble';

/** What a chunk carries: its rows, deleted from Redis with the chunk once it ends. */
export interface ChunkData {
  job: string;
  chunk: number;
  document: string;
  engine?: string;
  /** The pattern of the file names (the request's `nom`, or the document's own). */
  pattern?: string;
  rows: BatchRow[];
}

/** What the last step carries: the job, and which rows each chunk had (no data of theirs). */
export interface AssembleData {
  job: string;
  chunks: { chunk: number; rows: { row: number; id?: string }[] }[];
}

export function chunkId(job: string, chunk: number): string {
  return `${job}.${chunk}`;
}

/** The rows in chunks of `size`, in order. */
export function chunked<T>(rows: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < rows.length; start += size) {
    chunks.push(rows.slice(start, start + size));
  }
  return chunks;
}
