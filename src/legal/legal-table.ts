/**
 * THE dated table of legal figures (DECISIONS §2): SMIC, minimum garanti, plafond de la
 * sécurité sociale, gratification rate and thresholds, au pair figures. Code asks the table for
 * the value in force at a date; no legal figure is written anywhere else.
 *
 * The builtin values live in legal-values.json, each with its legal text, sources and effective
 * date. An operator can fix or extend them without a release: a JSON file of entries of the same
 * shape (named by LEGAL_VALUES_FILE), validated at start-up.
 */
import { readFileSync } from 'node:fs';
import builtinData from './legal-values.json' with { type: 'json' };
import {
  describeLegalValueIssues,
  legalValuesFileSchema,
  type LegalKey,
  type LegalValue,
} from './legal-table-schema.js';
import { isIsoDate } from '../shared/dates.js';

export type { LegalKey, LegalUnit, LegalValue } from './legal-table-schema.js';

export interface LegalTable {
  /** The entry with the greatest effective date ≤ isoDate; throws LegalValueMissingError if none. */
  valueAt(key: LegalKey, isoDate: string): LegalValue;
  /** Every entry of `key`, oldest first. */
  entries(key: LegalKey): readonly LegalValue[];
  /** Every entry, by key then date. */
  all(): readonly LegalValue[];
}

/** No value of `key` is in force on `date` (the date is before the table's first entry). */
export class LegalValueMissingError extends Error {
  readonly key: LegalKey;
  readonly date: string;
  /** The same explanation in French, for an API error body. */
  readonly messageFr: string;

  constructor(key: LegalKey, date: string, firstEffective: string | undefined) {
    const knownFrom = firstEffective
      ? `the table starts on ${firstEffective}`
      : 'the table has no entry for it';
    super(`No legal value "${key}" in force on ${date}: ${knownFrom}.`);
    this.name = 'LegalValueMissingError';
    this.key = key;
    this.date = date;
    this.messageFr = firstEffective
      ? `Aucune valeur légale « ${key} » en vigueur le ${date} : la table commence le ${firstEffective}.`
      : `Aucune valeur légale « ${key} » en vigueur le ${date} : la table n'en contient aucune.`;
  }
}

function entryId(entry: LegalValue): string {
  return `${entry.key}@${entry.effective}`;
}

/** Validates entries with the shared schema; `origin` names the file in every message. */
function validateEntries(data: unknown, origin: string): LegalValue[] {
  const parsed = legalValuesFileSchema.safeParse(data);
  if (!parsed.success) {
    throw new Error(`Legal values file ${origin}: ${describeLegalValueIssues(parsed.error)}`);
  }
  const seen = new Map<string, number>();
  parsed.data.forEach((entry, index) => {
    const id = entryId(entry);
    const first = seen.get(id);
    if (first !== undefined) {
      throw new Error(
        `Legal values file ${origin}: entry [${index}] repeats key "${entry.key}" with effective ` +
          `date ${entry.effective} (already entry [${first}])`,
      );
    }
    seen.set(id, index);
  });
  return parsed.data;
}

function readOverrideFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Legal values file ${path}: cannot be read (${reason})`, { cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Legal values file ${path}: not valid JSON (${reason})`, { cause: error });
  }
}

function buildTable(entries: readonly LegalValue[]): LegalTable {
  const byKey = new Map<LegalKey, LegalValue[]>();
  for (const entry of entries) {
    const frozen = Object.freeze({ ...entry, sources: Object.freeze([...entry.sources]) });
    const list = byKey.get(entry.key) ?? [];
    list.push(frozen as LegalValue);
    byKey.set(entry.key, list);
  }
  for (const list of byKey.values()) {
    list.sort((a, b) => (a.effective < b.effective ? -1 : a.effective > b.effective ? 1 : 0));
    Object.freeze(list);
  }
  const everything = Object.freeze([...byKey.values()].flat());
  const none: readonly LegalValue[] = Object.freeze([]);

  return {
    valueAt(key, isoDate) {
      if (!isIsoDate(isoDate)) {
        throw new RangeError(`valueAt(${key}): not a calendar date (YYYY-MM-DD): "${isoDate}"`);
      }
      const list = byKey.get(key) ?? none;
      // ISO dates compare as strings; lists are short, so a backwards scan is enough.
      for (let index = list.length - 1; index >= 0; index -= 1) {
        const entry = list[index];
        if (entry && entry.effective <= isoDate) return entry;
      }
      throw new LegalValueMissingError(key, isoDate, list[0]?.effective);
    },
    entries: (key) => byKey.get(key) ?? none,
    all: () => everything,
  };
}

/**
 * The builtin table, merged with the operator's file when given: an entry with the same key and
 * effective date replaces the builtin one, any other is added. Throws an Error naming the file
 * and the offending entry when the file is unreadable or invalid.
 */
export function loadLegalTable(overrideFile?: string): LegalTable {
  const merged = new Map<string, LegalValue>();
  for (const entry of validateEntries(builtinData, 'legal-values.json (builtin)')) {
    merged.set(entryId(entry), entry);
  }
  if (overrideFile !== undefined) {
    for (const entry of validateEntries(readOverrideFile(overrideFile), overrideFile)) {
      merged.set(entryId(entry), entry);
    }
  }
  return buildTable([...merged.values()]);
}

let builtinTable: LegalTable | undefined;

/** The builtin table alone, built on first use (tests, and callers without an override file). */
export function defaultLegalTable(): LegalTable {
  builtinTable ??= loadLegalTable();
  return builtinTable;
}
