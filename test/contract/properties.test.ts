import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CoreError, type FieldIssue } from '../../src/core/errors.js';
import type { DocumentDefinition } from '../../src/documents/document-definition.js';
import { documents } from '../../src/documents/registry.js';
import { toFieldIssues } from '../../src/documents/zod-issues.js';
import { forbiddenCharacters } from '../../src/shared/characters.js';
import { EU_COUNTRIES } from '../../src/shared/countries.js';
import {
  inputSchemaOf,
  isWithin,
  MULTILINE_FIELDS,
  nodesOf,
  schemaAt,
  setAt,
  type JsonNode,
  type JsonSchema,
} from '../helpers/json-nodes.js';
import { ruleHarness } from '../helpers/rules.js';
import { loadSample } from '../helpers/samples.js';

/**
 * Properties of the validation every request goes through before rendering (schema, printable
 * characters, rules: ruleHarness, no Chromium), over every document of the registry. Whatever
 * the payload, validation accepts it or refuses it with VALIDATION_FAILED and well-formed field
 * issues: any other exception would be a 500 over HTTP, and is a bug.
 *
 * Runs are reproducible: a fixed seed and a bounded number of runs. FC_SEED and FC_RUNS explore
 * further (`FC_SEED=$RANDOM FC_RUNS=5000 npx vitest run test/contract/properties.test.ts`); a
 * failure prints its seed and path, to replay with `{ seed, path }`.
 */
const SEED = Number(process.env.FC_SEED ?? 20_260_522);
const RUNS = Number(process.env.FC_RUNS ?? 250);
const settings = { seed: SEED, numRuns: RUNS };
/** Validation is synchronous: a hang shows as a run this slow (a super-linear regex, say). */
const SLOW_MS = 1_000;

type Outcome =
  { valid: true; input: unknown; context: unknown } | { valid: false; errors: FieldIssue[] };

function outcomeOf(harness: ReturnType<typeof ruleHarness>, body: unknown): Outcome {
  const started = performance.now();
  const outcome = judge(harness, body);
  const elapsed = performance.now() - started;
  if (elapsed > SLOW_MS) throw new Error(`validation took ${Math.round(elapsed)} ms`);
  return outcome;
}

function judge(harness: ReturnType<typeof ruleHarness>, body: unknown): Outcome {
  try {
    const { input, context } = harness.validate(body);
    return { valid: true, input, context };
  } catch (error) {
    // Anything else than a refusal of the data is a bug: it fails the property, with its stack.
    if (!(error instanceof CoreError) || error.code !== 'VALIDATION_FAILED') throw error;
    return { valid: false, errors: error.errors ?? [] };
  }
}

/** A path (`''` for the root), a code in capitals, both messages: what a 422 lists. */
function expectWellFormed(errors: readonly FieldIssue[]): void {
  expect(errors.length).toBeGreaterThan(0);
  for (const issue of errors) {
    expect(typeof issue.path).toBe('string');
    expect(issue.code).toMatch(/^[A-Z][A-Z0-9_]*$/);
    expect(typeof issue.message_fr === 'string' && issue.message_fr.length > 0).toBe(true);
    expect(typeof issue.message_en === 'string' && issue.message_en.length > 0).toBe(true);
  }
  // The HTTP edge sends them as JSON.
  expect(() => JSON.stringify(errors)).not.toThrow();
}

/** What a valid payload goes on to: the engines' input, built from it without throwing. */
function expectRenderable(document: DocumentDefinition, outcome: Outcome & { valid: true }) {
  const context = outcome.context as Parameters<DocumentDefinition['rules']>[1];
  expect(() => document.toViewModel(outcome.input, context)).not.toThrow();
  expect(() => document.blankViewModel?.(context, outcome.input)).not.toThrow();
  expect(() => document.metadata(outcome.input)).not.toThrow();
  expect(typeof document.fileName(outcome.input)).toBe('string');
}

/** No string of validated data holds a forbidden character; a line feed only where it may. */
function expectCleanText(id: string, input: unknown): void {
  for (const node of nodesOf(input)) {
    if (typeof node.value !== 'string') continue;
    expect(forbiddenCharacters(node.value, { multiline: true }), node.path).toEqual([]);
    if (node.value.includes('\n')) expect(MULTILINE_FIELDS[id]).toContain(node.path);
    expect(node.value, node.path).toBe(node.value.normalize('NFC'));
  }
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

const cp = (code: number) => String.fromCodePoint(code);
/** One UTF-16 unit: lone surrogates included, which `unit: 'binary'` never makes. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
/** The characters the fields refuse, and some they take, to mix into text. */
// prettier-ignore
const TRICKY = [
  '\u0000', '\t', '\n', '\r', '\u007F', '\u0085', '\u00AD', '\u061C', '\u200B', '\u200D',
  '\u200E', '\u202E', '\u2028', '\u2066', '\u2069', '\u2060', '\uFEFF', '\uFFFE', '\uFFFF',
  '\uFDD0', '\uD800', '\uDFFF', cp(0x1fffe), cp(0xe0041), '\u00A0', '\u202F', 'e\u0301',
  '’', 'œ', 'ß', 'Ж', 'λ', '😀', '-', ' ', '.', '@', '0', '9', 'A', 'é',
];

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: codeUnit, maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...TRICKY), maxLength: 20 }),
);

/** Values at the edges: huge texts and numbers, and what JSON cannot carry but JS can. */
const extreme = fc.constantFrom<unknown>(
  'x'.repeat(200_000),
  '9'.repeat(5_000),
  'é'.repeat(60_000),
  `a@${'b.'.repeat(50_000)}`,
  `${'1'.repeat(40)}.00`,
  '\u202E'.repeat(10_000),
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  2 ** 64,
  Number.MIN_VALUE,
  -0,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
);

const numbers = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.integer({ min: -5, max: 400 }),
  fc.double({ min: -1, max: 400, noNaN: true }),
);

/** Objects whose keys Object.prototype already has: JSON.parse makes them own properties. */
const prototypeKeys = fc
  .record({
    key: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'),
    value: fc.jsonValue({ maxDepth: 2 }),
  })
  .map(({ key, value }) => JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(value)}}`));

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 3, maxKeys: 5 }),
  fc.jsonValue({ maxDepth: 3 }),
  anyText,
  numbers,
  extreme,
  prototypeKeys,
  fc.constant(undefined),
);

/** A day from year 1 to 9999, or within 10 years of `near` (so that the rules get to judge it). */
function isoDate(near: unknown): fc.Arbitrary<string> {
  const day = 86_400_000;
  const base = typeof near === 'string' ? Date.parse(near) : Number.NaN;
  const around = Number.isNaN(base)
    ? fc.constant('2026-01-01')
    : fc
        .integer({ min: -3_650, max: 3_650 })
        .map((offset) => new Date(base + offset * day).toISOString().slice(0, 10));
  // Date.UTC reads years 0–99 as 1900–1999: the bounds are set with setUTCFullYear.
  const utc = (year: number, month: number, date: number) =>
    new Date(0).setUTCFullYear(year, month, date);
  const any = fc
    .integer({ min: utc(1, 0, 1), max: utc(9999, 11, 31) })
    .map((time) => new Date(time).toISOString().slice(0, 10));
  return fc.oneof(around, any);
}

const COUNTRIES = [...EU_COUNTRIES, 'IS', 'NO', 'CH', 'GB', 'CO', 'MA', 'US', 'CA', 'NC', 'BL'];

/**
 * Values the schema of the node would accept, or nearly: the rules then judge them (dates far
 * off, other enum values, bounds and one past them, other countries, amounts).
 */
function schemaValue(schema: JsonSchema | undefined, node: JsonNode): fc.Arbitrary<unknown> {
  if (!schema) return anyValue;
  const types = [schema.type ?? []].flat();
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (types.includes('boolean')) return fc.boolean();
  if (schema.format === 'date') return isoDate(node.value);
  if (schema.description?.includes('ISO 3166')) return fc.constantFrom(...COUNTRIES);
  if (types.includes('string') && types.includes('number')) {
    return fc.oneof(
      fc.integer({ min: 0, max: 10_000_000 }).map((cents) => (cents / 100).toFixed(2)),
      fc.integer({ min: 0, max: 2_000_000 }),
      fc.double({ min: 0, max: 1e12, noNaN: true }),
    );
  }
  if (types.includes('integer') || types.includes('number')) {
    const min = (schema.minimum ?? -1_000) - 1;
    const max = (schema.maximum ?? 1_000) + 1;
    return fc.oneof(
      fc.integer({ min, max }),
      fc.integer({ min: min * 4, max: max * 4 }).map((quarters) => quarters / 4),
      fc.double({ min, max, noNaN: true }),
    );
  }
  if (types.includes('string')) {
    const letters = fc.constantFrom(...'abcdeéèàçœ’- ABCÉŒ0123'.split(''));
    return fc.string({ unit: letters, minLength: 0, maxLength: (schema.maxLength ?? 40) + 2 });
  }
  if (types.includes('array') && Array.isArray(node.value) && node.value.length > 0) {
    return fc.array(fc.constantFrom(...(node.value as unknown[])), { maxLength: 10 });
  }
  return anyValue;
}

/** The sample's node with one more key (prototype names included), when it is an object. */
function withExtraKey(node: JsonNode): fc.Arbitrary<unknown> {
  if (!node.value || typeof node.value !== 'object' || Array.isArray(node.value)) return anyValue;
  const key = fc.oneof(
    fc.constantFrom('__proto__', 'constructor', 'toString', 'nom', ''),
    fc.string({ unit: 'binary', maxLength: 8 }),
  );
  return fc.record({ key, value: fc.jsonValue({ maxDepth: 1 }) }).map(({ key, value }) => {
    const copy = structuredClone(node.value) as Record<string, unknown>;
    Object.defineProperty(copy, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return copy;
  });
}

/** The sample's string with tricky characters slipped in. */
function withInsertions(node: JsonNode): fc.Arbitrary<unknown> {
  if (typeof node.value !== 'string') return anyValue;
  const text = node.value;
  return fc
    .array(fc.record({ at: fc.nat({ max: text.length }), char: fc.constantFrom(...TRICKY) }), {
      minLength: 1,
      maxLength: 3,
    })
    .map((insertions) =>
      insertions.reduce((value, { at, char }) => value.slice(0, at) + char + value.slice(at), text),
    );
}

// ---------------------------------------------------------------------------------------------

describe.each(documents.map((document) => [document.id, document] as const))(
  '%s',
  (id, document) => {
    const harness = ruleHarness(id);
    const sample = loadSample(id);
    const jsonSchema = inputSchemaOf(document);
    const rootKeys = Object.keys(jsonSchema.properties ?? {});
    const nodes = nodesOf(sample);

    it('accepts its sample (the base of the near-valid payloads)', () => {
      expect(outcomeOf(harness, sample).valid).toBe(true);
    });

    it('(a) any value as the whole payload: accepted, or refused field by field', () => {
      const payload = fc.oneof(
        anyValue,
        fc.dictionary(fc.constantFrom(...rootKeys), anyValue, { maxKeys: rootKeys.length }),
        fc.record(Object.fromEntries(rootKeys.map((key) => [key, anyValue])), {
          requiredKeys: [],
        }),
      );
      fc.assert(
        fc.property(payload, (body) => {
          const outcome = outcomeOf(harness, body);
          if (outcome.valid) {
            expectCleanText(id, outcome.input);
            expectRenderable(document, outcome);
            return;
          }
          expectWellFormed(outcome.errors);
          const keys = [
            ...rootKeys,
            ...(body && typeof body === 'object' ? Object.keys(body) : []),
          ];
          for (const issue of outcome.errors) {
            const placed = issue.path === '' || keys.some((key) => isWithin(issue.path, key));
            expect(placed, `${issue.path} is the root or under a key`).toBe(true);
          }
        }),
        settings,
      );
    });

    it('(b) the sample with one node replaced: accepted, or refused at that node or inside it', () => {
      const change = fc.constantFrom(...nodes).chain((node) =>
        fc.record({
          node: fc.constant(node),
          value: fc.oneof(
            { weight: 3, arbitrary: anyValue },
            { weight: 3, arbitrary: schemaValue(schemaAt(jsonSchema, node.segments), node) },
            { weight: 2, arbitrary: withInsertions(node) },
            { weight: 1, arbitrary: withExtraKey(node) },
          ),
        }),
      );
      fc.assert(
        fc.property(change, ({ node, value }) => {
          const body = setAt(sample, node.segments, value);
          // Removing an array item changes the array: its length, and the items after it.
          const last = node.segments[node.segments.length - 1];
          const changed =
            value === undefined && typeof last === 'number'
              ? node.path.slice(0, node.path.lastIndexOf('['))
              : node.path;
          const outcome = outcomeOf(harness, body);
          if (outcome.valid) {
            expectCleanText(id, outcome.input);
            expectRenderable(document, outcome);
            return;
          }
          expectWellFormed(outcome.errors);
          const parsed = document.schema.safeParse(body, { reportInput: true });
          if (!parsed.success) {
            // The schema judges each field alone: only the changed node can be wrong.
            expect(outcome.errors).toEqual(toFieldIssues(parsed.error));
            for (const issue of outcome.errors) {
              expect(isWithin(issue.path, changed), `${issue.path} within ${changed}`).toBe(true);
            }
          } else {
            // Past the schema: an unprintable character is the changed node's; a rule may name
            // any field the new value disagrees with (a date of birth and a NIR, say).
            for (const issue of outcome.errors.filter((e) => e.code === 'UNSUPPORTED_CHARACTER')) {
              expect(isWithin(issue.path, changed), `${issue.path} within ${changed}`).toBe(true);
            }
          }
        }),
        settings,
      );
    });
  },
);
