import { describe, expect, it } from 'vitest';
import { valueReader } from '../../src/core/read-value.js';
import type { SchemaNode } from '../../src/core/schema-node.js';
import { UnreadableValue } from '../../src/documents/read/unreadable.js';

/** The reader shared by a form's boxes and a sheet's cells (core/read-value.ts). */
function read(node: SchemaNode, value: string | number | boolean | null): unknown {
  const reader = valueReader(node);
  if (!reader) throw new Error('no reader');
  return reader(value);
}

function codeOf(node: SchemaNode, value: string | number | boolean): string | undefined {
  try {
    read(node, value);
  } catch (error) {
    if (error instanceof UnreadableValue) return error.code;
    throw error;
  }
  return undefined;
}

describe('valueReader', () => {
  const yesNo: SchemaNode = { type: 'boolean' };
  const choice: SchemaNode = { type: 'string', enum: ['eleve', 'etudiant'] };
  const amount: SchemaNode = { type: ['string', 'number'] };
  const number: SchemaNode = { type: 'number' };
  const text: SchemaNode = { type: 'string' };
  const date: SchemaNode = { type: 'string', format: 'date' };

  it('reads yes and no in every way a cell or a box says them', () => {
    for (const yes of ['oui', 'OUI', 'Vrai', 'true', 'x', 'X', '1', 1, true]) {
      expect(read(yesNo, yes), String(yes)).toBe(true);
    }
    for (const no of ['non', 'Non', 'faux', 'FALSE', '0', 0, false]) {
      expect(read(yesNo, no), String(no)).toBe(false);
    }
    expect(read(yesNo, '  ')).toBeUndefined();
    expect(codeOf(yesNo, 'peut-être')).toBe('CHOICE_UNKNOWN');
    expect(codeOf(yesNo, 2)).toBe('CHOICE_UNKNOWN');
  });

  it('reads a choice as its value, without regard to case or accents', () => {
    expect(read(choice, 'etudiant')).toBe('etudiant');
    expect(read(choice, ' Étudiant ')).toBe('etudiant');
    expect(read(choice, 'ÉLÈVE')).toBe('eleve');
    expect(read(choice, '')).toBeUndefined();
    expect(codeOf(choice, 'apprenti')).toBe('CHOICE_UNKNOWN');
  });

  it('keeps a spreadsheet’s numbers as numbers, and reads typed ones', () => {
    expect(read(number, 12.5)).toBe(12.5);
    expect(read(number, '12,5 h')).toBe(12.5);
    expect(read(amount, 693.5)).toBe(693.5);
    expect(read(amount, '1 234,50 €')).toBe('1234.50');
    expect(codeOf(number, 'cinq')).toBe('NUMBER_UNREADABLE');
  });

  it('reads a number typed in a text field as its digits, a date in either order', () => {
    expect(read(text, 75020)).toBe('75020');
    expect(read(text, '  Léa ')).toBe('Léa');
    expect(read(text, true)).toBeUndefined();
    expect(read(date, '11/01/2027')).toBe('2027-01-11');
    expect(read(date, '2027-01-11')).toBe('2027-01-11');
    expect(codeOf(date, '31/02/2027')).toBe('DATE_UNREADABLE');
  });

  it('has no reader for an object or an array', () => {
    expect(valueReader({ type: 'object', properties: {} })).toBeUndefined();
    expect(valueReader({ type: 'array', items: { type: 'string' } })).toBeUndefined();
  });
});
