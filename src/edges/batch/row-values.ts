import type { FieldIssue } from '../../core/errors.js';
import { mergeOver, setAt, withoutEmptyRows } from '../../core/input-tree.js';
import { UnreadableValue, valueReader, type GivenValue } from '../../core/read-value.js';
import type { SchemaNode } from '../../core/schema-node.js';
import { formatPath } from '../../shared/json-path.js';
import type { Column } from './columns.js';
import type { SheetCell } from './grid.js';

export interface RowValues {
  id?: string;
  data: Record<string, unknown>;
  issues: FieldIssue[];
}

/**
 * One row's cells as the document's input, each by its field's type (core/read-value.ts, as a
 * filled form's boxes are), laid over the values common to every row. A cell that cannot be read
 * is an issue on its path and the rest of the row is still read. Empty cells give nothing, and
 * numbered items left empty close up (lignesAdresse.2 alone is the first line).
 */
export function rowValues(
  cells: readonly SheetCell[],
  columns: readonly Column[],
  common: Record<string, unknown>,
): RowValues {
  const data: Record<string, unknown> = {};
  const issues: FieldIssue[] = [];
  let id: string | undefined;
  for (const column of columns) {
    const cell = cells[column.column - 1];
    if (column.role === 'id') id = idOf(cell);
    const field = column.field;
    if (!field) continue;
    const path = formatPath(field.segments);
    try {
      const value = field.list ? listOf(cell, field.node, path) : readCell(cell, field.node);
      if (value !== undefined) setAt(data, field.segments, value);
    } catch (error) {
      if (!(error instanceof UnreadableValue)) throw error;
      const { code, message_fr, message_en } = error;
      issues.push({ path: error.path ?? path, code, message_fr, message_en });
    }
  }
  const read = withoutEmptyRows(data) as Record<string, unknown>;
  return { ...(id === undefined ? {} : { id }), data: mergeOver(common, read), issues };
}

function readCell(cell: SheetCell, node: SchemaNode): unknown {
  const read = valueReader(node);
  return read ? read(given(cell)) : undefined;
}

/** An array of texts in one cell, an item per line; each line read as the items' type. */
function listOf(cell: SheetCell, items: SchemaNode, path: string): unknown[] | undefined {
  const value = given(cell);
  if (value === null) return undefined;
  const lines = typeof value === 'string' ? value.split('\n') : [value];
  const list: unknown[] = [];
  for (const line of lines) {
    try {
      const item = readCell(line, items);
      if (item !== undefined) list.push(item);
    } catch (error) {
      if (!(error instanceof UnreadableValue) || error.path) throw error;
      const { code, message_fr, message_en } = error;
      throw new UnreadableValue(code, message_fr, message_en, `${path}[${list.length}]`);
    }
  }
  return list.length > 0 ? list : undefined;
}

/** What the value readers take; a cell whose formula failed cannot be read as anything. */
function given(cell: SheetCell): GivenValue {
  if (cell === undefined) return null;
  if (typeof cell !== 'object') return cell;
  throw new UnreadableValue(
    'CELL_ERROR',
    `Cellule en erreur (${cell.error}) : corrigez sa formule ou tapez sa valeur.`,
    `Cell in error (${cell.error}): fix its formula or type its value.`,
  );
}

/** The row's reference as text: a number typed in the column is its digits. */
function idOf(cell: SheetCell): string | undefined {
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  const text = typeof cell === 'string' ? cell.trim() : '';
  return text === '' ? undefined : text;
}
