import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../paths.js';

/** Each document's sample (samples/<id>.json): the example row of its model spreadsheet. */
export function documentExamples(ids: readonly string[]): Map<string, unknown> {
  const rows = new Map<string, unknown>();
  for (const id of ids) {
    try {
      rows.set(id, JSON.parse(readFileSync(join(projectRoot, 'samples', `${id}.json`), 'utf8')));
    } catch {
      // No sample (a document added without one): the model has its headers only.
    }
  }
  return rows;
}
