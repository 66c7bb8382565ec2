/**
 * How a document's fillable form reads back into its input (POST /v1/documents/{id}/read). By
 * default a box whose name is an input path is read by that path's type in the JSON Schema (a
 * date, a number, a country, a choice…): a document declares only what differs.
 */
export interface FormReading {
  /**
   * Boxes the service fills itself from other values (an age, a total, a ticked "joindre"):
   * read as nothing. Names as the boxes have them, `[]` standing for any index
   * (`famille.enfants[].age`).
   */
  computed: readonly string[];
  /** Boxes whose value goes elsewhere than the input path of their name; same `[]` keys. */
  boxes?: Readonly<Record<string, BoxReader>>;
}

/** A box as read from the PDF: a text field's text, a checkbox's state, a radio group's choice. */
export type BoxValue = string | boolean | null;

/** One input value a box gives. */
export interface ReadValue {
  path: string;
  value: unknown;
  /** Only when no other box gives this path (a ticked "repos" day reads as 0 h if no hours). */
  fallback?: boolean;
}

/**
 * Reads one box (its `indices` are those `[]` stood for, in order). Throws UnreadableValue for
 * text it cannot read; returns nothing for an empty box.
 */
export type BoxReader = (value: BoxValue, indices: readonly number[]) => readonly ReadValue[];

/** A box's name with its indices as `[]`: the key of `computed` and `boxes`. */
export function boxPattern(name: string): { pattern: string; indices: number[] } {
  const indices: number[] = [];
  const pattern = name.replace(/\[(\d+)\]/g, (_match, index: string) => {
    indices.push(Number(index));
    return '[]';
  });
  return { pattern, indices };
}

/** `famille.enfants[]` with indices [1] → `famille.enfants[1]`. */
export function withIndices(pattern: string, indices: readonly number[]): string {
  let next = 0;
  return pattern.replace(/\[\]/g, () => `[${indices[next++] ?? 0}]`);
}

/** The JSON Schema format of a country field (fields.ts `pays`): read from a name or nationality. */
export const COUNTRY_FORMAT = 'country-code';
