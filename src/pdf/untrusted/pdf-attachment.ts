import type { PDFDocument } from 'pdf-lib';
import { openPdf, PdfOpenError } from '../open-pdf.js';
import { DEFAULT_PDF_LIMITS, PdfLimitError, type PdfLimits } from './limits.js';
import { stripActions, stripPage } from './active-content.js';
import { UploadError } from '../../uploads/errors.js';
import { flattenWidgets } from './flatten-widgets.js';
import { sniffKind } from '../../uploads/sniff.js';

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
export async function readAttachmentPdf(
  bytes: Uint8Array,
  limits: PdfLimits = DEFAULT_PDF_LIMITS,
): Promise<AttachmentPdf> {
  if (sniffKind(bytes) !== 'pdf') {
    throw new UploadError('unsupported-type', 'The file does not start with %PDF-.');
  }
  const doc = await load(bytes, limits);
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

async function load(bytes: Uint8Array, limits: PdfLimits): Promise<PDFDocument> {
  try {
    return (await openPdf(bytes, limits)).doc;
  } catch (error) {
    if (error instanceof PdfOpenError) {
      throw new UploadError(error.reason, error.message, { cause: error });
    }
    if (error instanceof PdfLimitError) {
      throw new UploadError('too-complex', error.message, { cause: error, limit: error.limit });
    }
    throw error;
  }
}

/**
 * The annex as bytes pdf-lib wrote (flattened, stripped, no object streams): what leaves the PDF
 * worker, and what the assembly reads back.
 */
export async function sanitizeAttachmentPdf(
  bytes: Uint8Array,
  limits: PdfLimits = DEFAULT_PDF_LIMITS,
): Promise<{ bytes: Uint8Array; pageCount: number; removed: string[] }> {
  const { doc, pageCount, removed } = await readAttachmentPdf(bytes, limits);
  const saved = await doc.save({ useObjectStreams: false, updateFieldAppearances: false });
  return { bytes: saved, pageCount, removed };
}
