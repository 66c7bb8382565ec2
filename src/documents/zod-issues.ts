import { codePointLabel, forbiddenCharacters } from '../shared/characters.js';
import { formatPath } from '../shared/json-path.js';
import type { z } from 'zod';
import type { FieldIssue } from '../core/errors.js';

/**
 * Turns zod's issues into bilingual field issues. Custom refinements carry their own code and
 * French message in `params`; zod's built-in checks are translated here, once for all documents.
 */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => expand(issue as ZodIssueLike));
}

interface ZodIssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  input?: unknown;
  expected?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  keys?: string[];
  values?: unknown[];
  format?: string;
  params?: { code?: string; message_fr?: string };
}

const TYPE_FR: Record<string, string> = {
  string: 'une chaîne de caractères',
  number: 'un nombre',
  boolean: 'un booléen (true/false)',
  object: 'un objet',
  array: 'un tableau',
};

function expand(issue: ZodIssueLike): FieldIssue[] {
  const path = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    return (issue.keys ?? []).map(visibleKey).map((key) => ({
      path: path ? `${path}.${key}` : key,
      code: 'UNKNOWN_FIELD',
      message_fr: `Champ inconnu « ${key} » : vérifiez son orthographe.`,
      message_en: `Unknown field "${key}": check its spelling.`,
    }));
  }
  return [{ path, ...translate(issue) }];
}

/**
 * A key the caller sent, as errors may repeat it: its invisible and direction-changing characters
 * written as U+XXXX, so that an answer (or a page showing it) cannot be turned around by them.
 */
function visibleKey(key: string): string {
  const found = new Set(forbiddenCharacters(key, { multiline: false }).map((c) => c.codePoint));
  if (found.size === 0) return key;
  return [...key]
    .map((char) =>
      found.has(char.codePointAt(0) as number)
        ? codePointLabel(char.codePointAt(0) as number)
        : char,
    )
    .join('');
}

function translate(issue: ZodIssueLike): Omit<FieldIssue, 'path'> {
  if (issue.params?.code && issue.params.message_fr) {
    return {
      code: issue.params.code,
      message_fr: issue.params.message_fr,
      message_en: issue.message,
    };
  }
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) {
        return {
          code: 'REQUIRED',
          message_fr: 'Champ obligatoire.',
          message_en: 'This field is required.',
        };
      }
      return {
        code: 'INVALID_TYPE',
        message_fr: `Type invalide : ${TYPE_FR[issue.expected ?? ''] ?? issue.expected} attendu.`,
        message_en: `Invalid type: expected ${issue.expected}.`,
      };
    case 'too_small':
      return tooSmall(issue);
    case 'too_big':
      return tooBig(issue);
    case 'invalid_value':
      return {
        code: 'INVALID_VALUE',
        message_fr: `Valeur invalide : valeurs possibles ${list(issue.values)}.`,
        message_en: `Invalid value: expected one of ${list(issue.values)}.`,
      };
    case 'invalid_format':
      return {
        code: 'INVALID_FORMAT',
        message_fr: 'Format invalide.',
        message_en: `Invalid format${issue.format ? ` (${issue.format})` : ''}.`,
      };
    default:
      return { code: 'INVALID', message_fr: 'Valeur invalide.', message_en: issue.message };
  }
}

function list(values: unknown[] | undefined): string {
  return (values ?? []).map((value) => JSON.stringify(value)).join(', ');
}

function tooSmall(issue: ZodIssueLike): Omit<FieldIssue, 'path'> {
  const min = String(issue.minimum);
  if (issue.origin === 'string' && min === '1') {
    return {
      code: 'REQUIRED',
      message_fr: 'Ne doit pas être vide.',
      message_en: 'Must not be empty.',
    };
  }
  const { unit, unitEn } = unitsOf(issue);
  return {
    code: 'TOO_SMALL',
    message_fr: `Trop petit : au moins ${min}${unit}.`,
    message_en: `Too small: at least ${min}${unitEn}.`,
  };
}

function tooBig(issue: ZodIssueLike): Omit<FieldIssue, 'path'> {
  const max = String(issue.maximum);
  const { unit, unitEn } = unitsOf(issue);
  return {
    code: 'TOO_BIG',
    message_fr: `Trop grand : au plus ${max}${unit}.`,
    message_en: `Too big: at most ${max}${unitEn}.`,
  };
}

/** What a size bound counts: characters of a string, items of an array, nothing for numbers. */
function unitsOf(issue: ZodIssueLike): { unit: string; unitEn: string } {
  if (issue.origin === 'string') return { unit: ' caractères', unitEn: ' characters' };
  if (issue.origin === 'array') return { unit: ' éléments', unitEn: ' items' };
  return { unit: '', unitEn: '' };
}
