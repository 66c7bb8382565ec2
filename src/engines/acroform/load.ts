import { PDFDict, PDFDocument, PDFName, type PDFForm } from 'pdf-lib';
import { UnsupportedPdfError } from './errors.js';

const MAGIC = Buffer.from('%PDF-');

/**
 * Opens an uploaded PDF as a form, or refuses it with the reason.
 *
 * XFA policy: pdf-lib reads and writes only AcroForm fields.
 * - XFA-only (dynamic XFA: the catalog says NeedsRendering, or the AcroForm has no field): the
 *   fields exist only in the XFA stream, so there is nothing we can fill. Refused.
 * - Hybrid (XFA next to real AcroForm fields): the /XFA entry is removed so every reader shows
 *   the AcroForm we fill; otherwise XFA-aware readers (Acrobat) would show the stale XFA data.
 */
export async function loadForm(bytes: Uint8Array): Promise<{ doc: PDFDocument; form: PDFForm }> {
  if (Buffer.from(bytes.subarray(0, 1024)).indexOf(MAGIC) === -1) {
    throw new UnsupportedPdfError('not-a-pdf', 'The file does not start with %PDF-.');
  }
  const doc = await parse(bytes);
  const acroForm = readAcroForm(doc);
  const hasXfa = acroForm?.dict.has(PDFName.of('XFA')) ?? false;
  const needsRendering = doc.catalog.get(PDFName.of('NeedsRendering'))?.toString() === 'true';
  const fieldCount = acroForm?.getFields().length ?? 0;
  if (hasXfa && (needsRendering || fieldCount === 0)) {
    throw new UnsupportedPdfError('xfa-only', 'The form is an XFA form without AcroForm fields.');
  }
  if (fieldCount === 0) throw new UnsupportedPdfError('no-form', 'The PDF has no form field.');
  if (hasXfa) {
    acroForm?.dict.delete(PDFName.of('XFA'));
    doc.catalog.delete(PDFName.of('NeedsRendering'));
  }
  return { doc, form: doc.getForm() };
}

async function parse(bytes: Uint8Array): Promise<PDFDocument> {
  let doc: PDFDocument;
  try {
    // Without ignoreEncryption, pdf-lib refuses encrypted files (it cannot decrypt them).
    // Strict parsing: pdf-lib's lenient mode "recovers" a damaged object by guessing, and says
    // so on the console, outside our logs. A damaged upload is refused instead (it can be
    // repaired by printing it to PDF again), and the service's output stays in its log.
    doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
  } catch (error) {
    if (isEncrypted(bytes)) {
      throw new UnsupportedPdfError('encrypted', 'The PDF is encrypted.', { cause: error });
    }
    throw new UnsupportedPdfError('unreadable', 'The PDF cannot be parsed.', { cause: error });
  }
  if (doc.isEncrypted || doc.context.trailerInfo.Encrypt) {
    throw new UnsupportedPdfError('encrypted', 'The PDF is encrypted.');
  }
  if (doc.getPageCount() === 0 || !(doc.catalog.lookup(PDFName.of('Pages')) instanceof PDFDict)) {
    throw new UnsupportedPdfError('unreadable', 'The PDF has no page.');
  }
  return doc;
}

/** A recovered (truncated, damaged) file may have a catalog that is not what it claims. */
function readAcroForm(doc: PDFDocument) {
  try {
    const acroForm = doc.catalog.getAcroForm();
    acroForm?.getFields();
    return acroForm;
  } catch (error) {
    throw new UnsupportedPdfError('unreadable', 'The PDF form cannot be read.', { cause: error });
  }
}

/**
 * pdf-lib's EncryptedPDFError is compiled to ES5, where `instanceof` on Error subclasses fails,
 * and an encrypted file's objects do not parse: when parsing failed, an /Encrypt entry (in the
 * trailer or a cross-reference stream's dictionary, both written in clear) tells why.
 */
function isEncrypted(bytes: Uint8Array): boolean {
  return /\/Encrypt\s*\d+\s+\d+\s+R/.test(Buffer.from(bytes).toString('latin1'));
}
