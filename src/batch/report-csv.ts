import type { FieldIssue } from '../core/errors.js';

/**
 * The batch's report (rapport.csv): one line per row, in the dialect French Excel opens without
 * a wizard: UTF-8 with a BOM (else Excel reads Windows-1252 and breaks the accents), `;` between
 * cells, CRLF between lines.
 */
export interface ReportLine {
  row: number;
  id?: string;
  /** The PDF's name in the ZIP; absent for a refused row. */
  file?: string;
  warnings: readonly FieldIssue[];
  errors: readonly FieldIssue[];
}

const HEADER = ['ligne', 'identifiant', 'statut', 'fichier', 'erreurs', 'avertissements'];

export function reportCsv(lines: readonly ReportLine[]): Buffer {
  const rows = lines.map((line) => [
    String(line.row),
    line.id ?? '',
    line.errors.length === 0 ? 'produit' : 'refusé',
    line.file ?? '',
    issuesText(line.errors),
    issuesText(line.warnings),
  ]);
  const text = [HEADER, ...rows].map((cells) => cells.map(csvCell).join(';')).join('\r\n');
  return Buffer.from(`\uFEFF${text}\r\n`, 'utf8');
}

/** "eleve.nir : Clé invalide…" for each issue, on one cell. */
export function issuesText(issues: readonly FieldIssue[]): string {
  return issues
    .map((issue) => (issue.path ? `${issue.path} : ${issue.message_fr}` : issue.message_fr))
    .join(' | ');
}

/**
 * A cell quoted when it holds a separator, a quote or a line break. A cell a spreadsheet would
 * take for a formula (=, +, -, @ first: CSV injection) gets a leading apostrophe, which Excel
 * and LibreOffice show as text.
 */
function csvCell(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
