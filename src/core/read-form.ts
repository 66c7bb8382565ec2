import {
  boxPattern,
  type BoxReader,
  type BoxValue,
  type FormReading,
  type ReadValue,
} from '../documents/read/form-reading.js';
import { UnreadableValue } from '../documents/read/unreadable.js';
import type { FieldIssue } from './errors.js';
import { setAt, withoutEmptyRows } from './input-tree.js';
import { enumOf, valueReader } from './read-value.js';
import { nodeAt, segmentsOf, type SchemaNode } from './schema-node.js';

/** A field of the uploaded PDF: its full name and what was typed or ticked in it. */
export interface FilledBox {
  name: string;
  value: string | boolean | readonly string[] | null;
}

export interface FormRead {
  /** The document's input as far as the form gives it. */
  input: Record<string, unknown>;
  /** Text that could not be read as its field's type, by input path. */
  issues: FieldIssue[];
  /** How many of the PDF's fields the document knows, and the names of those it does not. */
  known: number;
  unknown: string[];
}

/**
 * A filled form back to the document's input: each box by the document's own reader if it has
 * one, else as the input path of its name, by that path's type in the schema. Boxes the service
 * computes are skipped; arrays lose their empty rows.
 */
export function readForm(
  boxes: readonly FilledBox[],
  schema: SchemaNode,
  reading: FormReading,
): FormRead {
  const computed = new Set(reading.computed);
  const values: ReadValue[] = [];
  const issues: FieldIssue[] = [];
  const unknown: string[] = [];
  let known = 0;
  for (const box of boxes) {
    const { pattern, indices } = boxPattern(box.name);
    if (computed.has(pattern)) {
      known += 1;
      continue;
    }
    const reader = reading.boxes?.[pattern] ?? schemaReader(schema, box.name);
    if (!reader) {
      unknown.push(box.name);
      continue;
    }
    known += 1;
    try {
      values.push(...reader(boxValue(box.value), indices));
    } catch (error) {
      if (!(error instanceof UnreadableValue)) throw error;
      const { code, message_fr, message_en } = error;
      issues.push({ path: error.path ?? box.name, code, message_fr, message_en });
    }
  }
  const input = assemble(values, issues);
  return { input, issues, known, unknown };
}

function boxValue(value: FilledBox['value']): BoxValue {
  if (Array.isArray(value)) return (value as readonly string[])[0] ?? null;
  return value as BoxValue;
}

/** How a box named after an input path reads, from the schema; undefined if it is not one. */
function schemaReader(schema: SchemaNode, name: string): BoxReader | undefined {
  const node = nodeAt(schema, name);
  if (node) return readerFor(node, name);
  // A checkbox per option of a choice: `jeune.qualification.justificatif.francais`.
  const dot = name.lastIndexOf('.');
  const choice = dot > 0 ? nodeAt(schema, name.slice(0, dot)) : undefined;
  const option = name.slice(dot + 1);
  if (!choice || !enumOf(choice).includes(option)) return undefined;
  const path = name.slice(0, dot);
  return (value) => (value === true ? [{ path, value: option }] : []);
}

/** The box's value read as its path's type (read-value.ts, shared with spreadsheets). */
function readerFor(node: SchemaNode, path: string): BoxReader | undefined {
  const read = valueReader(node);
  if (!read) return undefined;
  return (value) => {
    const given = read(value);
    return given === undefined ? [] : [{ path, value: given }];
  };
}

/**
 * The values set at their paths. Two boxes giving one path different values (two boxes of one
 * choice ticked) is an issue; a fallback is used only where no box gave a value.
 */
function assemble(values: readonly ReadValue[], issues: FieldIssue[]): Record<string, unknown> {
  const given = new Map<string, unknown>();
  for (const { path, value, fallback } of values) {
    if (fallback) continue;
    if (given.has(path) && given.get(path) !== value) {
      issues.push({
        path,
        code: 'CHOICE_SEVERAL',
        message_fr: 'Plusieurs cases sont cochées pour un seul choix : n’en cochez qu’une.',
        message_en: 'Several boxes are ticked for one choice: tick only one.',
      });
    }
    given.set(path, value);
  }
  for (const { path, value, fallback } of values) {
    if (fallback && !given.has(path)) given.set(path, value);
  }
  const input: Record<string, unknown> = {};
  for (const [path, value] of given) setAt(input, segmentsOf(path), value);
  return withoutEmptyRows(input) as Record<string, unknown>;
}
/**
 * The input path a box of the fillable form is read into (`eleve.nom` → `eleve.nomNaissance`,
 * `stage.entreprise.lignes[1]` → `stage.entreprise.lignesAdresse[0]`): what an issue about the
 * box names, so that a caller finds the field it sent. The box's own name when it is an input
 * path, is computed, or is unknown.
 */
export function inputPathOfBox(name: string, schema: SchemaNode, reading: FormReading): string {
  const { pattern, indices } = boxPattern(name);
  const reader = reading.boxes?.[pattern];
  if (!reader || nodeAt(schema, name)) return name;
  try {
    // A plain word stands for any text: readers send it where the box's text goes.
    return reader('Texte', indices)[0]?.path ?? name;
  } catch (error) {
    if (error instanceof UnreadableValue) return error.path ?? name;
    throw error;
  }
}
