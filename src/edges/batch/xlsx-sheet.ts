import ExcelJS from 'exceljs';
import type { CellValue, Worksheet } from 'exceljs';
import type { Grid, GridRow, SheetCell } from './grid.js';
import { isBlank } from './grid.js';
import { notASheet, sheetExpandsTooMuch, tooManyRows } from './refusals.js';
import { zipEntries } from './zip-entries.js';

/**
 * The first worksheet of an XLSX workbook (exceljs). Cells keep their type: a number stays a
 * number, a date cell becomes its calendar day AAAA-MM-JJ, rich text, links and formulas give
 * their text or result.
 */
export async function xlsxGrid(
  bytes: Uint8Array,
  limits: { maxRows: number; maxExpandedBytes: number },
): Promise<Grid> {
  const entries = zipEntries(bytes);
  if (!entries) throw notASheet('a damaged ZIP file', 'un fichier ZIP endommagé');
  if (!entries.some((entry) => entry.name === 'xl/workbook.xml')) {
    throw notASheet(
      'a ZIP file but no Excel workbook (an OpenDocument .ods must be saved as .xlsx or CSV first)',
      'un fichier ZIP mais pas un classeur Excel (un classeur OpenDocument .ods doit d’abord être enregistré en .xlsx ou en CSV)',
    );
  }
  const expanded = entries.reduce((total, entry) => total + entry.size, 0);
  if (expanded > limits.maxExpandedBytes) throw sheetExpandsTooMuch(limits.maxExpandedBytes);
  const workbook = new ExcelJS.Workbook();
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // exceljs's types declare a Buffer of their own (an ArrayBuffer); it reads Node's at run time.
    await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (error) {
    throw notASheet('a damaged XLSX workbook', 'un classeur XLSX endommagé', error);
  }
  // In the workbook's order of tabs, not the order of its parts in the ZIP.
  const sheet = workbook.worksheets[0];
  if (!sheet) throw notASheet('a workbook without a worksheet', 'un classeur sans feuille');
  return gridOf(sheet, limits.maxRows);
}

function gridOf(sheet: Worksheet, maxRows: number): Grid {
  let header: SheetCell[] = [];
  const rows: GridRow[] = [];
  sheet.eachRow((row, number) => {
    const cells: SheetCell[] = [];
    for (let column = 1; column <= row.cellCount; column += 1) {
      cells.push(cellOf(row.getCell(column).value));
    }
    if (number === 1) header = cells;
    else if (!cells.every(isBlank)) {
      // Thrown from inside exceljs's loop, so that reading stops at the first row too many.
      if (rows.length >= maxRows) throw tooManyRows(maxRows);
      rows.push({ row: number, cells });
    }
  });
  return { header, rows };
}

function cellOf(value: CellValue): SheetCell {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value.replace(/\r\n?/g, '\n');
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return isoDay(value);
  if ('error' in value) return { error: value.error };
  if ('richText' in value) return cellOf(value.richText.map((run) => run.text).join(''));
  if ('hyperlink' in value) return cellOf(value.text as CellValue);
  if ('result' in value) return cellOf(value.result);
  // A formula never computed (a file written by a program, not saved by a spreadsheet one).
  return undefined;
}

/**
 * exceljs gives a date cell as the instant of its day's midnight in UTC: its UTC calendar day is
 * the day the school typed, whatever the server's time zone (the time of day, if any, dropped).
 */
function isoDay(date: Date): SheetCell {
  if (Number.isNaN(date.getTime())) return undefined;
  const year = String(date.getUTCFullYear()).padStart(4, '0');
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  const day = String(date.getUTCDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
}
