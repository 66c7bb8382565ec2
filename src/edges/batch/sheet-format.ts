import { sniffKind } from '../../uploads/sniff.js';
import { notASheet } from './refusals.js';

/** A ZIP's local file header: every XLSX starts with one. */
const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** An OLE2 compound file: Excel 97–2003's .xls (and old Word files). */
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * XLSX or CSV, judged by the first bytes and never by the file's name or declared type, which
 * schools get wrong ("classe.csv" saved as XLSX). What is known not to be a sheet is refused
 * with its name; any other bytes are tried as CSV text (csv-sheet.ts refuses binary data).
 */
export function sheetFormat(bytes: Uint8Array): 'xlsx' | 'csv' {
  if (bytes.length === 0) throw notASheet('it is empty', 'il est vide');
  if (startsWith(bytes, ZIP)) return 'xlsx';
  if (startsWith(bytes, OLE2)) {
    throw notASheet(
      'an Excel 97–2003 workbook (.xls); save it as .xlsx or CSV',
      'un classeur Excel 97–2003 (.xls) ; enregistrez-le en .xlsx ou en CSV',
    );
  }
  const kind = sniffKind(bytes);
  if (kind) {
    const name = kind === 'pdf' ? 'PDF' : kind.toUpperCase();
    const what = kind === 'pdf' ? 'document' : 'image';
    throw notASheet(`a ${name} ${what}`, `un${what === 'image' ? 'e' : ''} ${what} ${name}`);
  }
  return 'csv';
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, index) => bytes[index] === byte);
}
