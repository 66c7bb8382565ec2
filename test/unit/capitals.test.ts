import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capitals } from '../../src/documents/print/index.js';
import { createHandlebars } from '../../src/engines/html/handlebars-env.js';

/**
 * Capitals change the case, never the letters (src/shared/capitals.ts): the view models'
 * `capitals()` and the templates' `upper` helper apply the same rule.
 */
const hbs = createHandlebars();
/** The helper as a template prints it: `{{upper name}}`, HTML-escaped as every value. */
const upper = (name: unknown) => hbs.compile('{{upper name}}')({ name });
/** The helper's own text, before escaping. */
const upperRaw = (name: unknown) => hbs.compile('{{{upper name}}}')({ name });

/** Names in the languages the service meets, and how a French form prints them in capitals. */
const NAMES: Array<[language: string, typed: string, printed: string]> = [
  ['Polish', 'Łukasz Wałęsa', 'ŁUKASZ WAŁĘSA'],
  ['Polish', 'Żółkiewska-Ściegienna', 'ŻÓŁKIEWSKA-ŚCIEGIENNA'],
  ['German', 'Strauß', 'STRAUß'],
  ['German', 'Groß-Weißenböck', 'GROß-WEIßENBÖCK'],
  ['Turkish', 'Şahin Yılmaz', 'ŞAHIN YILMAZ'],
  ['Turkish', 'Çağlar Öztürk', 'ÇAĞLAR ÖZTÜRK'],
  ['Vietnamese', 'Nguyễn Đức', 'NGUYỄN ĐỨC'],
  ['Vietnamese', 'Trần Thị Thủy', 'TRẦN THỊ THỦY'],
  ['Breton', 'Le Goff', 'LE GOFF'],
  ['Breton', "Kerc'hoas", "KERC'HOAS"],
  ['Breton', 'Kerc’hoas', 'KERC’HOAS'],
  ['French', 'Lefèvre-Château', 'LEFÈVRE-CHÂTEAU'],
  ['French', 'Élodie Cœur de Lion', 'ÉLODIE CŒUR DE LION'],
  ['French', "N'Guessan çà et là", "N'GUESSAN ÇÀ ET LÀ"],
  ['Irish', "O'Neil", "O'NEIL"],
];

describe('capitals()', () => {
  it.each(NAMES)('%s: "%s" prints "%s"', (_language, typed, printed) => {
    expect(capitals(typed)).toBe(printed);
  });

  it('keeps ß, and the capital ẞ sent, as they are: never SS', () => {
    expect(capitals('ß')).toBe('ß');
    expect(capitals('Straße')).toBe('STRAßE');
    expect(capitals('STRAẞE')).toBe('STRAẞE');
    expect(capitals('Strauß')).not.toBe('STRAUSS');
  });

  it('keeps every character whose upper case is several characters: ŉ, ǰ, ligatures, Greek, Armenian', () => {
    expect(capitals('ŉ')).toBe('ŉ'); // not ʼN
    expect(capitals('ǰ')).toBe('ǰ'); // not J + U+030C
    expect(capitals('ẖẗẘẙẚ')).toBe('ẖẗẘẙẚ');
    expect(capitals('ﬁﬂﬀﬃﬄﬅﬆ')).toBe('ﬁﬂﬀﬃﬄﬅﬆ'); // not FI, FL, FF…
    expect(capitals('Gefﬂügel Ofﬁce')).toBe('GEFﬂÜGEL OFﬁCE');
    expect(capitals('ᾳ ῳ ΐ ΰ')).toBe('ᾳ ῳ ΐ ΰ'); // not ΑΙ, ΩΙ, Ϊ́, Ϋ́
    expect(capitals('և ﬓ')).toBe('և ﬓ'); // not ԵՒ, ՄՆ
  });

  it('writes i and dotless ı as I (fr-FR), and keeps a dotted İ sent', () => {
    expect(capitals('i ı İ I')).toBe('I I İ I');
    expect(capitals('Yılmaz')).toBe('YILMAZ');
    expect(capitals('Şahin')).toBe('ŞAHIN');
    expect(capitals('ŞAHİN')).toBe('ŞAHİN');
  });

  it('keeps accents and digraphs in one character, and other scripts', () => {
    expect(capitals('éèêëàâäîïôöùûüÿçæœ')).toBe('ÉÈÊËÀÂÄÎÏÔÖÙÛÜŸÇÆŒ');
    expect(capitals('ǆ ǅ ǉ')).toBe('Ǆ Ǆ Ǉ');
    expect(capitals('Ελένη Жанна')).toBe('ΕΛΈΝΗ ЖАННА');
    expect(capitals('')).toBe('');
  });

  it('never changes the number of characters, nor a character into anything but its capital', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (text) => {
        const typed = [...text];
        const printed = [...capitals(text)];
        expect(printed).toHaveLength(typed.length);
        printed.forEach((char, index) => {
          const source = typed[index] as string;
          expect([source, source.toLocaleUpperCase('fr-FR')]).toContain(char);
        });
        expect(capitals(capitals(text))).toBe(capitals(text));
      }),
    );
  });
});

describe('the templates’ upper helper', () => {
  it.each(NAMES)('%s: "%s" prints "%s", as capitals() does', (_language, typed, printed) => {
    expect(upperRaw(typed)).toBe(printed);
  });

  it('escapes its output as any value (an apostrophe is an HTML entity, printed as typed)', () => {
    expect(upper("Kerc'hoas")).toBe('KERC&#x27;HOAS');
    expect(upper('Strauß & Söhne <GmbH>')).toBe('STRAUß &amp; SÖHNE &lt;GMBH&gt;');
  });

  it('prints nothing for a value that is not text', () => {
    expect(upper(undefined)).toBe('');
    expect(upper(42)).toBe('');
  });

  it('agrees with capitals() on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (text) => {
        expect(upperRaw(text)).toBe(capitals(text));
      }),
    );
  });
});
