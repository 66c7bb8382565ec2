import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { BatchDestination } from '../../batch/write-batch.js';
import type { FieldIssue } from '../../core/errors.js';

/**
 * Where the workers of a Redis-backed queue put what they make, and where the API reads the
 * result: a folder every process shares (a volume, an NFS mount). Per job: `rows/<row>.pdf`
 * (each rendered row), `chunks/<n>.json` (a chunk's lines, once all its rows are written), then
 * `result.zip` or `result.pdf`. Folders 0700, files 0600: they hold a class's personal data.
 *
 * Every file is written under a temporary name, then renamed: a worker killed mid-write leaves
 * no half file under the real name, and a chunk run again by another worker replaces its rows
 * instead of adding to them (no row lost, none twice).
 */

/** A chunk's row, as its worker leaves it for the job's last step. */
export interface ChunkLine {
  row: number;
  id?: string;
  /** The PDF's name before it is made unique in the archive, without `.pdf`. */
  name?: string;
  warnings: readonly FieldIssue[];
  errors: readonly FieldIssue[];
}

export interface StoredResult {
  size: number;
  open(): Readable;
}

/** Jobs' folders are uuids: nothing else in the store's folder is touched. */
const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class ResultStore {
  /** Folders made by this process: a class's 5,000 rows need one mkdir, not 5,000. */
  private readonly made = new Set<string>();

  constructor(readonly folder: string) {}

  async putRow(job: string, row: number, pdf: Uint8Array): Promise<void> {
    await this.write(join(this.jobFolder(job), 'rows', `${row}.pdf`), pdf);
  }

  async getRow(job: string, row: number): Promise<Uint8Array> {
    return readFile(join(this.jobFolder(job), 'rows', `${row}.pdf`));
  }

  async putChunk(job: string, chunk: number, lines: readonly ChunkLine[]): Promise<void> {
    const path = join(this.jobFolder(job), 'chunks', `${chunk}.json`);
    await this.write(path, Buffer.from(JSON.stringify(lines)));
  }

  /** A chunk's lines; undefined when the chunk never finished (its worker failed every try). */
  async getChunk(job: string, chunk: number): Promise<ChunkLine[] | undefined> {
    try {
      const text = await readFile(join(this.jobFolder(job), 'chunks', `${chunk}.json`), 'utf8');
      return JSON.parse(text) as ChunkLine[];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
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

  /** The rows and chunks, once the result is made from them. */
  async removeParts(job: string): Promise<void> {
    const folder = this.jobFolder(job);
    await Promise.all([
      rm(join(folder, 'rows'), { recursive: true, force: true }),
      rm(join(folder, 'chunks'), { recursive: true, force: true }),
    ]);
  }

  async remove(job: string): Promise<void> {
    await rm(this.jobFolder(job), { recursive: true, force: true });
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

  private async write(path: string, bytes: Uint8Array): Promise<void> {
    const folder = join(path, '..');
    const part = `${path}.${randomUUID()}.part`;
    if (!this.made.has(folder)) {
      await mkdir(folder, { recursive: true, mode: 0o700 });
      // A worker lives for many jobs: the set is a cache, emptied before it grows.
      if (this.made.size >= 1_000) this.made.clear();
      this.made.add(folder);
    }
    try {
      await writeFile(part, bytes, { mode: 0o600 });
    } catch (error) {
      // The folder went meanwhile (the job deleted, then its chunk run again): made once more.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await mkdir(folder, { recursive: true, mode: 0o700 });
      await writeFile(part, bytes, { mode: 0o600 });
    }
    await rename(part, path);
  }
}
