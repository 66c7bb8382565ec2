import fontkit from '@pdf-lib/fontkit';
import { PDFArray, PDFDocument, PDFName, PDFRef, type PDFPage } from 'pdf-lib';
import type { FieldBox } from '../field-box.js';
import {
  appendUpdate,
  ascii,
  readTrailer,
  streamBody,
  type PdfObject,
  type Trailer,
} from '../../pdf/incremental-update.js';
import { drawValue, type DrawFont } from './draw-value.js';
import { tabulateGlyphs } from './glyph-table.js';

/**
 * The fast way to a flattened form: a flattened form is the printed page plus the values drawn
 * on it, so everything but the values is prepared once per form —
 * - the printed blank form, re-saved by pdf-lib with a classic cross-reference table;
 * - the fonts the boxes use, embedded once as subsets holding a whole alphabet (glyph-table.ts);
 * - on each page with boxes, an empty content stream after the page's own (wrapped in q/Q so
 *   the page's graphics state cannot leak into ours) and the fonts in its resources.
 * Filling is then drawing each value (draw-value.ts) and appending the pages' new content
 * streams as an incremental update after the prepared bytes: no parsing, no font work and no
 * rewrite of the file per document. The result is a plain PDF, as pdf-lib's flatten gives,
 * without fields; the editable form keeps pdf-lib's path (fill.ts).
 */
export interface FlatForm {
  bytes: Uint8Array;
  trailer: Trailer;
  boxes: ReadonlyMap<string, FieldBox>;
  /** Per page (1-based): the object number of its empty content stream, and its fonts. */
  pages: ReadonlyMap<number, { contentId: number; regular?: DrawFont; bold?: DrawFont }>;
}

export interface FlatFormFaces {
  regular: Uint8Array;
  bold: Uint8Array;
}

export async function prepareFlatForm(
  printed: Uint8Array,
  boxes: readonly FieldBox[],
  options: { faces: FlatFormFaces; alphabet: readonly number[] },
): Promise<FlatForm> {
  const doc = await PDFDocument.load(printed, { updateMetadata: false });
  doc.registerFontkit(fontkit);
  const fonts = await embedFaces(doc, boxes, options);
  const pages = new Map<number, { contentId: number; regular?: DrawFont; bold?: DrawFont }>();
  for (const pageNumber of new Set(boxes.map((box) => box.page))) {
    const page = doc.getPages()[pageNumber - 1];
    if (!page) throw new Error(`A field is on page ${pageNumber}, which the PDF does not have`);
    const contentId = appendEmptyContent(doc, page);
    const drawFonts: { regular?: DrawFont; bold?: DrawFont } = {};
    for (const [weight, font] of Object.entries(fonts)) {
      const resource = page.node.newFontDictionary(`Paperasse${weight}`, font.ref).toString();
      drawFonts[weight as 'regular' | 'bold'] = { resource, table: font.table };
    }
    pages.set(pageNumber, { contentId, ...drawFonts });
  }
  const bytes = await doc.save({ useObjectStreams: false, updateFieldAppearances: false });
  const trailer = readTrailer(bytes);
  if (!trailer) throw new Error('pdf-lib did not write a classic cross-reference table');
  return { bytes, trailer, boxes: new Map(boxes.map((box) => [box.name, box])), pages };
}

async function embedFaces(
  doc: PDFDocument,
  boxes: readonly FieldBox[],
  options: { faces: FlatFormFaces; alphabet: readonly number[] },
) {
  const fonts: Partial<Record<'regular' | 'bold', { ref: PDFRef; table: DrawFont['table'] }>> = {};
  const drawn = boxes.filter((box) => box.type !== 'checkbox');
  for (const weight of ['regular', 'bold'] as const) {
    if (!drawn.some((box) => box.text.bold === (weight === 'bold'))) continue;
    const font = await doc.embedFont(options.faces[weight], { subset: true });
    fonts[weight] = { ref: font.ref, table: tabulateGlyphs(font, options.alphabet) };
  }
  return fonts;
}

/** Contents becomes [q, …the page's own…, Q, empty]: the empty stream is what filling replaces. */
function appendEmptyContent(doc: PDFDocument, page: PDFPage): number {
  const { context } = doc;
  const own = page.node.get(PDFName.of('Contents'));
  const resolved = own ? context.lookup(own) : undefined;
  const streams = resolved instanceof PDFArray ? resolved.asArray() : own ? [own] : [];
  const empty = context.register(context.stream(''));
  page.node.set(
    PDFName.of('Contents'),
    context.obj([
      context.register(context.stream('q')),
      ...streams,
      context.register(context.stream('Q')),
      empty,
    ]),
  );
  return empty.objectNumber;
}

/**
 * The filled, flattened PDF, or undefined when a value has a character outside the form's
 * alphabet (the caller then uses a form prepared with the whole font). `values` are keyed by
 * field name; a name without a box is a template error.
 */
export function fillFlatForm(
  form: FlatForm,
  values: Readonly<Record<string, string | boolean>>,
): Uint8Array | undefined {
  const content = new Map<number, string>();
  for (const [name, value] of Object.entries(values)) {
    const box = form.boxes.get(name);
    if (!box) throw new Error(`No box for the field "${name}" on the prepared form`);
    const page = form.pages.get(box.page);
    const font = box.text.bold ? page?.bold : page?.regular;
    if (!page || (!font && box.type !== 'checkbox')) {
      throw new Error(`No font prepared for "${name}"`);
    }
    const operators = drawValue(box, value, font ?? NO_FONT);
    if (operators === undefined) return undefined;
    content.set(box.page, (content.get(box.page) ?? '') + operators);
  }
  const objects: PdfObject[] = [...content].map(([pageNumber, operators]) => ({
    id: (form.pages.get(pageNumber) as { contentId: number }).contentId,
    body: streamBody('', ascii(`0 g\n${operators}`)),
  }));
  return appendUpdate(form.bytes, form.trailer, objects).pdf;
}

/** Checkboxes draw paths, no text. */
const NO_FONT: DrawFont = { resource: '', table: { glyphs: new Map() } };
