/**
 * Characters no text of a document may contain, whatever the font can draw: they are invisible
 * on paper or change how the rest is read. U+202E turns "Lefèvre" into "ervèfeL" on the printed
 * page; U+200B splits a name in two for any search while looking the same; U+FFFF or a lone
 * surrogate is not text at all. (Characters the fonts cannot draw are refused later, by
 * glyph-coverage.ts.)
 *
 * Refused, in every field: controls (C0, DEL, C1), bidirectional controls (U+061C, U+200E,
 * U+200F, U+202A–U+202E, U+2066–U+2069), format and default-ignorable characters (zero-width
 * space and joiners U+200B–U+200D, word joiner and invisible operators U+2060–U+2064, U+FEFF,
 * soft hyphen U+00AD, Hangul fillers, variation selectors, tags…), U+2028 and U+2029,
 * noncharacters (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF) and lone surrogates. Multi-line fields take
 * U+000A (line feed) and nothing else of its kind. Spaces stay allowed, the no-break ones
 * (U+00A0, U+202F) French typography uses included.
 */

export type ForbiddenKind =
  'control' | 'line-break' | 'bidi' | 'invisible' | 'noncharacter' | 'surrogate';

export interface ForbiddenCharacter {
  codePoint: number;
  kind: ForbiddenKind;
}

const LINE_BREAK = /[\n\v\f\r\u0085\u2028\u2029]/u;
const CONTROL = /\p{Cc}/u;
const BIDI = /\p{Bidi_Control}/u;
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/u;
const NONCHARACTER = /\p{Noncharacter_Code_Point}/u;
/** Every character any of the classes above refuses: the fast path for ordinary text. */
const ANY_FORBIDDEN =
  /[\p{Cc}\p{Cf}\p{Cs}\p{Default_Ignorable_Code_Point}\p{Noncharacter_Code_Point}\u2028\u2029]/u;

function kindOf(char: string): ForbiddenKind | undefined {
  const code = char.codePointAt(0) as number;
  if (code >= 0xd800 && code <= 0xdfff) return 'surrogate';
  if (NONCHARACTER.test(char)) return 'noncharacter';
  if (LINE_BREAK.test(char)) return 'line-break';
  if (CONTROL.test(char)) return 'control';
  if (BIDI.test(char)) return 'bidi';
  if (INVISIBLE.test(char)) return 'invisible';
  return undefined;
}

/**
 * The forbidden characters of `text`, each once, in order of appearance. `multiline` lets
 * U+000A through (the caller turns CRLF into LF first).
 */
export function forbiddenCharacters(
  text: string,
  { multiline }: { multiline: boolean },
): ForbiddenCharacter[] {
  if (!ANY_FORBIDDEN.test(text)) return [];
  const found = new Map<number, ForbiddenCharacter>();
  // for…of walks code points; a lone surrogate comes out as a one-unit string.
  for (const char of text) {
    const codePoint = char.codePointAt(0) as number;
    if (found.has(codePoint) || (multiline && codePoint === 0x0a)) continue;
    const kind = kindOf(char);
    if (kind) found.set(codePoint, { codePoint, kind });
  }
  return [...found.values()];
}

/** "U+202E", "U+1F600": how messages name a character. */
export function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

const KIND_NAMES: Record<ForbiddenKind, { fr: string; en: string }> = {
  control: { fr: 'caractère de contrôle', en: 'control character' },
  'line-break': { fr: 'saut de ligne', en: 'line break' },
  bidi: { fr: 'contrôle de direction du texte', en: 'bidirectional text control' },
  invisible: {
    fr: 'caractère invisible ou de mise en forme',
    en: 'invisible or formatting character',
  },
  noncharacter: { fr: 'non-caractère Unicode', en: 'Unicode noncharacter' },
  surrogate: { fr: 'demi-caractère UTF-16 isolé', en: 'lone UTF-16 surrogate' },
};

/** At most this many characters are named; the others are counted. */
const NAMED = 5;

/** The bilingual messages of FORBIDDEN_CHARACTER, naming each character as U+XXXX. */
export function forbiddenCharacterMessages(
  characters: readonly ForbiddenCharacter[],
  { multiline }: { multiline: boolean },
): { message_fr: string; message_en: string } {
  const named = characters.slice(0, NAMED);
  const more = characters.length - named.length;
  const fr = named.map((c) => `${codePointLabel(c.codePoint)} (${KIND_NAMES[c.kind].fr})`);
  const en = named.map((c) => `${codePointLabel(c.codePoint)} (${KIND_NAMES[c.kind].en})`);
  if (more > 0) {
    fr.push(`et ${more} autre${more > 1 ? 's' : ''}`);
    en.push(`and ${more} other${more > 1 ? 's' : ''}`);
  }
  const breaks = characters.some((c) => c.kind === 'line-break');
  const lines = !breaks
    ? { fr: '', en: '' }
    : multiline
      ? {
          fr: ' Seul le saut de ligne U+000A est admis dans ce champ.',
          en: ' Only the line feed U+000A is allowed in this field.',
        }
      : { fr: ' Ce champ tient sur une ligne.', en: ' This field is a single line.' };
  const plural = characters.length > 1;
  return {
    message_fr: `Caractère${plural ? 's' : ''} interdit${plural ? 's' : ''} : ${fr.join(', ')}.${lines.fr}`,
    message_en: `Forbidden character${plural ? 's' : ''}: ${en.join(', ')}.${lines.en}`,
  };
}
