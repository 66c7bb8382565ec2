import ExcelJS from 'exceljs';
import type { SchemaNode } from '../../core/schema-node.js';
import { templateColumns } from './columns.js';

/**
 * The model spreadsheet of a document: its columns titled in French (the JSON Schema's titles,
 * which readSheet reads back), a `ligne` column for the school's own reference, and one example
 * row. As CSV in the French Excel dialect (UTF-8 with BOM, `;`, CRLF) or as XLSX.
 */
export interface TemplateSheet {
  headers: string[];
  example: string[];
}

const ID_COLUMN = 'ligne';

export function templateSheet(schema: SchemaNode, example?: unknown): TemplateSheet {
  const columns = templateColumns(schema, example);
  return {
    headers: [ID_COLUMN, ...columns.map((column) => column.header)],
    example: ['1', ...rowCells(columns, example)],
  };
}

/** A payload as the cells of a row under `columns`, typed as a school would type them. */
export function rowCells(columns: readonly { path: string }[], payload: unknown): string[] {
  return columns.map((column) => exampleCell(payload, column.path));
}

export function templateCsv(sheet: TemplateSheet): Buffer {
  const line = (cells: readonly string[]) => cells.map(csvCell).join(';');
  return Buffer.from(`\uFEFF${line(sheet.headers)}\r\n${line(sheet.example)}\r\n`, 'utf8');
}

export async function templateXlsx(sheet: TemplateSheet, title: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Paperasse';
  // A sheet name is 31 characters at most, without : \ / ? * [ ].
  const worksheet = workbook.addWorksheet(title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31));
  worksheet.addRow(sheet.headers).font = { bold: true };
  // Every cell as text, so that Excel keeps a postcode's leading zero and a date as written.
  const row = worksheet.addRow(sheet.example);
  row.eachCell((cell) => {
    cell.numFmt = '@';
  });
  worksheet.columns.forEach((column, index) => {
    column.width = Math.min(40, Math.max(12, (sheet.headers[index] ?? '').length * 0.6));
    column.numFmt = '@';
  });
  worksheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** An example value as a school would type it: dates JJ/MM/AAAA, decimal comma, oui/non. */
function exampleCell(example: unknown, path: string): string {
  let node = example;
  for (const key of path.split('.')) {
    const index = /^\d+$/.test(key) ? Number(key) - 1 : key;
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[index] : undefined;
  }
  if (typeof node === 'boolean') return node ? 'oui' : 'non';
  if (typeof node === 'number') return String(node).replace('.', ',');
  if (typeof node !== 'string') return '';
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(node);
  if (iso) return `${iso[3]}/${iso[2]}/${iso[1]}`;
  return /^\d+\.\d+$/.test(node) ? node.replace('.', ',') : node;
}

function csvCell(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
