import { valueReader } from '../../core/read-value.js';
import { variantsOf, type SchemaNode } from '../../core/schema-node.js';
import { formatPath } from '../../shared/json-path.js';
import type { SheetCell } from './grid.js';
import { badHeader } from './refusals.js';
import { looseKey, sheetFields, type SheetField } from './schema-fields.js';

/**
 * What each column of a sheet is, from its title in the header row. A title is either the input
 * path (`eleve.nomNaissance`; an array's items numbered from 1, `stage.entreprise.lignesAdresse.1`,
 * or indexed from 0, `lignesAdresse[0]`) or the French titles of the schema along that path
 * (`Élève ou étudiant — Nom de naissance`), compared loosely. A column `ligne` or `id` is the
 * row's own reference, returned with it and not part of the data.
 */
export interface ColumnMapping {
  /** 1-based, A being 1. */
  column: number;
  /** As the spreadsheet program shows it: A, B, … Z, AA. */
  letter: string;
  /** The title as written in the header row. */
  header: string;
  /**
   * data: one value; list: an array of texts, one per line of the cell; id: the row's reference;
   * unknown: no field of the document; untitled: no title (ignored, reported if it holds values).
   */
  role: 'data' | 'list' | 'id' | 'unknown' | 'untitled';
  /** For data and list: the input path it fills, as issues name it (`lignesAdresse[0]`). */
  path?: string;
}

/** A problem of the whole sheet (a column), reported once rather than on every row. */
export interface SheetIssue {
  column: string;
  header: string;
  code: string;
  message_fr: string;
  message_en: string;
}

/** A column with what reading its cells needs. */
export interface Column extends ColumnMapping {
  field?: SheetField;
}

/** The separator of the titles of a path in the model spreadsheet; any other is accepted too. */
export const TITLE_SEPARATOR = ' — ';

const ID_HEADERS = new Set(['ligne', 'id']);
/** Arrays without maxItems are matched by title up to this many items (paths have no limit). */
const TITLED_ITEMS = 20;

export function mapColumns(
  header: readonly SheetCell[],
  schema: SchemaNode,
): { columns: Column[]; issues: SheetIssue[] } {
  const byTitle = titleIndex(schema);
  const columns = header.map((cell, index): Column => {
    const text = typeof cell === 'string' || typeof cell === 'number' ? String(cell).trim() : '';
    const position = { column: index + 1, letter: columnLetter(index + 1), header: text };
    if (text === '') return { ...position, role: 'untitled' };
    if (ID_HEADERS.has(looseKey(text))) return { ...position, role: 'id' };
    const field = pathField(schema, text) ?? byTitle.get(looseKey(text)) ?? undefined;
    if (!field) return { ...position, role: 'unknown' };
    return {
      ...position,
      role: field.list ? 'list' : 'data',
      path: formatPath(field.segments),
      field,
    };
  });
  checkColumns(columns);
  return { columns, issues: columns.filter((c) => c.role === 'unknown').map(unknownColumn) };
}

/** The columns of the model spreadsheet: every single value, arrays as numbered columns. */
export function templateColumns(
  schema: SchemaNode,
  example?: unknown,
): { header: string; path: string }[] {
  const count = (array: SchemaNode, segments: readonly (string | number)[]) => {
    const given = valueAt(example, segments);
    return Array.isArray(given) ? Math.max(1, given.length) : (array.maxItems ?? 1);
  };
  return sheetFields(schema, count)
    .filter((field) => !field.list)
    .map((field) => ({
      header: field.titles.join(TITLE_SEPARATOR),
      path: field.segments.map((s) => (typeof s === 'number' ? String(s + 1) : s)).join('.'),
    }));
}

/** `A`…`Z`, `AA`…: the spreadsheet's name of a 1-based column. */
export function columnLetter(column: number): string {
  let letters = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

/** Title paths → fields; null where two fields have the same loose title path (use the path). */
function titleIndex(schema: SchemaNode): Map<string, SheetField | null> {
  const index = new Map<string, SheetField | null>();
  const count = (array: SchemaNode) => Math.min(array.maxItems ?? TITLED_ITEMS, TITLED_ITEMS);
  for (const field of sheetFields(schema, count)) {
    const key = looseKey(field.titles.join(' '));
    index.set(key, index.has(key) ? null : field);
  }
  return index;
}

/**
 * The field a path names: keys as in the schema (case aside), `.N` the Nth item (from 1), `[N]`
 * the item N (from 0), as JSON paths have them.
 */
function pathField(schema: SchemaNode, text: string): SheetField | undefined {
  if (!/^[\p{L}\w]+(?:\.[\p{L}\w]+|\[\d+\])*$/u.test(text)) return undefined;
  let node: SchemaNode | undefined = schema;
  const segments: (string | number)[] = [];
  for (const token of text.match(/\[\d+\]|[^.[\]]+/g) ?? []) {
    const variants = variantsOf(node);
    const items = variants.find((variant) => variant.items)?.items;
    const index = /^\[(\d+)\]$/.exec(token)?.[1] ?? (/^\d+$/.test(token) ? token : undefined);
    if (index !== undefined) {
      const position = token.startsWith('[') ? Number(index) : Number(index) - 1;
      if (!items || position < 0) return undefined;
      segments.push(position);
      node = items;
      continue;
    }
    const key = keyOf(variants, token);
    if (key === undefined) return undefined;
    segments.push(key.name);
    node = key.node;
  }
  if (segments.length === 0 || !node) return undefined;
  if (valueReader(node)) return { segments, titles: [], node, list: false };
  const items = variantsOf(node).find((variant) => variant.items)?.items;
  if (items && valueReader(items)) return { segments, titles: [], node: items, list: true };
  return undefined;
}

/** The property named `token`, or the one property that differs from it by case only. */
function keyOf(
  variants: readonly SchemaNode[],
  token: string,
): { name: string; node: SchemaNode } | undefined {
  const properties = variants.flatMap((variant) => Object.entries(variant.properties ?? {}));
  const exact = properties.find(([name]) => name === token);
  const loose = properties.filter(([name]) => name.toLowerCase() === token.toLowerCase());
  const [name, node] = exact ?? (loose.length === 1 ? loose[0] : undefined) ?? [];
  return name === undefined || node === undefined ? undefined : { name, node };
}

/** One field per column, one id column: otherwise which cell wins would be a guess. */
function checkColumns(columns: readonly Column[]): void {
  const ids = columns.filter((column) => column.role === 'id');
  if (ids.length > 1) {
    const letters = ids.map((column) => column.letter).join(', ');
    throw badHeader(
      `has several row reference columns (ligne or id): ${letters}`,
      `a plusieurs colonnes de référence de ligne (ligne ou id) : ${letters}`,
    );
  }
  const filled = columns.filter((column) => column.path !== undefined);
  if (filled.length === 0) {
    throw badHeader(
      'names no field of the document: write the fields’ paths (eleve.nomNaissance) or titles, as in the model spreadsheet',
      'ne nomme aucun champ du document : écrivez les chemins des champs (eleve.nomNaissance) ou leurs titres, comme dans le tableur modèle',
    );
  }
  for (const [index, column] of filled.entries()) {
    const other = filled.slice(0, index).find((earlier) => overlaps(earlier, column));
    if (!other) continue;
    throw badHeader(
      `gives the field ${column.path} twice: columns ${other.letter} (${other.header}) and ${column.letter} (${column.header})`,
      `donne deux fois le champ ${column.path} : colonnes ${other.letter} (${other.header}) et ${column.letter} (${column.header})`,
    );
  }
}

/** The same path, or an array's cell of lines and one of its numbered items. */
function overlaps(a: Column, b: Column): boolean {
  const [one = '', two = ''] = [a.path, b.path];
  return one === two || two.startsWith(`${one}[`) || one.startsWith(`${two}[`);
}

function unknownColumn(column: Column): SheetIssue {
  return {
    column: column.letter,
    header: column.header,
    code: 'COLUMN_UNKNOWN',
    message_fr: `Colonne ${column.letter} « ${column.header} » ignorée : ce n’est pas un champ du document (son chemin, eleve.nomNaissance, ou ses titres, comme dans le tableur modèle).`,
    message_en: `Column ${column.letter} "${column.header}" ignored: not a field of the document (its path, eleve.nomNaissance, or its titles, as in the model spreadsheet).`,
  };
}

function valueAt(value: unknown, segments: readonly (string | number)[]): unknown {
  let node = value;
  for (const segment of segments) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, segment))
      return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}
