/**
 * The sheet worker's task (see sheet-workers.ts): a class spreadsheet read in a worker thread,
 * never on the main one.
 */
import { serveTasks } from '../../shared/worker-tasks.js';
import { readSheet, type SheetOptions } from './read-sheet.js';

serveTasks({
  async read(bytes: Uint8Array, options: SheetOptions) {
    return { value: await readSheet(bytes, options) };
  },
});
