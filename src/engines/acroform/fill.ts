import fontkit from '@pdf-lib/fontkit';
import {
  PDFArray,
  PDFName,
  PDFCheckBox,
  PDFDropdown,
  PDFOptionList,
  PDFRadioGroup,
  PDFRef,
  PDFTextField,
  type PDFDocument,
  type PDFField,
} from 'pdf-lib';
import { sansFace, type FontFile } from '../../fonts.js';
import { FormValuesError } from './errors.js';
import { checkboxOnValue } from './inspect.js';
import { loadForm } from './load.js';
import { checkValues } from './values.js';

export interface FillOptions {
  /** Draw the values into the pages and remove the fields (true), or keep the form editable. */
  flatten: boolean;
  /** The faces of fonts/; appearances use Liberation Sans, Regular unless `bold`. */
  fonts: readonly FontFile[];
  bold?: boolean;
  /** Code points every embedded face can draw. */
  covered: ReadonlySet<number>;
}

/**
 * Fills an uploaded AcroForm. All values are checked first (one FormValuesError lists every
 * problem); then they are set, appearances are rebuilt once with the embedded Unicode font
 * (never pdf-lib's default Helvetica, which is WinAnsi-only and throws on U+202F), and the form
 * is flattened on request.
 */
export async function fillForm(
  bytes: Uint8Array,
  values: Record<string, unknown>,
  options: FillOptions,
): Promise<Uint8Array> {
  const { doc, form } = await loadForm(bytes);
  const issues = checkValues(form, values, options.covered);
  if (issues.length > 0) throw new FormValuesError(issues);

  doc.registerFontkit(fontkit);
  // A subset holds only the glyphs drawn now: right for a flattened form. An editable form keeps
  // the whole font, so a value typed later in a viewer still finds its glyphs.
  const face = sansFace(options.fonts, { bold: options.bold ?? false });
  const font = await doc.embedFont(face, { subset: options.flatten });
  for (const [name, value] of Object.entries(values)) {
    const field = form.getField(name);
    setValue(field, value);
    fixAutoSize(field);
  }
  form.updateFieldAppearances(font);
  if (options.flatten) {
    form.flatten({ updateFieldAppearances: false });
    dropDanglingAnnotations(doc);
  }
  // updateFieldAppearances: false: save() would otherwise rebuild with Helvetica. A classic
  // cross-reference table lets the metadata step append to the file instead of rewriting it.
  return doc.save({ updateFieldAppearances: false, useObjectStreams: false });
}

function setValue(field: PDFField, value: unknown): void {
  if (field instanceof PDFTextField) {
    field.setText(value === null ? undefined : (value as string));
  } else if (field instanceof PDFCheckBox) {
    const on = value === true || value === checkboxOnValue(field) || value === 'Oui';
    if (on) field.check();
    else field.uncheck();
  } else if (field instanceof PDFRadioGroup) {
    if (value === null) field.clear();
    else field.select(value as string);
  } else if (field instanceof PDFDropdown) {
    if (value === null) field.clear();
    else field.select(value as string);
  } else if (field instanceof PDFOptionList) {
    if (value === null) field.clear();
    else field.select(value as string | string[]);
  }
}

/** The size pdf-lib gives a multiline text or a list whose font size is "auto" (0). */
const AUTO_SIZE_FALLBACK = 10;

/**
 * pdf-lib sizes "auto" (0 Tf) multiline fields and option lists to the box height, not the
 * text: an address printed in 40 pt letters. Single-line auto sizing is right and kept.
 */
function fixAutoSize(field: PDFField): void {
  const multiline = field instanceof PDFTextField && field.isMultiline();
  if (!multiline && !(field instanceof PDFOptionList)) return;
  const size = /(\d+(?:\.\d+)?)\s+Tf/.exec(field.acroField.getDefaultAppearance() ?? '')?.[1];
  if (size === undefined || Number(size) === 0) field.setFontSize(AUTO_SIZE_FALLBACK);
}

/**
 * pdf-lib's flatten deletes the widget objects but removes the wrong reference from the page's
 * /Annots (pdf-lib issue #1267), leaving references to deleted objects that poppler reports as
 * "Invalid XRef entry". Keep only the annotations that still exist.
 */
function dropDanglingAnnotations(doc: PDFDocument): void {
  for (const page of doc.getPages()) {
    const annots = page.node.Annots();
    if (!(annots instanceof PDFArray)) continue;
    const kept = annots
      .asArray()
      .filter((item) => !(item instanceof PDFRef) || doc.context.lookup(item) !== undefined);
    if (kept.length === 0) page.node.delete(PDFName.of('Annots'));
    else page.node.set(PDFName.of('Annots'), doc.context.obj(kept));
  }
}
