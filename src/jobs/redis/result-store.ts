import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { BatchDestination } from '../../batch/write-batch.js';
import type { FieldIssue } from '../../core/errors.js';

/**
 * Where the workers of a Redis-backed queue put what they make, and where the API reads the
 * result: a folder every process shares (a volume, an NFS mount). Per job: for each chunk,
 * `chunks/<n>.pdfs` (its rendered rows' PDFs one after the other) and `chunks/<n>.json` (its
 * lines, with where each PDF starts and ends), then `result.zip` or `result.pdf`. Folders 0700,
 * files 0600: they hold a class's personal data. One file per chunk, appended to as its rows
 * come: a 5,000-row job is 100 files to write and read back, not 5,000 (measured: 5,000 small
 * files cost 4.9 s to write and 3.4 s to read back, on this machine's disk, before a byte of ZIP).
 *
 * Every file is written under a temporary name, then renamed, the lines last: a chunk is there
 * whole or not at all. A worker killed mid-chunk leaves no file under the real names, and the
 * chunk run again by another worker writes them anew (no row lost, none twice).
 */

/** A chunk's row, as its worker leaves it for the job's last step. */
export interface ChunkLine {
  row: number;
  id?: string;
  /** The PDF's name before it is made unique in the archive, without `.pdf`. */
  name?: string;
  /** Where the rendered row's PDF is in its chunk's `.pdfs` file. */
  offset?: number;
  length?: number;
  warnings: readonly FieldIssue[];
  errors: readonly FieldIssue[];
}

export interface StoredResult {
  size: number;
  open(): Readable;
}

export interface ChunkWriter {
  /** Appends a rendered row's PDF; where it is in the chunk's file. */
  add(pdf: Uint8Array): Promise<{ offset: number; length: number }>;
  /** The chunk complete: its PDFs and its lines under their real names. */
  commit(lines: readonly ChunkLine[]): Promise<void>;
  /** The chunk stopped: its partial file deleted. */
  abort(): Promise<void>;
}

/** Jobs' folders are uuids: nothing else in the store's folder is touched. */
const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class ResultStore {
  /** Folders made by this process: a class's 5,000 rows need one mkdir, not 5,000. */
  private readonly made = new Set<string>();

  constructor(readonly folder: string) {}

  /** A chunk's file, written as its rows come; nothing is there under its names until commit. */
  async chunkWriter(job: string, chunk: number): Promise<ChunkWriter> {
    const folder = join(this.jobFolder(job), 'chunks');
    await this.makeFolder(folder);
    const pdfs = join(folder, `${chunk}.pdfs`);
    const part = `${pdfs}.${randomUUID()}.part`;
    const out = createWriteStream(part, { flags: 'wx', mode: 0o600 });
    // The folder may go under it (the job deleted): the error is kept and thrown by the next
    // call, never left as an unhandled 'error' event.
    let failure: Error | undefined;
    out.on('error', (error) => (failure = error));
    const check = () => {
      if (failure) throw failure;
    };
    let size = 0;
    return {
      add: async (pdf) => {
        check();
        const offset = size;
        size += pdf.byteLength;
        if (!out.write(pdf)) await Promise.race([once(out, 'drain'), once(out, 'close')]);
        check();
        return { offset, length: pdf.byteLength };
      },
      commit: async (lines) => {
        check();
        await new Promise<void>((resolve, reject) => {
          out.once('error', reject);
          out.end(() => resolve());
        });
        check();
        await rename(part, pdfs);
        await this.write(join(folder, `${chunk}.json`), Buffer.from(JSON.stringify(lines)));
      },
      abort: async () => {
        out.destroy();
        await rm(part, { force: true });
      },
    };
  }

  /** A chunk's lines and PDFs; undefined when the chunk never finished (failed every try). */
  async readChunk(
    job: string,
    chunk: number,
  ): Promise<{ lines: ChunkLine[]; pdfs: Buffer } | undefined> {
    const folder = join(this.jobFolder(job), 'chunks');
    let text: string;
    try {
      text = await readFile(join(folder, `${chunk}.json`), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const pdfs = await readFile(join(folder, `${chunk}.pdfs`));
    return { lines: JSON.parse(text) as ChunkLine[], pdfs };
  }

  /** Where the job's file is written, and `commit` to give it its real name once complete. */
  async resultWriter(
    job: string,
    output: 'zip' | 'pdf',
  ): Promise<{ destination: BatchDestination; commit(): Promise<void> }> {
    const path = this.resultPath(job, output);
    const part = `${path}.${randomUUID()}.part`;
    await mkdir(this.jobFolder(job), { recursive: true, mode: 0o700 });
    return {
      destination: {
        zip: () => createWriteStream(part, { flags: 'wx', mode: 0o600 }),
        pdf: (pdf) => writeFile(part, pdf, { flag: 'wx', mode: 0o600 }),
      },
      commit: () => rename(part, path),
    };
  }

  async result(job: string, output: 'zip' | 'pdf'): Promise<StoredResult | undefined> {
    const path = this.resultPath(job, output);
    try {
      const { size } = await stat(path);
      return { size, open: () => createReadStream(path) };
    } catch {
      return undefined;
    }
  }

  /** The chunks, once the result is made from them. */
  async removeParts(job: string): Promise<void> {
    await rm(join(this.jobFolder(job), 'chunks'), { recursive: true, force: true });
  }

  async remove(job: string): Promise<void> {
    // A worker may be adding a file meanwhile (ENOTEMPTY): rm tries again a few times.
    await rm(this.jobFolder(job), { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
  }

  /** The jobs with a folder here, and when each folder was last changed. */
  async jobs(): Promise<{ id: string; changedAt: number }[]> {
    let names: string[];
    try {
      names = await readdir(this.folder);
    } catch {
      return [];
    }
    const found = await Promise.all(
      names
        .filter((name) => JOB_ID.test(name))
        .map(async (id) => {
          const info = await stat(join(this.folder, id)).catch(() => undefined);
          return info ? { id, changedAt: info.mtimeMs } : undefined;
        }),
    );
    return found.filter((job) => job !== undefined);
  }

  private jobFolder(job: string): string {
    // The id comes from Redis or from a URL: it names a folder only when it is a job's uuid.
    if (!JOB_ID.test(job)) throw new Error('Not a job id');
    return join(this.folder, job);
  }

  private resultPath(job: string, output: 'zip' | 'pdf'): string {
    return join(this.jobFolder(job), `result.${output}`);
  }

  private async makeFolder(folder: string): Promise<void> {
    if (this.made.has(folder)) return;
    await mkdir(folder, { recursive: true, mode: 0o700 });
    // A worker lives for many jobs: the set is a cache, emptied before it grows.
    if (this.made.size >= 1_000) this.made.clear();
    this.made.add(folder);
  }

  private async write(path: string, bytes: Uint8Array): Promise<void> {
    const part = `${path}.${randomUUID()}.part`;
    await writeFile(part, bytes, { mode: 0o600 });
    await rename(part, path);
  }
}
