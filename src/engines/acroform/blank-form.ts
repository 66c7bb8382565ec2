import fontkit from '@pdf-lib/fontkit';
import { PDFDict, PDFDocument, PDFName, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { FieldBox } from '../field-box.js';

/** Where a field goes: a box the HTML engine measured on the printed blank form. */
export type FieldPlacement = FieldBox;

export interface BlankFormOptions {
  /**
   * A TrueType face embedded whole as the fields' font, so that a value typed later in a viewer
   * finds its glyphs (the public blank form). Without it the fields name pdf-lib's default font:
   * enough for a form that fillForm fills at once, since it rebuilds every appearance with its
   * own embedded font, and ~400 kB lighter per filled PDF.
   */
  font?: Uint8Array;
  /** Size of the typed values; HTML prints them at 9.5 pt bold. */
  fontSize?: number;
}

/** French forms tick a checkbox with the export value "Oui" (pdf-lib names it /Yes). */
export const CHECKBOX_ON_VALUE = 'Oui';

/**
 * Adds an AcroForm field at each placement of a printed blank form: text fields without border
 * or background (the printed dotted line shows through), comb fields, checkboxes whose on-state
 * is /Oui. Field names are used as given; dots make pdf-lib build the parent fields.
 */
export async function buildBlankForm(
  pdf: Uint8Array,
  placements: readonly FieldPlacement[],
  options: BlankFormOptions = {},
): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  let font: PDFFont | undefined;
  if (options.font) {
    doc.registerFontkit(fontkit);
    font = await doc.embedFont(options.font, { subset: false });
  }
  const form = doc.getForm();
  const pages = doc.getPages();
  for (const placement of placements) {
    const page = pages[placement.page - 1];
    if (!page)
      throw new Error(`Field ${placement.name} is on page ${placement.page}, not in the PDF`);
    if (placement.type === 'checkbox') addCheckBox(doc, page, placement);
    else addTextField(doc, page, placement, { font, fontSize: options.fontSize ?? 9 });
  }
  if (font) form.updateFieldAppearances(font);
  return doc.save({ updateFieldAppearances: !font });
}

const NO_FRAME = { borderWidth: 0, borderColor: undefined, backgroundColor: undefined };

function addTextField(
  doc: PDFDocument,
  page: PDFPage,
  placement: FieldPlacement,
  style: { font: PDFFont | undefined; fontSize: number },
): void {
  const field = doc.getForm().createTextField(placement.name);
  if (placement.maxLength) field.setMaxLength(placement.maxLength);
  if (placement.type === 'comb' && placement.maxLength) field.enableCombing();
  if (placement.multiline) field.enableMultiline();
  const { x, y, width, height } = placement;
  field.addToPage(page, {
    x,
    y,
    width,
    height,
    ...NO_FRAME,
    textColor: rgb(0, 0, 0),
    ...(style.font ? { font: style.font } : {}),
  });
  field.setFontSize(style.fontSize);
}

function addCheckBox(doc: PDFDocument, page: PDFPage, placement: FieldPlacement): void {
  const field = doc.getForm().createCheckBox(placement.name);
  const { x, y, width, height } = placement;
  field.addToPage(page, { x, y, width, height, ...NO_FRAME, textColor: rgb(0, 0, 0) });
  for (const widget of field.acroField.getWidgets()) renameOnState(widget.dict, CHECKBOX_ON_VALUE);
}

function renameOnState(widget: PDFDict, onValue: string): void {
  const ap = widget.lookupMaybe(PDFName.of('AP'), PDFDict);
  for (const key of ['N', 'D']) {
    const states = ap?.lookupMaybe(PDFName.of(key), PDFDict);
    const on = states?.get(PDFName.of('Yes'));
    if (!states || !on) continue;
    states.set(PDFName.of(onValue), on);
    states.delete(PDFName.of('Yes'));
  }
}
