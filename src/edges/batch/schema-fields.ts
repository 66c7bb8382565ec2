import { valueReader } from '../../core/read-value.js';
import { variantsOf, type SchemaNode } from '../../core/schema-node.js';

/**
 * Every field a spreadsheet column can fill, from the document's JSON Schema: each single value
 * (arrays as one field per item) with the French titles along its path, and each array of
 * single values, which one cell may also give with a line per item.
 */
export interface SheetField {
  /** The input path, numbers indexing arrays from 0: ['stage', 'entreprise', 'lignesAdresse', 0]. */
  segments: (string | number)[];
  /** The titles along the path, the document's own left out; an item's is its array's and number. */
  titles: string[];
  /** The node of the value, or of an item for a list. */
  node: SchemaNode;
  /** An array of single values given in one cell, a line per item. */
  list: boolean;
}

/** How many items of the array at `segments` to list: a schema gives no count of its own. */
export type ItemCount = (array: SchemaNode, segments: readonly (string | number)[]) => number;

export function sheetFields(schema: SchemaNode, count: ItemCount): SheetField[] {
  const fields: SheetField[] = [];
  visit(schema, [], [], count, fields);
  return fields;
}

function visit(
  node: SchemaNode,
  segments: (string | number)[],
  titles: string[],
  count: ItemCount,
  fields: SheetField[],
): void {
  if (segments.length > 0 && valueReader(node)) {
    fields.push({ segments, titles, node, list: false });
    return;
  }
  for (const variant of variantsOf(node)) {
    for (const [key, child] of Object.entries(variant.properties ?? {})) {
      visit(child, [...segments, key], [...titles, child.title ?? key], count, fields);
    }
    const items = variant.items;
    if (!items) continue;
    if (valueReader(items)) fields.push({ segments, titles, node: items, list: true });
    const title = titles.at(-1) ?? '';
    for (let index = 0; index < count(variant, segments); index += 1) {
      visit(
        items,
        [...segments, index],
        [...titles.slice(0, -1), `${title} ${index + 1}`],
        count,
        fields,
      );
    }
  }
}

/**
 * Text compared without regard to case, accents, spaces or punctuation: "Élève ou étudiant —
 * Nom de naissance", "eleve ou etudiant > nom de naissance" and "ÉLÈVE OU ÉTUDIANT.NOM DE
 * NAISSANCE" are one title path, whichever separator a school chose.
 */
export function looseKey(text: string): string {
  return text
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}
