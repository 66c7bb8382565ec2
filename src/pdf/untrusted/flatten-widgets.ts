import {
  PDFArray,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFStream,
  concatTransformationMatrix,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
  type PDFContext,
  type PDFDocument,
  type PDFObject,
} from 'pdf-lib';

/** Annotation flags (ISO 32000-1 §12.5.3): Hidden and NoView widgets are not drawn. */
const HIDDEN = 1 << 1;
const NO_VIEW = 1 << 5;

/**
 * Draws each form widget's current appearance into its page and removes the form (/AcroForm),
 * so an appended form's fields cannot collide with the document's own fields of the same name.
 * The widgets themselves are removed afterwards with the other active annotations.
 *
 * Not pdf-lib's form.flatten(): it regenerates appearances with Helvetica (throws on U+202F and
 * any character outside WinAnsi), throws on a widget without an appearance stream or a page,
 * warns on the console about XFA, and leaves dangling /Annots references (pdf-lib #1267).
 * Drawing the appearance the viewer shows, as the standard maps it onto the widget's rectangle
 * (ISO 32000-1 §12.5.5), needs none of that. A widget without an appearance stream has nothing
 * to draw: a value typed in a viewer that relies on /NeedAppearances is lost.
 *
 * Answers whether the document had a form.
 */
export function flattenWidgets(doc: PDFDocument): boolean {
  const { context } = doc;
  let hadForm = doc.catalog.has(PDFName.of('AcroForm'));
  for (const page of doc.getPages()) {
    const annots = context.lookup(page.node.get(PDFName.of('Annots')));
    if (!(annots instanceof PDFArray)) continue;
    for (const item of annots.asArray()) {
      const widget = context.lookup(item);
      if (
        !(widget instanceof PDFDict) ||
        widget.get(PDFName.of('Subtype')) !== PDFName.of('Widget')
      ) {
        continue;
      }
      hadForm = true;
      const placement = widgetPlacement(widget, context);
      if (!placement) continue;
      const key = page.node.newXObject('FlatWidget', placement.appearance);
      page.pushOperators(
        pushGraphicsState(),
        concatTransformationMatrix(...placement.matrix),
        drawObject(key),
        popGraphicsState(),
      );
    }
  }
  doc.catalog.delete(PDFName.of('AcroForm'));
  return hadForm;
}

type Matrix = [number, number, number, number, number, number];

/** The appearance to draw and the matrix that maps its transformed /BBox onto /Rect. */
function widgetPlacement(widget: PDFDict, context: PDFContext) {
  const flags = numberOf(widget.get(PDFName.of('F'))) ?? 0;
  if (flags & (HIDDEN | NO_VIEW)) return undefined;
  const appearance = normalAppearance(widget, context);
  const stream = context.lookup(appearance);
  if (!(appearance instanceof PDFRef) || !(stream instanceof PDFStream)) return undefined;
  const rect = numbersOf(context.lookup(widget.get(PDFName.of('Rect'))), 4);
  const bbox = numbersOf(context.lookup(stream.dict.get(PDFName.of('BBox'))), 4);
  const form = numbersOf(context.lookup(stream.dict.get(PDFName.of('Matrix'))), 6);
  if (!rect || !bbox) return undefined;
  const matrix = fitMatrix(bbox, (form ?? [1, 0, 0, 1, 0, 0]) as Matrix, rect);
  if (!matrix) return undefined;
  // Drawn with Do, the stream must say it is a form XObject; some writers omit it in /AP.
  stream.dict.set(PDFName.of('Subtype'), PDFName.of('Form'));
  return { appearance, matrix };
}

/**
 * ISO 32000-1 §12.5.5: the box is transformed by the appearance's /Matrix; the smallest
 * rectangle around the result is scaled and moved onto /Rect. Do applies /Matrix itself, so the
 * page only needs that scale and move.
 */
function fitMatrix(bbox: number[], [a, b, c, d, e, f]: Matrix, rect: number[]): Matrix | undefined {
  const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = bbox;
  const corners = [
    [x1, y1],
    [x1, y2],
    [x2, y1],
    [x2, y2],
  ] as const;
  const xs = corners.map(([x, y]) => a * x + c * y + e);
  const ys = corners.map(([x, y]) => b * x + d * y + f);
  const [left, bottom] = [Math.min(...xs), Math.min(...ys)];
  const [width, height] = [Math.max(...xs) - left, Math.max(...ys) - bottom];
  const [rx1 = 0, ry1 = 0, rx2 = 0, ry2 = 0] = rect;
  if (width <= 0 || height <= 0) return undefined;
  const sx = Math.abs(rx2 - rx1) / width;
  const sy = Math.abs(ry2 - ry1) / height;
  return [sx, 0, 0, sy, Math.min(rx1, rx2) - left * sx, Math.min(ry1, ry2) - bottom * sy];
}

/** /AP /N: one stream, or one per state (checkboxes, radio buttons) chosen by /AS. */
function normalAppearance(widget: PDFDict, context: PDFContext): PDFObject | undefined {
  const ap = context.lookup(widget.get(PDFName.of('AP')));
  if (!(ap instanceof PDFDict)) return undefined;
  const normal = ap.get(PDFName.of('N'));
  const resolved = context.lookup(normal);
  if (resolved instanceof PDFStream)
    return normal instanceof PDFRef ? normal : context.register(resolved);
  const state = widget.get(PDFName.of('AS'));
  if (!(resolved instanceof PDFDict) || !(state instanceof PDFName)) return undefined;
  const chosen = resolved.get(state);
  const stream = context.lookup(chosen);
  if (!(stream instanceof PDFStream)) return undefined;
  return chosen instanceof PDFRef ? chosen : context.register(stream);
}

function numberOf(value: PDFObject | undefined): number | undefined {
  return value instanceof PDFNumber ? value.asNumber() : undefined;
}

function numbersOf(value: PDFObject | undefined, count: number): number[] | undefined {
  if (!(value instanceof PDFArray) || value.size() !== count) return undefined;
  const numbers = value.asArray().map(numberOf);
  return numbers.every((n) => n !== undefined) ? (numbers as number[]) : undefined;
}
