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
import { drawValue, fitsInBox, MIN_SIZE, n, roomInBox, type DrawFont } from './draw-value.js';
import type { FillIssue } from './errors.js';
import { tabulateGlyphs } from './glyph-table.js';
import type { ImageXObject } from './image-xobject.js';
import { fitInBox } from '../raster-image.js';

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
  /** Per page (1-based): its empty content stream, its fonts and its images' placeholder. */
  pages: ReadonlyMap<number, PreparedPage>;
}

interface PreparedPage {
  /** The object number of the empty content stream that filling replaces. */
  contentId: number;
  regular?: DrawFont;
  bold?: DrawFont;
  /**
   * Pages with image boxes: an empty form XObject, in the page's resources under `resource`,
   * that filling replaces with one drawing the request's images (so the page's own resource
   * dictionary never has to be rewritten).
   */
  images?: { id: number; resource: string };
}

/** An image to draw in an image box (`type: 'image'`), as an XObject (image-xobject.ts). */
export interface PlacedImage {
  box: string;
  xobject: ImageXObject;
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
  const pages = new Map<number, PreparedPage>();
  for (const pageNumber of new Set(boxes.map((box) => box.page))) {
    const page = doc.getPages()[pageNumber - 1];
    if (!page) throw new Error(`A field is on page ${pageNumber}, which the PDF does not have`);
    const prepared: PreparedPage = { contentId: appendEmptyContent(doc, page) };
    for (const [weight, font] of Object.entries(fonts)) {
      const resource = page.node.newFontDictionary(`Paperasse${weight}`, font.ref).toString();
      prepared[weight as 'regular' | 'bold'] = { resource, table: font.table };
    }
    if (boxes.some((box) => box.page === pageNumber && box.type === 'image')) {
      prepared.images = addImagesPlaceholder(doc, page);
    }
    pages.set(pageNumber, prepared);
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
  const drawn = boxes.filter((box) => box.type !== 'checkbox' && box.type !== 'image');
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

function addImagesPlaceholder(doc: PDFDocument, page: PDFPage): { id: number; resource: string } {
  const { width, height } = page.getSize();
  const form = doc.context.register(
    doc.context.stream('', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, width, height] }),
  );
  const key = page.node.newXObject('PaperasseImages', form);
  return { id: form.objectNumber, resource: key.toString() };
}

/**
 * The filled, flattened PDF, or undefined when a value has a character outside the form's
 * alphabet (the caller then uses a form prepared with the whole font). `values` are keyed by
 * field name; a name without a box is a template error.
 */
export function fillFlatForm(
  form: FlatForm,
  values: Readonly<Record<string, string | boolean>>,
  images: readonly PlacedImage[] = [],
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
  const objects: PdfObject[] = imageObjects(form, images, content);
  for (const [pageNumber, operators] of content) {
    const id = (form.pages.get(pageNumber) as PreparedPage).contentId;
    objects.push({ id, body: streamBody('', ascii(`0 g\n${operators}`)) });
  }
  return appendUpdate(form.bytes, form.trailer, objects).pdf;
}

/**
 * Each page's images: the image objects (new numbers from the trailer's /Size), and the page's
 * placeholder form XObject replaced by one drawing them, called from the page's content.
 */
function imageObjects(
  form: FlatForm,
  images: readonly PlacedImage[],
  content: Map<number, string>,
): PdfObject[] {
  const objects: PdfObject[] = [];
  let next = form.trailer.size;
  const byPage = new Map<number, { names: string[]; operators: string }>();
  for (const { box: name, xobject } of images) {
    const box = form.boxes.get(name);
    const page = box && form.pages.get(box.page);
    if (!box || box.type !== 'image' || !page?.images) {
      throw new Error(`No image box "${name}" on the prepared form`);
    }
    const imageId = next++;
    let dictionary = xobject.dictionary;
    if (xobject.mask) {
      const maskId = next++;
      objects.push({ id: maskId, body: streamBody(xobject.mask.dictionary, xobject.mask.data) });
      dictionary += ` /SMask ${maskId} 0 R`;
    }
    objects.push({ id: imageId, body: streamBody(dictionary, xobject.data) });
    const entry = byPage.get(box.page) ?? { names: [], operators: '' };
    const at = fitInBox(xobject, box);
    entry.operators += `q ${n(at.width)} 0 0 ${n(at.height)} ${n(at.x)} ${n(at.y)} cm /I${imageId} Do Q\n`;
    entry.names.push(`/I${imageId} ${imageId} 0 R`);
    byPage.set(box.page, entry);
  }
  for (const [pageNumber, { names, operators }] of byPage) {
    const page = form.pages.get(pageNumber) as PreparedPage;
    const placeholder = page.images as { id: number; resource: string };
    const dictionary = `/Type /XObject /Subtype /Form /BBox [0 0 100000 100000] /Resources << /XObject << ${names.join(' ')} >> >>`;
    objects.push({ id: placeholder.id, body: streamBody(dictionary, ascii(operators)) });
    content.set(pageNumber, `q ${placeholder.resource} Do Q\n${content.get(pageNumber) ?? ''}`);
  }
  return objects;
}

/** Checkboxes draw paths, no text. */
const NO_FONT: DrawFont = { resource: '', table: { glyphs: new Map() } };

/**
 * The values that cannot be drawn in their box at a legible size (MIN_SIZE), each with the room
 * its box has: what the acroform engine refuses rather than draw too small or past the box.
 */
export function overflowing(
  form: FlatForm,
  values: Readonly<Record<string, string | boolean>>,
): FillIssue[] {
  const issues: FillIssue[] = [];
  for (const [name, value] of Object.entries(values)) {
    const box = form.boxes.get(name);
    const page = box && form.pages.get(box.page);
    const font = box?.text.bold ? page?.bold : page?.regular;
    if (!box || !font || typeof value !== 'string' || fitsInBox(box, value, font.table)) continue;
    const room = roomInBox(box, value, font.table);
    issues.push({
      field: name,
      code: 'TOO_LONG_FOR_FORM',
      message_fr:
        `Trop long pour sa case du formulaire à remplir (moteur acroform) : ${room} caractères ` +
        `y tiennent en ${MIN_SIZE} pt, pour ${[...value].length} ici. Raccourcissez-le, ou ` +
        'utilisez le moteur html, qui passe à la ligne.',
      message_en:
        `Too long for its box on the fillable form (acroform engine): ${room} characters fit ` +
        `at ${MIN_SIZE} pt, ${[...value].length} given. Shorten it, or use the html engine, ` +
        'which wraps.',
    });
  }
  return issues;
}
