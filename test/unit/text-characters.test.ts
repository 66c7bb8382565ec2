import { describe, expect, it } from 'vitest';
import { documents } from '../../src/documents/registry.js';
import type { FieldIssue } from '../../src/core/errors.js';
import {
  codePointLabel,
  forbiddenCharacterMessages,
  forbiddenCharacters,
  type ForbiddenKind,
} from '../../src/shared/characters.js';
import {
  inputSchemaOf,
  isFreeText,
  MULTILINE_FIELDS,
  nodesOf,
  setAt,
  stringFields,
} from '../helpers/json-nodes.js';
import { ruleHarness } from '../helpers/rules.js';
import { loadSample } from '../helpers/samples.js';

/**
 * Which characters a text field refuses (src/shared/characters.ts, through fields.ts `chaine`):
 * every string field of every document, found in its JSON Schema, gets each class of forbidden
 * character through the same validation the API runs (no Chromium).
 */

const cp = (code: number) => String.fromCodePoint(code);

/** Each class the security review named, with its characters (lone surrogates as UTF-16 units). */
const FORBIDDEN: Record<string, { kind: ForbiddenKind; chars: string[] }> = {
  'C0 controls': { kind: 'control', chars: ['\u0000', '\u0001', '\t', '\u001B', '\u001F'] },
  DEL: { kind: 'control', chars: ['\u007F'] },
  'C1 controls': { kind: 'control', chars: ['\u0080', '\u0090', '\u009F'] },
  'line breaks': {
    kind: 'line-break',
    chars: ['\n', '\r', '\u000B', '\u000C', '\u0085', '\u2028', '\u2029'],
  },
  'bidi controls': {
    kind: 'bidi',
    chars: [0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e]
      .concat([0x2066, 0x2067, 0x2068, 0x2069])
      .map(cp),
  },
  'zero-width and invisible formatting characters': {
    kind: 'invisible',
    chars: [0x200b, 0x200c, 0x200d, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xfeff]
      // soft hyphen, grapheme joiner, Mongolian vowel separator, deprecated format controls,
      // variation selector 16, language tag, Hangul filler
      .concat([0x00ad, 0x034f, 0x180e, 0x206a, 0x206f, 0xfe0f, 0xe0001, 0x3164])
      .map(cp),
  },
  noncharacters: {
    kind: 'noncharacter',
    chars: [0xfdd0, 0xfdef, 0xfffe, 0xffff, 0x1fffe, 0x10ffff].map(cp),
  },
  'lone surrogates': { kind: 'surrogate', chars: ['\uD800', '\uDBFF', '\uDC00', '\uDFFF'] },
};

/** What French names and addresses need, all in the embedded fonts. */
const ALLOWED = [
  'Lefèvre',
  'Œuvray-Cœur',
  'Straße',
  'O’Brien',
  "D'Artagnan",
  'Saint-Jean',
  '12\u00A0bis',
  '7\u202Fter',
  'Ελένη',
  'Жанна',
  'Ærø Łódź',
  'Şişli Ñandú',
  'Nguyễn',
];

const errorsAt = (errors: FieldIssue[], path: string) => errors.filter((e) => e.path === path);
const label = (char: string) => codePointLabel(char.codePointAt(0) as number);

describe('shared/characters.ts', () => {
  it.each(Object.entries(FORBIDDEN))('classifies the %s', (_, { kind, chars }) => {
    for (const char of chars) {
      expect(forbiddenCharacters(`a${char}b`, { multiline: false }), label(char)).toEqual([
        { codePoint: char.codePointAt(0), kind },
      ]);
    }
  });

  it('finds nothing in the allowed texts, nor in a line feed of a multi-line text', () => {
    for (const text of ALLOWED) expect(forbiddenCharacters(text, { multiline: false })).toEqual([]);
    expect(forbiddenCharacters('une\ndeux', { multiline: true })).toEqual([]);
    expect(forbiddenCharacters('une\r\ndeux', { multiline: true })).toEqual([
      { codePoint: 0x0d, kind: 'line-break' },
    ]);
  });

  it('names each character once, as U+XXXX, in both languages', () => {
    const found = forbiddenCharacters('a\u202Eb\u202Ec\u200B', { multiline: false });
    expect(forbiddenCharacterMessages(found, { multiline: false })).toEqual({
      message_fr:
        'Caractères interdits : U+202E (contrôle de direction du texte), U+200B (caractère invisible ou de mise en forme).',
      message_en:
        'Forbidden characters: U+202E (bidirectional text control), U+200B (invisible or formatting character).',
    });
    const lines = forbiddenCharacterMessages([{ codePoint: 0x0a, kind: 'line-break' }], {
      multiline: false,
    });
    expect(lines.message_fr).toBe(
      'Caractère interdit : U+000A (saut de ligne). Ce champ tient sur une ligne.',
    );
    const many = forbiddenCharacters('\u0001\u0002\u0003\u0004\u0005\u0006\u0007', {
      multiline: false,
    });
    expect(forbiddenCharacterMessages(many, { multiline: false }).message_en).toMatch(
      /U\+0005 \(control character\), and 2 others\.$/,
    );
  });
});

describe.each(documents.map((document) => [document.id, document] as const))(
  '%s',
  (id, document) => {
    const { errorsOf, validate } = ruleHarness(id);
    const sample = loadSample(id);
    const fields = stringFields(inputSchemaOf(document));
    const present = new Set(nodesOf(sample).map((node) => node.path));
    const freeText = fields.filter((field) => isFreeText(field.schema) && present.has(field.path));

    it('has string fields, free text among them, all found in its JSON Schema', () => {
      expect(fields.length).toBeGreaterThan(10);
      expect(freeText.length).toBeGreaterThan(4);
    });

    it.each(Object.entries(FORBIDDEN))(
      'refuses the %s in every string field, naming the field and the character',
      (_, { chars }) => {
        const wrong: string[] = [];
        for (const field of fields) {
          for (const char of chars) {
            const errors = errorsAt(
              errorsOf(setAt(sample, field.segments, `Ab${char}cd`)),
              field.path,
            );
            const [issue] = errors;
            const named =
              issue?.message_fr.includes(label(char)) && issue.message_en.includes(label(char));
            const refused = errors.length === 1 && issue?.code === 'FORBIDDEN_CHARACTER' && named;
            if (!refused && !(char === '\n' && MULTILINE_FIELDS[id]?.includes(field.path))) {
              wrong.push(`${field.path} ${label(char)}: ${JSON.stringify(errors)}`);
            }
          }
        }
        expect(wrong).toEqual([]);
      },
    );

    it('refuses a forbidden character at either end of a value too (before any trim)', () => {
      for (const field of fields) {
        for (const value of ['\u202EDupont', 'Dupont\u200B', '\uFEFFDupont', 'Dupont\t']) {
          const errors = errorsAt(errorsOf(setAt(sample, field.segments, value)), field.path);
          expect(
            errors.map((e) => e.code),
            `${field.path} ${JSON.stringify(value)}`,
          ).toEqual(['FORBIDDEN_CHARACTER']);
        }
      }
    });

    it('accepts accents, ligatures, apostrophes, no-break spaces, Greek and Cyrillic in free text', () => {
      expect(errorsOf(sample)).toEqual([]);
      const refused: string[] = [];
      for (const field of freeText) {
        for (const value of ALLOWED) {
          const errors = errorsOf(setAt(sample, field.segments, value));
          if (errors.length > 0) refused.push(`${field.path} ${value}: ${JSON.stringify(errors)}`);
        }
      }
      expect(refused).toEqual([]);
    });

    it('takes a line feed only in its multi-line fields, CRLF as LF', () => {
      const taking = fields
        .filter((field) => {
          const body = setAt(sample, field.segments, 'Ligne une\nLigne deux');
          return errorsAt(errorsOf(body), field.path).length === 0;
        })
        .map((field) => field.path);
      expect(taking).toEqual(MULTILINE_FIELDS[id]);
      for (const path of taking) {
        const field = fields.find((candidate) => candidate.path === path);
        const body = setAt(sample, field?.segments ?? [], ' Ligne une\r\nLigne deux\r\n');
        const { input } = validate(body);
        expect(valueAt(input, path)).toBe('Ligne une\nLigne deux');
        for (const other of ['\r', '\u2028', '\t', '\u000B']) {
          const errors = errorsOf(setAt(sample, field?.segments ?? [], `Ligne une${other}deux`));
          expect(codesAt(errors, path), `${path} ${label(other)}`).toEqual(['FORBIDDEN_CHARACTER']);
        }
      }
    });

    it('puts free text in NFC before counting its length', () => {
      const [field] = freeText;
      if (!field) throw new Error('no free text field');
      const max = field.schema.maxLength as number;
      const decomposed = 'e\u0301'.repeat(max);
      const { input } = validate(setAt(sample, field.segments, decomposed));
      expect(valueAt(input, field.path)).toBe('\u00E9'.repeat(max));
      expect(
        codesAt(errorsOf(setAt(sample, field.segments, `${decomposed}e`)), field.path),
      ).toEqual(['TOO_BIG']);
    });
  },
);

function codesAt(errors: FieldIssue[], path: string): string[] {
  return errorsAt(errors, path).map((error) => error.code);
}

function valueAt(root: unknown, path: string): unknown {
  return nodesOf(root).find((node) => node.path === path)?.value;
}
