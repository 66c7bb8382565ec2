import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UploadError } from '../../src/uploads/errors.js';
import { readAttachmentPdf } from '../../src/pdf/untrusted/pdf-attachment.js';
import { encrypt } from '../helpers/forms.js';
import { pdfText } from '../helpers/pdf.js';
import { garbled, smallJpeg, truncated } from './image-fixtures.js';
import { activePdf, collidingForm, multiPagePdf } from './pdf-fixtures.js';
import { encryptWithoutPassword, expandedText, scriptsOf } from './pdf-probe.js';

async function refusal(bytes: Uint8Array): Promise<UploadError> {
  const error = await readAttachmentPdf(bytes).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UploadError);
  return error as UploadError;
}

describe('readAttachmentPdf', () => {
  // pdf-lib reports what it "recovers" with console.warn, outside the service's log: strict
  // loading must make it throw instead, for every file here.
  const consoleWarn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  beforeEach(() => consoleWarn.mockClear());
  afterEach(() => expect(consoleWarn).not.toHaveBeenCalled());
  afterAll(() => consoleWarn.mockRestore());

  it('reads a clean multi-page PDF as it is, with nothing removed', async () => {
    const { doc, pageCount, removed } = await readAttachmentPdf(await multiPagePdf(3));
    expect([pageCount, doc.getPageCount(), removed]).toEqual([3, 3, []]);
  });

  it('flattens a form: the values stay printed, no field or widget is left', async () => {
    const { doc, removed } = await readAttachmentPdf(await collidingForm());
    expect(removed).toEqual(['Widget annotations', 'form fields (flattened)']);
    expect(doc.catalog.has(PDFName.of('AcroForm'))).toBe(false);
    expect(doc.getPage(0).node.has(PDFName.of('Annots'))).toBe(false);
    const saved = await doc.save();
    expect(pdfText(saved)).toContain('Intrus');
    expect((await PDFDocument.load(saved)).getForm().getFields()).toEqual([]);
  });

  it('removes every script and action, and says which', async () => {
    const { doc, removed } = await readAttachmentPdf(await activePdf());
    expect(removed).toEqual([
      'FileAttachment annotations',
      'JavaScript',
      'Launch actions',
      'Link annotations',
      'OpenAction',
      'URI actions',
      'Widget annotations',
      'additional actions (AA)',
      'embedded files',
      'form fields (flattened)',
    ]);
    const saved = await doc.save();
    expect(scriptsOf(saved)).toBe('');
    expect(expandedText(saved)).not.toMatch(
      /\/(JS|JavaScript|Launch|OpenAction|AA|URI|EmbeddedFile)\b/,
    );
    expect(pdfText(saved)).toContain('Texte visible');
    expect(pdfText(saved)).toContain('Intrus');
  });

  it('keeps a comment annotation, without its actions', async () => {
    const doc = await PDFDocument.load(await multiPagePdf(1));
    const note = doc.context.obj({
      Type: 'Annot',
      Subtype: 'Text',
      Rect: [300, 700, 320, 720],
      Contents: PDFString.of('Vu'),
      AA: { E: { S: 'JavaScript', JS: PDFString.of('app.alert(1)') } },
    });
    doc.getPage(0).node.addAnnot(doc.context.register(note));
    const { doc: read, removed } = await readAttachmentPdf(await doc.save());
    expect(removed).toEqual(['JavaScript', 'additional actions (AA)']);
    const annots = read.getPage(0).node.lookup(PDFName.of('Annots'), PDFArray);
    const kept = annots.lookup(0, PDFDict);
    expect(kept.get(PDFName.of('Subtype'))).toBe(PDFName.of('Text'));
    expect(kept.has(PDFName.of('AA'))).toBe(false);
  });

  it('refuses encrypted PDFs, with or without a user password, as encrypted', async () => {
    const pdf = await multiPagePdf(2);
    for (const bytes of [encrypt(pdf), encryptWithoutPassword(pdf)]) {
      expect((await refusal(bytes)).reason).toBe('encrypted');
    }
  });

  it.each([
    ['cut in half', async () => truncated(await multiPagePdf(3))],
    ['garbled in the middle', async () => garbled(await multiPagePdf(3))],
    ['a header alone', async () => Buffer.from('%PDF-1.7\n%%EOF\n')],
  ])('refuses a PDF %s as unreadable', async (_name, make) => {
    expect((await refusal(await make())).reason).toBe('unreadable');
  });

  it('refuses an image as unsupported-type: only %PDF- files are read as PDFs', async () => {
    expect((await refusal(await smallJpeg())).reason).toBe('unsupported-type');
  });
});
