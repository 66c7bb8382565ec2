import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import {
  checkRawPdf,
  countPages,
  DEFAULT_PDF_LIMITS,
  PdfLimitError,
  type PdfLimits,
} from './untrusted/limits.js';

/** Why an uploaded PDF cannot be opened. */
export type PdfOpenFailure = 'encrypted' | 'unreadable';

export class PdfOpenError extends Error {
  constructor(
    readonly reason: PdfOpenFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PdfOpenError';
  }
}

/**
 * Opens an uploaded PDF with pdf-lib, or says why it cannot: encrypted, or damaged, truncated,
 * without a page. The one way uploads are opened (forms to fill, annexes to append).
 *
 * Parsing is strict: pdf-lib's lenient mode "recovers" a damaged object by guessing, and says
 * so on the console, outside the service's log. A damaged file is refused instead (printing it
 * to PDF again repairs it). Without ignoreEncryption pdf-lib refuses encrypted files, which it
 * cannot decrypt.
 *
 * The file's cost is bounded before pdf-lib walks it (untrusted/limits.ts): a PdfLimitError
 * names the limit crossed. Run it in a PDF worker (untrusted/pdf-workers.ts), never on the main
 * thread: parsing is still work proportional to the file.
 */
export async function openPdf(
  bytes: Uint8Array,
  limits: PdfLimits = DEFAULT_PDF_LIMITS,
): Promise<{ doc: PDFDocument; pageCount: number }> {
  await checkRawPdf(bytes, limits);
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
  } catch (error) {
    if (mentionsEncryption(bytes)) {
      throw new PdfOpenError('encrypted', 'The PDF is encrypted.', { cause: error });
    }
    throw new PdfOpenError('unreadable', 'The PDF cannot be parsed.', { cause: error });
  }
  if (doc.isEncrypted || doc.context.trailerInfo.Encrypt) {
    throw new PdfOpenError('encrypted', 'The PDF is encrypted.');
  }
  let pageCount = 0;
  try {
    if (doc.catalog.lookup(PDFName.of('Pages')) instanceof PDFDict) {
      pageCount = countPages(doc, limits.maxPages);
      // pdf-lib's own count, now that the tree is known to be a small tree.
      if (pageCount > 0) pageCount = doc.getPageCount();
    }
  } catch (error) {
    if (error instanceof PdfLimitError) throw error;
    throw new PdfOpenError('unreadable', 'The PDF page tree cannot be read.', { cause: error });
  }
  if (pageCount === 0) throw new PdfOpenError('unreadable', 'The PDF has no page.');
  return { doc, pageCount };
}

/**
 * An encrypted file's objects do not parse, so loading fails before pdf-lib can say why (and
 * its EncryptedPDFError, compiled to ES5, fails `instanceof`). The /Encrypt entry, in the
 * trailer or the cross-reference stream's dictionary, is written in clear and tells.
 */
function mentionsEncryption(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  return /\/Encrypt\s*\d+\s+\d+\s+R/.test(text);
}
