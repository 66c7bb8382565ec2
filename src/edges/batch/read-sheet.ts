import type { FieldIssue } from '../../core/errors.js';
import type { SchemaNode } from '../../core/schema-node.js';
import {
  columnLetter,
  mapColumns,
  type Column,
  type ColumnMapping,
  type SheetIssue,
} from './columns.js';
import { csvGrid } from './csv-sheet.js';
import type { Grid } from './grid.js';
import { isBlank } from './grid.js';
import { sheetTooLarge } from './refusals.js';
import { rowValues } from './row-values.js';
import { sheetFormat } from './sheet-format.js';
import { xlsxGrid } from './xlsx-sheet.js';

/** One data row of the sheet: what a render request takes as `data`, and what could not be read. */
export interface SheetRow {
  /** 1-based line of the spreadsheet, the header being 1: how the school finds the row. */
  row: number;
  /** The row's own reference, from the column `ligne` (or `id`), when given. */
  id?: string;
  data: Record<string, unknown>;
  /** Cells that could not be read as their field's type, by input path; the row is still read. */
  issues: FieldIssue[];
}

export interface SheetRead {
  format: 'csv' | 'xlsx';
  rows: SheetRow[];
  columns: ColumnMapping[];
  /** Columns ignored (unknown or untitled titles), once for the sheet rather than on each row. */
  sheetIssues: SheetIssue[];
}

export interface SheetOptions {
  /** The document's JSON Schema, input side: z.toJSONSchema(schema, { io: 'input', … }). */
  schema: SchemaNode;
  /** Values shared by every row (the school, the signature date); each row's own cells win. */
  common?: Record<string, unknown>;
  /** Data rows at most (header and blank rows not counted). */
  maxRows: number;
  /** Size of the file at most, checked before anything is opened. */
  maxBytes: number;
  /** Size of an XLSX once unzipped at most; by default EXPANSION × maxBytes. */
  maxExpandedBytes?: number;
}

/**
 * A workbook's XML expands about ten times once unzipped; a sheet much above that is mostly
 * empty formatted cells, or a ZIP bomb. CSV remains for the former.
 */
export const EXPANSION = 50;

/**
 * A class spreadsheet (CSV or XLSX, judged by content) to one payload per row. The file is
 * refused whole (CoreError INVALID_UPLOAD or PAYLOAD_TOO_LARGE) only when it is not a sheet, is
 * over a limit, or its header does not say what its columns are; a cell that cannot be read is
 * an issue on its row. Nothing is logged: the cells are personal data.
 */
export async function readSheet(bytes: Uint8Array, options: SheetOptions): Promise<SheetRead> {
  if (bytes.length > options.maxBytes) throw sheetTooLarge(bytes.length, options.maxBytes);
  const format = sheetFormat(bytes);
  const grid: Grid =
    format === 'xlsx'
      ? await xlsxGrid(bytes, {
          maxRows: options.maxRows,
          maxExpandedBytes: options.maxExpandedBytes ?? EXPANSION * options.maxBytes,
        })
      : csvGrid(bytes, options.maxRows);
  const { columns, issues } = mapColumns(grid.header, options.schema);
  const common = options.common ?? {};
  const rows = grid.rows.map(({ row, cells, issue }): SheetRow => {
    if (issue) return { row, data: structuredClone(common), issues: [issue] };
    return { row, ...rowValues(cells, columns, structuredClone(common)) };
  });
  return {
    format,
    rows,
    columns: columns.map(({ field: _field, ...mapping }) => mapping),
    sheetIssues: [...issues, ...untitledWithValues(columns, grid)],
  };
}

/** A column without a title that holds values: ignored, and said once. */
function untitledWithValues(columns: readonly Column[], grid: Grid): SheetIssue[] {
  const width = grid.rows.reduce((most, row) => Math.max(most, row.cells.length), columns.length);
  const issues: SheetIssue[] = [];
  for (let index = 0; index < width; index += 1) {
    const column = columns[index];
    if (column && column.role !== 'untitled') continue;
    if (grid.rows.every((row) => isBlank(row.cells[index]))) continue;
    const letter = column?.letter ?? columnLetter(index + 1);
    issues.push({
      column: letter,
      header: '',
      code: 'COLUMN_UNTITLED',
      message_fr: `Colonne ${letter} ignorée : elle a des valeurs mais pas de titre dans la première ligne.`,
      message_en: `Column ${letter} ignored: it holds values but has no title in the first row.`,
    });
  }
  return issues;
}
