import type { FieldIssue } from '../../core/errors.js';
import { enumOf, UnreadableValue, valueReader } from '../../core/read-value.js';
import { typesOf, variantsOf, type SchemaNode } from '../../core/schema-node.js';

/**
 * A document's form, generated from its JSON Schema (the catalog's, input side): objects are
 * groups (a fieldset each), arrays a fixed number of rows, every other node one field named by
 * its JSON path (`famille.enfants[0].prenom`). Nothing here is written per document.
 */
export type FormNode = GroupNode | FieldNode;

export interface GroupNode {
  kind: 'group';
  /** The JSON path of the object or array ('' for the root). */
  path: string;
  title: string;
  description?: string;
  required: boolean;
  /** An array's rows are groups too, whose children are the rows. */
  array: boolean;
  children: FormNode[];
}

export type FieldType =
  'text' | 'date' | 'country' | 'number' | 'integer' | 'amount' | 'choice' | 'yesno';

export interface FieldNode {
  kind: 'field';
  path: string;
  title: string;
  description?: string;
  required: boolean;
  type: FieldType;
  maxLength?: number;
  options: string[];
  schema: SchemaNode;
}

/**
 * The JSON Schema format of a country code field (documents/read/form-reading.ts's
 * COUNTRY_FORMAT; edges do not import documents/, a test keeps the two equal).
 */
export const COUNTRY_FORMAT = 'country-code';

/** Rows shown for an array without maxItems, and at most. */
const DEFAULT_ROWS = 3;
const MAX_ROWS = 8;

interface WalkedNode extends SchemaNode {
  description?: string;
  required?: string[];
  maxLength?: number;
}

export function formTree(schema: SchemaNode, title: string): GroupNode {
  return groupOf(schema as WalkedNode, '', title, true);
}

function groupOf(node: WalkedNode, path: string, title: string, required: boolean): GroupNode {
  const object = objectVariant(node) ?? node;
  const requiredKeys = new Set(object.required ?? []);
  const children = Object.entries(object.properties ?? {}).map(([key, child]) =>
    nodeOf(child as WalkedNode, path ? `${path}.${key}` : key, key, requiredKeys.has(key)),
  );
  return {
    kind: 'group',
    path,
    title,
    ...(node.description ? { description: node.description } : {}),
    required,
    array: false,
    children,
  };
}

function nodeOf(node: WalkedNode, path: string, key: string, required: boolean): FormNode {
  const title = node.title ?? key;
  if (objectVariant(node)) return groupOf(node, path, title, required);
  const array = variantsOf(node).find((variant) => variant.items);
  if (array?.items) {
    const rows = Math.min(array.maxItems ?? DEFAULT_ROWS, MAX_ROWS);
    const item = array.items as WalkedNode;
    const children = Array.from({ length: rows }, (_, index) => {
      const rowPath = `${path}[${index}]`;
      const rowTitle = `${item.title ?? title} ${index + 1}`;
      return objectVariant(item)
        ? groupOf(item, rowPath, rowTitle, false)
        : fieldOf(item, rowPath, rowTitle, false);
    });
    return {
      kind: 'group',
      path,
      title,
      ...(node.description ? { description: node.description } : {}),
      required,
      array: true,
      children,
    };
  }
  return fieldOf(node, path, title, required);
}

function fieldOf(node: WalkedNode, path: string, title: string, required: boolean): FieldNode {
  const options = enumOf(node);
  const maxLength = variantsOf(node).find((variant) => (variant as WalkedNode).maxLength);
  return {
    kind: 'field',
    path,
    title,
    ...(node.description ? { description: node.description } : {}),
    required,
    type: fieldType(node, options),
    ...(maxLength ? { maxLength: (maxLength as WalkedNode).maxLength } : {}),
    options,
    schema: node,
  };
}

function fieldType(node: SchemaNode, options: string[]): FieldType {
  const types = typesOf(node);
  const formats = variantsOf(node).map((variant) => variant.format);
  if (options.length > 0) return 'choice';
  if (types.includes('boolean')) return 'yesno';
  if (formats.includes('date')) return 'date';
  if (formats.includes(COUNTRY_FORMAT)) return 'country';
  if (types.includes('number') && types.includes('string')) return 'amount';
  if (types.includes('integer')) return 'integer';
  if (types.includes('number')) return 'number';
  return 'text';
}

function objectVariant(node: SchemaNode): WalkedNode | undefined {
  return variantsOf(node).find((variant) => variant.properties) as WalkedNode | undefined;
}

/** Every field of a tree, in order. */
export function fieldsOf(node: FormNode): FieldNode[] {
  return node.kind === 'field' ? [node] : node.children.flatMap(fieldsOf);
}

/** What a form post holds: each field's text by its name (a repeated name: its first value). */
export type Posted = Readonly<Record<string, string>>;

export interface FormReading {
  /** The document's input: empty fields absent, empty rows dropped. */
  data: Record<string, unknown>;
  /** Text that could not be read as its field's type, named by the field's path. */
  issues: FieldIssue[];
  /** A path of `data` (rows renumbered once empty ones are dropped) → the form's own path. */
  formPath(dataPath: string): string;
}

/**
 * The posted fields as the document's input, each read as its field's type (valueReader: the
 * same reading as a filled PDF form or a spreadsheet's cell): "14/05/2003" or "2003-05-14",
 * "612,50", "oui", "Allemagne".
 */
export function readPosted(tree: GroupNode, posted: Posted): FormReading {
  const issues: FieldIssue[] = [];
  const rows = new Map<string, string>();

  const read = (node: FormNode, dataPath: string): unknown => {
    if (node.kind === 'field') {
      const text = posted[node.path];
      if (text === undefined || text.trim() === '') return undefined;
      try {
        return valueReader(node.schema)?.(text);
      } catch (error) {
        if (!(error instanceof UnreadableValue)) throw error;
        const { code, message_fr, message_en } = error;
        issues.push({ path: node.path, code, message_fr, message_en });
        return undefined;
      }
    }
    if (node.array) {
      const values: unknown[] = [];
      node.children.forEach((row) => {
        const rowPath = `${dataPath}[${values.length}]`;
        const value = read(row, rowPath);
        if (value === undefined) return;
        rows.set(rowPath, row.path);
        values.push(value);
      });
      return values.length > 0 ? values : undefined;
    }
    const object: Record<string, unknown> = {};
    for (const child of node.children) {
      const key = lastKey(child.path);
      const value = read(child, dataPath ? `${dataPath}.${key}` : key);
      if (value !== undefined) {
        Object.defineProperty(object, key, { value, enumerable: true, writable: true });
      }
    }
    return Object.keys(object).length > 0 ? object : undefined;
  };

  const data = (read(tree, '') as Record<string, unknown> | undefined) ?? {};
  const formPath = (dataPath: string): string => {
    // The longest row path that starts dataPath, renamed to the row the person filled.
    let best = '';
    for (const rowPath of rows.keys()) {
      const follows = dataPath[rowPath.length];
      if (
        dataPath.startsWith(rowPath) &&
        (follows === undefined || follows === '.' || follows === '[') &&
        rowPath.length > best.length
      ) {
        best = rowPath;
      }
    }
    return best ? `${rows.get(best)}${dataPath.slice(best.length)}` : dataPath;
  };
  return { data, issues, formPath };
}

/** `a.b[2].c` → `c`; `a.b[2]` → `[2]` is never asked (rows are read by their parent). */
function lastKey(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}

/** The first value of each posted name (urlencoded bodies give an array for a repeated name). */
export function postedOf(body: unknown): Posted {
  const posted: Record<string, string> = {};
  if (typeof body !== 'object' || body === null) return posted;
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') {
      Object.defineProperty(posted, name, { value: first, enumerable: true });
    }
  }
  return posted;
}

/**
 * A multipart body as the form posted it. multer nests a name ending in `[n]` into an array
 * (`lignesAdresse[0]` → `lignesAdresse: [..]`, its append-field rule; a name going on after the
 * bracket, `enfants[0].prenom`, stays whole): each element goes back under its field's name.
 * An array under a name the form has no rows for is a repeated field, left as it came.
 */
export function unnested(body: unknown, tree: GroupNode): unknown {
  if (typeof body !== 'object' || body === null) return body;
  const names = new Set(fieldsOf(tree).map((field) => field.path));
  const flat: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    const rows = Array.isArray(value) && value.some((_, index) => names.has(`${name}[${index}]`));
    if (!rows) {
      Object.defineProperty(flat, name, { value, enumerable: true });
      continue;
    }
    (value as unknown[]).forEach((row, index) => {
      Object.defineProperty(flat, `${name}[${index}]`, { value: row, enumerable: true });
    });
  }
  return flat;
}
