import { createHash } from 'node:crypto';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFImage } from 'pdf-lib';
import { stripActions, stripPage } from '../untrusted/active-content.js';
import { addImagePage, addListPage, paginateList } from './annex-pages.js';
import { printableCaption } from './caption-text.js';
import { UploadError } from '../../uploads/errors.js';
import type { NormalizedImage } from '../../uploads/images.js';
import { dropUnreachableObjects } from '../untrusted/unreachable.js';

/** A supporting document to append: a PDF read by readAttachmentPdf, or a normalized image. */
export type Annex =
  | { caption: string; kind: 'pdf'; pdf: PDFDocument }
  | { caption: string; kind: 'image'; image: NormalizedImage };

export interface AppendOptions {
  /** Liberation Sans Regular (TTF bytes), for the captions and the list of annexes. */
  font: Uint8Array;
  /** The most annex pages accepted in all (the list of annexes not counted). */
  maxPages: number;
}

/**
 * The document followed by a "Pièces jointes" list (number, caption, first page of each annex)
 * and the annexes in order: each PDF's pages as they are (size, rotation), each image on its
 * own A4 page under its caption. The document's metadata (Info, /Lang) is kept; the file is
 * written with a classic cross-reference table, so the metadata step can append to it.
 */
export async function appendAnnexes(
  documentPdf: Uint8Array,
  annexes: readonly Annex[],
  options: AppendOptions,
): Promise<Uint8Array> {
  if (annexes.length === 0) return documentPdf;
  const annexPages = annexes.map((annex) => (annex.kind === 'pdf' ? annex.pdf.getPageCount() : 1));
  const total = annexPages.reduce((sum, count) => sum + count, 0);
  if (total > options.maxPages) {
    throw new UploadError(
      'too-many-pages',
      `The attachments have ${total} pages, over the limit of ${options.maxPages}.`,
    );
  }
  const doc = await PDFDocument.load(documentPdf, { updateMetadata: false });
  // Everything numbered above this is ours or copied from an annex: the part to clean.
  const ownObjects = doc.context.largestObjectNumber;
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(options.font, { subset: true });
  const captions = annexes.map((annex) => printableCaption(annex.caption, font));

  addList(doc, captions, annexPages, font);

  const images = new ImageCache(doc);
  for (const [index, annex] of annexes.entries()) {
    if (annex.kind === 'pdf') {
      await appendPdf(doc, annex.pdf);
    } else {
      const caption = annexCaption(index + 1, captions[index] ?? '');
      addImagePage(doc, await images.embed(annex.image), caption, font);
    }
  }
  makeInert(doc, ownObjects);
  // updateFieldAppearances: false: the document's own form (kept editable by the AcroForm engine
  // on request) would otherwise be redrawn with Helvetica, which throws on U+202F.
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}

/** The list pages, then where each annex will start once they are in. */
function addList(doc: PDFDocument, captions: string[], annexPages: number[], font: PDFFont) {
  const listPages = paginateList(captions, font);
  const firstPages: number[] = [];
  let next = doc.getPageCount() + listPages.length + 1;
  for (const count of annexPages) {
    firstPages.push(next);
    next += count;
  }
  let number = 0;
  listPages.forEach((lines, index) => {
    const entries = lines.map((entryLines) => {
      number += 1;
      return { number, lines: entryLines, firstPage: firstPages[number - 1] ?? 0 };
    });
    addListPage(doc, entries, { font, continued: index > 0 });
  });
}

/** Above an image: "Pièce n° 2 – Passeport". */
function annexCaption(number: number, caption: string): string {
  return caption === '' ? `Pièce n° ${number}` : `Pièce n° ${number} – ${caption}`;
}

/** All pages of one source in one copyPages call, so objects they share are copied once. */
async function appendPdf(doc: PDFDocument, source: PDFDocument): Promise<void> {
  const pages = await doc.copyPages(source, source.getPageIndices());
  for (const page of pages) doc.addPage(page);
}

/**
 * readAttachmentPdf already stripped each annex, but the output is what must be clean, whatever
 * PDFDocument the caller passed: every page and object added after the document's own is
 * stripped again, and copies that no page reaches any more are dropped.
 */
function makeInert(doc: PDFDocument, ownObjects: number): void {
  const removed = new Set<string>();
  for (const page of doc.getPages()) {
    if (page.ref.objectNumber > ownObjects) stripPage(page.node, doc.context, removed);
  }
  for (const [ref, object] of doc.context.enumerateIndirectObjects()) {
    if (ref.objectNumber > ownObjects) stripActions(object, doc.context, removed);
  }
  dropUnreachableObjects(doc.context, ownObjects);
}

/** The same image bytes (a stamp used twice, one scan sent twice) are embedded once. */
class ImageCache {
  private readonly embedded = new Map<string, Promise<PDFImage>>();

  constructor(private readonly doc: PDFDocument) {}

  embed(image: NormalizedImage): Promise<PDFImage> {
    const key = createHash('sha256').update(image.bytes).digest('hex');
    let found = this.embedded.get(key);
    if (!found) {
      // A copy at offset 0: pdf-lib's embedJpg ignores byteOffset. Only sharp's output comes
      // here: pdf-lib's own PNG decoder never sees uploaded bytes (it hangs on truncated ones).
      const bytes = new Uint8Array(image.bytes);
      found = image.kind === 'png' ? this.doc.embedPng(bytes) : this.doc.embedJpg(bytes);
      this.embedded.set(key, found);
    }
    return found;
  }
}
