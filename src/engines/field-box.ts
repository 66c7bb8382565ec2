/**
 * Where a marked box of a template prints, in PDF points: measured by the HTML engine on the
 * printed blank form, used by the AcroForm engine to place a field there. Neither engine imports
 * the other; both speak this shape.
 */
/** A marked box's value as the template prints it: its text, or a checkbox's state. */
export type FieldValue = string | boolean;

export interface FieldBox {
  name: string;
  /** `data-type`: text (default), checkbox or comb; `image` for a `data-image` box. */
  type: string;
  maxLength?: number;
  multiline: boolean;
  /** 1-based. */
  page: number;
  /** Origin at the page's bottom left, as pdf-lib and PDF rectangles have it. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** How the template prints a value in this box, so that the acroform engine draws it alike. */
  text: TextStyle;
  /**
   * What the box is, in the form's words ("Employeur — Nom de naissance"): the field's tooltip,
   * which PDF readers show and screen readers read.
   */
  label?: string;
  /**
   * A checkbox that is one choice of several (`data-group`): the boxes of one group make one
   * radio group in the fillable form, its option the last segment of the box's name.
   */
  group?: string;
}

export interface TextStyle {
  /** Font size in points. */
  size: number;
  bold: boolean;
  /** Distance from the box's top edge to the first line's baseline. */
  baseline: number;
  /** Distance between two lines' baselines. */
  lineHeight: number;
  /** Horizontal insets (padding and border) of the text inside the box. */
  left: number;
  right: number;
  align: 'left' | 'center' | 'right';
}
