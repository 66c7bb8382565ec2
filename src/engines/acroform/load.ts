import { PDFName, type PDFDocument, type PDFForm } from 'pdf-lib';
import { openPdf, PdfOpenError } from '../../pdf/open-pdf.js';
import {
  checkFieldTree,
  DEFAULT_PDF_LIMITS,
  PdfLimitError,
  type PdfLimits,
} from '../../pdf/untrusted/limits.js';
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
export async function loadForm(
  bytes: Uint8Array,
  limits: PdfLimits = DEFAULT_PDF_LIMITS,
): Promise<{ doc: PDFDocument; form: PDFForm }> {
  if (Buffer.from(bytes.subarray(0, 1024)).indexOf(MAGIC) === -1) {
    throw new UnsupportedPdfError('not-a-pdf', 'The file does not start with %PDF-.');
  }
  const doc = await parse(bytes, limits);
  const acroForm = readAcroForm(doc, limits);
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

async function parse(bytes: Uint8Array, limits: PdfLimits): Promise<PDFDocument> {
  try {
    return (await openPdf(bytes, limits)).doc;
  } catch (error) {
    if (error instanceof PdfOpenError) {
      throw new UnsupportedPdfError(error.reason, error.message, { cause: error });
    }
    throw tooComplex(error);
  }
}

function tooComplex(error: unknown): unknown {
  if (!(error instanceof PdfLimitError)) return error;
  return new UnsupportedPdfError('too-complex', error.message, {
    cause: error,
    limit: error.limit,
  });
}

/** A recovered (truncated, damaged) file may have a catalog that is not what it claims. */
function readAcroForm(doc: PDFDocument, limits: PdfLimits) {
  try {
    checkFieldTree(doc, limits.maxFields);
  } catch (error) {
    throw tooComplex(error);
  }
  try {
    const acroForm = doc.catalog.getAcroForm();
    acroForm?.getFields();
    return acroForm;
  } catch (error) {
    throw new UnsupportedPdfError('unreadable', 'The PDF form cannot be read.', { cause: error });
  }
}
