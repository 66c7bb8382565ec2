import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { stripActions, stripPage } from './active-content.js';
import { UploadError } from './errors.js';
import { flattenWidgets } from './flatten-widgets.js';
import { sniffKind } from './sniff.js';

export interface AttachmentPdf {
  /** The PDF, flattened and without actions: ready for appendAnnexes. */
  doc: PDFDocument;
  pageCount: number;
  /** What was taken out, sorted, e.g. ['JavaScript', 'Link annotations', 'OpenAction']. */
  removed: string[];
}

/**
 * Reads an uploaded PDF to append it as an annex, or refuses it (encrypted, damaged, no page).
 * Its form is flattened (values kept as drawn, fields gone, so none can collide with the
 * document's own), and everything that can act is removed: see active-content.ts.
 */
export async function readAttachmentPdf(bytes: Uint8Array): Promise<AttachmentPdf> {
  if (sniffKind(bytes) !== 'pdf') {
    throw new UploadError('unsupported-type', 'The file does not start with %PDF-.');
  }
  const doc = await load(bytes);
  try {
    const removed = new Set<string>();
    if (flattenWidgets(doc)) removed.add('form fields (flattened)');
    for (const [, object] of doc.context.enumerateIndirectObjects()) {
      stripActions(object, doc.context, removed);
    }
    for (const page of doc.getPages()) stripPage(page.node, doc.context, removed);
    return { doc, pageCount: doc.getPageCount(), removed: [...removed].sort() };
  } catch (error) {
    // A structure that parsed but is not what the standard says (an /Annots that is a number…).
    throw new UploadError('unreadable', 'The PDF structure cannot be read.', { cause: error });
  }
}

async function load(bytes: Uint8Array): Promise<PDFDocument> {
  let doc: PDFDocument;
  try {
    // Strict: pdf-lib's lenient mode "recovers" damaged objects by guessing, and says so on the
    // console. A damaged annex is refused instead (printing it to PDF again repairs it).
    // updateMetadata: false: nothing of this document's Info is written anyway, only its pages.
    doc = await PDFDocument.load(bytes, { throwOnInvalidObject: true, updateMetadata: false });
  } catch (error) {
    if (mentionsEncryption(bytes)) {
      throw new UploadError('encrypted', 'The PDF is encrypted.', { cause: error });
    }
    throw new UploadError('unreadable', 'The PDF cannot be parsed.', { cause: error });
  }
  if (doc.isEncrypted || doc.context.trailerInfo.Encrypt) {
    throw new UploadError('encrypted', 'The PDF is encrypted.');
  }
  let pageCount = 0;
  try {
    if (doc.catalog.lookup(PDFName.of('Pages')) instanceof PDFDict) pageCount = doc.getPageCount();
  } catch (error) {
    throw new UploadError('unreadable', 'The PDF page tree cannot be read.', { cause: error });
  }
  if (pageCount === 0) throw new UploadError('unreadable', 'The PDF has no page.');
  return doc;
}

/**
 * An encrypted file's objects do not parse, so loading fails before pdf-lib can say why (with
 * throwOnInvalidObject it throws on the first encrypted object). The /Encrypt entry, in the
 * trailer or the cross-reference stream's dictionary, is written in clear and tells.
 */
function mentionsEncryption(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  return /\/Encrypt\s*\d+\s+\d+\s+R/.test(text);
}
