import type { FieldIssue } from '../../core/errors.js';

/**
 * A spreadsheet as both formats read to: the header's cells and the data rows, each with the
 * line number the school sees in its spreadsheet program. Reading cells as the document's types
 * happens after (row-values.ts), the same way for CSV and XLSX.
 */

/** A cell whose formula failed in the spreadsheet program (#N/A, #REF!…). */
export interface CellError {
  error: string;
}

/** Text (CSV, or an XLSX text cell; a date cell as AAAA-MM-JJ), an XLSX number or boolean. */
export type SheetCell = string | number | boolean | CellError | undefined;

export interface GridRow {
  /** 1-based line of the spreadsheet, the header being 1. */
  row: number;
  cells: SheetCell[];
  /** Why the row's cells are not read (a CSV line with more or fewer cells than the header). */
  issue?: FieldIssue;
}

export interface Grid {
  header: SheetCell[];
  /** Rows with something in them; blank rows are left out but keep their place in the numbering. */
  rows: GridRow[];
}

export function isBlank(cell: SheetCell): boolean {
  return cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}
