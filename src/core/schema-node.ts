/**
 * Walking a document's JSON Schema (z.toJSONSchema, input side) by a field path such as
 * `famille.enfants[1].prenom`: what type the value there has, so that a form's box is read as it.
 */
export interface SchemaNode {
  type?: string | string[];
  /** The field's French title (`.meta({ title })`): a spreadsheet's column may be named by them. */
  title?: string;
  enum?: unknown[];
  format?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  maxItems?: number;
  anyOf?: SchemaNode[];
}

/** The node at a path, or undefined when the schema has no such field. */
export function nodeAt(root: SchemaNode, path: string): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const segment of segmentsOf(path)) {
    node = node && childOf(node, segment);
    if (!node) return undefined;
  }
  return node;
}

/** `a.b[2].c` → ['a', 'b', 2, 'c']. */
export function segmentsOf(path: string): (string | number)[] {
  return path
    .split(/\.|(?=\[)/)
    .map((segment) => (/^\[\d+\]$/.test(segment) ? Number(segment.slice(1, -1)) : segment));
}

/** The node's variants: itself, or those of its anyOf (an optional field, a string-or-number). */
export function variantsOf(node: SchemaNode): SchemaNode[] {
  return node.anyOf ? node.anyOf.flatMap(variantsOf) : [node];
}

export function typesOf(node: SchemaNode): string[] {
  return variantsOf(node).flatMap((variant) =>
    variant.type === undefined ? [] : [variant.type].flat(),
  );
}

function childOf(node: SchemaNode, segment: string | number): SchemaNode | undefined {
  for (const variant of variantsOf(node)) {
    if (typeof segment === 'number' && variant.items) return variant.items;
    if (
      typeof segment === 'string' &&
      variant.properties &&
      Object.hasOwn(variant.properties, segment)
    ) {
      return variant.properties[segment];
    }
  }
  return undefined;
}
