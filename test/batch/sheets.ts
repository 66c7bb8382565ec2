import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { z } from 'zod';
import { CoreError } from '../../src/core/errors.js';
import type { SchemaNode } from '../../src/core/schema-node.js';
import type { DocumentDefinition } from '../../src/documents/document-definition.js';
import { documents } from '../../src/documents/registry.js';

/** Real files for the batch tests, written the way spreadsheet programs write them. */

export function documentNamed(id: string): DocumentDefinition {
  const document = documents.find((candidate) => candidate.id === id);
  if (!document) throw new Error(`no document ${id}`);
  return document;
}

export function inputSchema(id: string): SchemaNode {
  const { schema } = documentNamed(id);
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as SchemaNode;
}

/** A cell as Excel quotes it in a CSV: only when it holds the separator, a quote or a line break. */
function quoted(cell: string, separator: string): string {
  return cell.includes(separator) || /["\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function csvText(rows: readonly (readonly string[])[], separator = ';'): string {
  return (
    rows.map((row) => row.map((cell) => quoted(cell, separator)).join(separator)).join('\r\n') +
    '\r\n'
  );
}

/** Excel's "CSV (séparateur : point-virgule)" in France: Windows-1252, CRLF. */
export function windows1252Csv(rows: readonly (readonly string[])[]): Uint8Array {
  return new Uint8Array(iconv.encode(csvText(rows, ';'), 'win1252'));
}

/** "CSV UTF-8 (délimité par des virgules)": a BOM, then UTF-8. */
export function utf8BomCsv(rows: readonly (readonly string[])[], separator = ','): Uint8Array {
  return new Uint8Array(Buffer.from(`\ufeff${csvText(rows, separator)}`, 'utf8'));
}

export function utf8Csv(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

/** An XLSX written by exceljs: `fill` lays out the first sheet, `more` adds others after it. */
export async function xlsxFile(
  fill: (sheet: ExcelJS.Worksheet) => void,
  more?: (workbook: ExcelJS.Workbook) => void,
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook.addWorksheet('Classe'));
  more?.(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The CoreError a promise or a call rejects with. */
export async function coreErrorOf(work: () => unknown): Promise<CoreError> {
  try {
    await work();
  } catch (error) {
    if (error instanceof CoreError) return error;
    throw error;
  }
  throw new Error('expected a CoreError');
}
