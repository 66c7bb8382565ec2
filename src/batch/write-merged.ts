import { startMerge } from '../pdf/merge-pdfs.js';
import type { RowResult } from './render-rows.js';
import { issuesText } from './report-csv.js';
import { emptySummary, record, type BatchSummary, type WriteOptions } from './write-zip.js';

/**
 * The batch as one PDF to print in one go: each rendered row's pages together, in the rows'
 * order, then the report on its own pages (rows, what was produced, each refused row with its
 * fields), so that whoever prints the class sees what is missing.
 */
export async function writeMerged(
  results: AsyncIterable<RowResult>,
  options: Omit<WriteOptions, 'names'> & { font: Uint8Array; title: string },
): Promise<{ pdf: Uint8Array; summary: BatchSummary }> {
  const merge = await startMerge({ font: options.font, title: options.title });
  const summary = emptySummary();
  const firstPages = new Map<number, number>();
  for await (const result of results) {
    if (result.pdf) firstPages.set(result.row, await merge.add(result.pdf));
    record(summary, result, undefined);
    options.onRow?.(result, summary);
  }
  const lines = [
    `${summary.rows} lignes : ${summary.produced} produites, ${summary.refused} refusées.`,
    ...summary.lines.map((line) => {
      const id = line.id ? ` (${line.id})` : '';
      const page = firstPages.get(line.row);
      if (line.errors.length > 0)
        return `Ligne ${line.row}${id} : refusée — ${issuesText(line.errors)}`;
      const warned =
        line.warnings.length > 0 ? ` — avertissements : ${issuesText(line.warnings)}` : '';
      return `Ligne ${line.row}${id} : page ${page ?? '?'}${warned}`;
    }),
  ];
  const pdf = await merge.finish({ title: `Rapport du lot — ${options.title}`, lines });
  return { pdf, summary };
}
