/**
 * A value typed in a form that cannot be read as its field's type ("31/02/2027", "cinq").
 * The reader reports it as a field issue, with the others, in a 422 like /validate's.
 */
export class UnreadableValue extends Error {
  constructor(
    readonly code: string,
    readonly message_fr: string,
    readonly message_en: string,
    /** The input path it concerns, when not the box's own. */
    readonly path?: string,
  ) {
    super(message_en);
    this.name = 'UnreadableValue';
  }
}
