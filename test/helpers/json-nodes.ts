import { z } from 'zod';
import type { DocumentDefinition } from '../../src/documents/document-definition.js';
import { formatPath } from '../../src/shared/json-path.js';

/** A place in a JSON value: object keys and array indexes, named the way errors name fields. */
export type Segments = ReadonlyArray<string | number>;

export interface JsonNode {
  segments: Segments;
  /** `enfants[0].prenom`, as FieldIssue paths are written. */
  path: string;
  value: unknown;
}

/** Every node of a JSON value but the root: objects and arrays, then their members, then leaves. */
export function nodesOf(value: unknown, segments: Segments = []): JsonNode[] {
  const here: JsonNode[] = segments.length ? [{ segments, path: formatPath(segments), value }] : [];
  if (Array.isArray(value)) {
    return [...here, ...value.flatMap((item, index) => nodesOf(item, [...segments, index]))];
  }
  if (value && typeof value === 'object') {
    return [
      ...here,
      ...Object.entries(value).flatMap(([key, item]) => nodesOf(item, [...segments, key])),
    ];
  }
  return here;
}

/**
 * A deep copy of `root` with the node at `segments` set to `value` (deleted when `undefined`);
 * missing objects and arrays on the way are created.
 */
export function setAt(root: unknown, segments: Segments, value: unknown): Record<string, unknown> {
  const copy = structuredClone(root) as Record<string, unknown>;
  let target = copy as Record<string | number, unknown>;
  segments.slice(0, -1).forEach((key, index) => {
    const next = segments[index + 1];
    if (target[key] === null || typeof target[key] !== 'object') {
      target[key] = typeof next === 'number' ? [] : {};
    }
    target = target[key] as Record<string | number, unknown>;
  });
  const last = segments[segments.length - 1] as string | number;
  if (value === undefined) {
    if (Array.isArray(target) && typeof last === 'number') target.splice(last, 1);
    else delete target[last];
  } else {
    target[last] = value;
  }
  return copy;
}

/** Is `path` the node `node` itself or somewhere inside it? */
export function isWithin(path: string, node: string): boolean {
  return path === node || path.startsWith(`${node}.`) || path.startsWith(`${node}[`);
}

/** The part of a JSON Schema these tests read (what zod's toJSONSchema writes for our schemas). */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  description?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
}

/** The document's input JSON Schema, as GET /v1/documents/{id}/schema publishes it. */
export function inputSchemaOf(document: DocumentDefinition): JsonSchema {
  return z.toJSONSchema(document.schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** The schema of the node at `segments` (array items for any index), if the schema says. */
export function schemaAt(schema: JsonSchema, segments: Segments): JsonSchema | undefined {
  let current: JsonSchema | undefined = schema;
  for (const key of segments) {
    if (!current) return undefined;
    current = typeof key === 'number' ? current.items : current.properties?.[key];
  }
  return current;
}

export interface StringField {
  segments: Segments;
  path: string;
  schema: JsonSchema;
}

const typesOf = (schema: JsonSchema) => [schema.type ?? []].flat();

/**
 * Every field of a schema that takes a string other than a fixed token (enums are left out):
 * names, communes, dates, codes, amounts as text. An array stands for its first item.
 */
export function stringFields(schema: JsonSchema, segments: Segments = []): StringField[] {
  const own: StringField[] =
    typesOf(schema).includes('string') && !schema.enum
      ? [{ segments, path: formatPath(segments), schema }]
      : [];
  const members = Object.entries(schema.properties ?? {}).flatMap(([key, property]) =>
    stringFields(property, [...segments, key]),
  );
  const items = schema.items ? stringFields(schema.items, [...segments, 0]) : [];
  return [...own, ...members, ...items];
}

/** Free text (fields.ts `texte`): the strings with a minimum length of 1 and a maximum one. */
export function isFreeText(schema: JsonSchema): boolean {
  return schema.minLength === 1 && schema.maxLength !== undefined && !schema.format;
}

/**
 * The fields printed on several lines, where a line feed is kept (fields.ts `texteMultiligne`).
 * test/unit/text-characters.test.ts checks that exactly these take one.
 */
export const MULTILINE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'attestation-atmp-stage-etranger': [],
  'convention-au-pair': ['activites.precisionsHoraires', 'rupture.modalites'],
  'declaration-embauche-emploi-familial': [],
  'attestation-hebergement': [],
};
