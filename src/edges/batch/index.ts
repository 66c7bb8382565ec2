/**
 * The input side of a batch: a school's class spreadsheet (CSV or XLSX) read into one payload per
 * row of a document, and the columns of its model spreadsheet. Pure: no HTTP, no rendering, no
 * log (a class list is personal data).
 */
export { readSheet, EXPANSION } from './read-sheet.js';
export type { SheetOptions, SheetRead, SheetRow } from './read-sheet.js';
export { templateColumns, TITLE_SEPARATOR } from './columns.js';
export type { ColumnMapping, SheetIssue } from './columns.js';
