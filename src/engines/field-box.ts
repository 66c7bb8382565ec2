/**
 * Where a marked box of a template prints, in PDF points: measured by the HTML engine on the
 * printed blank form, used by the AcroForm engine to place a field there. Neither engine imports
 * the other; both speak this shape.
 */
export interface FieldBox {
  name: string;
  /** `data-type`: text (default), checkbox or comb. */
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
}
