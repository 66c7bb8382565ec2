import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { BatchDestination } from '../batch/write-batch.js';

/**
 * Where the in-process queue keeps its jobs' results: a folder of its own made on first use
 * (mkdtemp: 0700, a name nobody guesses), each file 0600, since each holds a class's personal
 * data. Removed, with everything in it, when the queue closes.
 */
export class JobFiles {
  private made: Promise<string> | undefined;
  /** The folder, once made (tests look into it). */
  folder: string | undefined;

  constructor(private readonly parent: string = tmpdir()) {}

  /** The result's path of a job; the folder is made on the first call. */
  async pathOf(id: string, output: 'zip' | 'pdf'): Promise<string> {
    this.made ??= mkdtemp(join(this.parent, 'paperasse-jobs-')).then((folder) => {
      this.folder = folder;
      return folder;
    });
    return join(await this.made, `${id}.${output}`);
  }

  /** The batch writes there: created, never overwritten (`wx`), readable by us alone. */
  destination(path: string): BatchDestination {
    return {
      zip: () => createWriteStream(path, { flags: 'wx', mode: 0o600 }),
      pdf: (pdf) => writeFile(path, pdf, { flag: 'wx', mode: 0o600 }),
    };
  }

  async sizeOf(path: string): Promise<number> {
    return (await stat(path)).size;
  }

  open(path: string): Readable {
    return createReadStream(path);
  }

  async remove(path: string | undefined): Promise<void> {
    if (path) await rm(path, { force: true });
  }

  /** Everything gone: the folder and what is left in it. */
  async close(): Promise<void> {
    const folder = await this.made?.catch(() => undefined);
    if (folder) await rm(folder, { recursive: true, force: true });
  }
}
