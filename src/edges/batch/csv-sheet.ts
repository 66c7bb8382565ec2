import { CsvError, parse } from 'csv-parse/sync';
import type { FieldIssue } from '../../core/errors.js';
import type { Grid, GridRow, SheetCell } from './grid.js';
import { isBlank } from './grid.js';
import { decodeText } from './text-encoding.js';
import { notASheet, tooManyRows } from './refusals.js';

/**
 * A CSV as French spreadsheet programs write it, with no setting to choose: Excel in France
 * saves "CSV (séparateur : point-virgule)" in Windows-1252, others save commas in UTF-8, with or
 * without a BOM. The separator is judged on the header line alone: data lines hold decimal
 * commas ("4,35 €") that would make a comma look like the separator.
 */
export function csvGrid(bytes: Uint8Array, maxRows: number): Grid {
  const text = decodeText(bytes);
  const entries: { cells: string[]; issue?: FieldIssue }[] = [];
  let dataRows = 0;
  const add = (cells: string[], issue?: FieldIssue) => {
    // An empty line is a record of one empty cell; a record skipped with no cells is not blank.
    const blank = cells.length > 0 && cells.every((cell) => isBlank(cell));
    // The header is entry 0; blank rows keep their line number but count for nothing.
    if (entries.length > 0 && !blank && ++dataRows > maxRows) throw tooManyRows(maxRows);
    entries.push({ cells, issue: blank ? undefined : issue });
  };
  try {
    parse(text, {
      delimiter: separatorOf(text),
      bom: true,
      // Excel quotes only cells that need it; a stray quote inside a bare cell is text.
      relax_quotes: true,
      // Kept off: a line with more or fewer cells than the header (a separator typed in a cell
      // that was not quoted) has shifted cells, so it is reported on its row and not read.
      relax_column_count: false,
      skip_records_with_error: true,
      // Empty lines are kept so that rows keep the numbers the spreadsheet program shows.
      skip_empty_lines: false,
      on_record: (record: string[]) => {
        add(record);
        return null;
      },
      on_skip: (error) => {
        // A quote opened and never closed swallows the rest of the file: refuse it, rather than
        // reading fewer rows than the school sent.
        if (error?.code === 'CSV_QUOTE_NOT_CLOSED') throw unsplittable(error);
        const record = Array.isArray(error?.record) ? (error.record as string[]) : [];
        add(record, lineIssue(record.length, entries[0]?.cells.length ?? 0));
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    throw unsplittable(error);
  }
  const [header, ...rest] = entries;
  const rows: GridRow[] = [];
  rest.forEach((entry, index) => {
    if (!entry.issue && entry.cells.every((cell) => isBlank(cell))) return;
    const row = index + 2;
    rows.push(
      entry.issue ? { row, cells: [], issue: entry.issue } : { row, cells: cellsOf(entry.cells) },
    );
  });
  return { header: cellsOf(header?.cells ?? []), rows };
}

/**
 * `;`, `,` or a tab: the one that separates the most cells of the header line, counted outside
 * quotes (a title may be quoted and hold a comma). A header of one column has none: any will do.
 */
export function separatorOf(text: string): string {
  const counts = new Map<string, number>([
    [';', 0],
    [',', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ';';
  for (const [separator, count] of counts) {
    if (count > (counts.get(best) ?? 0)) best = separator;
  }
  return best;
}

/** A quoted cell's line breaks as LF whatever the file's (CRLF from Windows). */
function cellsOf(cells: readonly string[]): SheetCell[] {
  return cells.map((cell) => cell.replace(/\r\n?/g, '\n'));
}

/** The whole text refused: its cells cannot be told apart from some line on. */
function unsplittable(error: CsvError): Error {
  const quote = error.code === 'CSV_QUOTE_NOT_CLOSED';
  // An unclosed quote is found at the end of the text: its line would not be the quote's.
  const at = typeof error.lines === 'number' && !quote ? error.lines : undefined;
  const line = at === undefined ? '' : ` (line ${at})`;
  const ligne = at === undefined ? '' : ` (ligne ${at})`;
  return notASheet(
    `its CSV text cannot be split into cells${line}${quote ? ': a quote (") is never closed' : ''}`,
    `son texte CSV ne se découpe pas en cellules${ligne}${quote ? ' : un guillemet (") n’est jamais refermé' : ''}`,
    error,
  );
}

function lineIssue(got: number, expected: number): FieldIssue {
  if (got === 0) {
    return {
      path: '',
      code: 'ROW_UNREADABLE',
      message_fr:
        'Ligne illisible : ses guillemets (") ne délimitent pas des cellules ; elle n’est pas lue.',
      message_en: 'Unreadable row: its quotes (") do not delimit cells; it is not read.',
    };
  }
  return {
    path: '',
    code: 'ROW_CELL_COUNT',
    message_fr: `La ligne a ${got} cellules et l’en-tête ${expected} : un séparateur tapé dans une cellule non entourée de guillemets ? Elle n’est pas lue.`,
    message_en: `The row has ${got} cells and the header ${expected}: a separator typed in a cell without quotes? It is not read.`,
  };
}
