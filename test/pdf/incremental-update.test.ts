import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { applyMetadata } from '../../src/pdf/metadata.js';
import {
  appendUpdate,
  ascii,
  readDictionary,
  readTrailer,
} from '../../src/pdf/incremental-update.js';
import { qpdfCheck } from '../helpers/forms.js';
import { pdfInfo, pdfText } from '../helpers/pdf.js';

async function onePage(options: { useObjectStreams: boolean }): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([200, 200]);
  page.drawText('Hello', { x: 20, y: 100, font: await doc.embedFont(StandardFonts.Helvetica) });
  doc.setTitle('Before');
  return doc.save(options);
}

const metadata = {
  title: 'Attestation — Héloïse Lefèvre, œuvre 1 234,50 €',
  subject: 'Sujet',
  keywords: ['AT/MP', 'étranger'],
  creationDate: new Date('2026-11-22T10:00:00Z'),
};

describe('incremental updates', () => {
  it('reads the newest trailer of a file with a classic cross-reference table', async () => {
    const pdf = await onePage({ useObjectStreams: false });
    const trailer = readTrailer(pdf);
    expect(trailer?.root).toMatch(/^\d+ 0 R$/);
    expect(trailer?.size).toBeGreaterThan(3);
    expect(readDictionary(pdf, trailer!, Number(trailer!.root.split(' ')[0]))).toContain(
      '/Type /Catalog',
    );
  });

  it('answers undefined for a cross-reference stream, which callers rewrite instead', async () => {
    expect(readTrailer(await onePage({ useObjectStreams: true }))).toBeUndefined();
    expect(readTrailer(new TextEncoder().encode('not a pdf'))).toBeUndefined();
  });

  it('appends objects after the untouched bytes; readers see the new versions', async () => {
    const pdf = await onePage({ useObjectStreams: false });
    const first = appendUpdate(
      pdf,
      readTrailer(pdf)!,
      [{ id: readTrailer(pdf)!.size, body: ascii('<< /Title (First) >>') }],
      { info: `${readTrailer(pdf)!.size} 0 R` },
    );
    const second = appendUpdate(
      first.pdf,
      first.trailer,
      [{ id: first.trailer.size, body: ascii('<< /Title (Second) >>') }],
      { info: `${first.trailer.size} 0 R` },
    );
    expect(Buffer.from(second.pdf.subarray(0, pdf.length)).equals(Buffer.from(pdf))).toBe(true);
    expect(qpdfCheck(second.pdf).status).toBe(0);
    expect((await pdfInfo(second.pdf)).title).toBe('Second');
    // The catalog is found back through both /Prev links.
    const catalogId = Number(second.trailer.root.split(' ')[0]);
    expect(readDictionary(second.pdf, second.trailer, catalogId)).toContain('/Type /Catalog');
  });
});

describe('applyMetadata', () => {
  it('appends the Info dictionary and catalog to a classic file, without rewriting it', async () => {
    const pdf = await onePage({ useObjectStreams: false });
    const out = await applyMetadata(pdf, metadata);
    expect(Buffer.from(out.subarray(0, pdf.length)).equals(Buffer.from(pdf))).toBe(true);
    expect(qpdfCheck(out).status).toBe(0);
    const info = await pdfInfo(out);
    expect(info).toMatchObject({
      title: metadata.title,
      subject: 'Sujet',
      author: 'Paperasse',
      keywords: 'AT/MP étranger',
      language: 'fr-FR',
      pages: 1,
    });
    expect(info.creationDate?.toISOString()).toBe('2026-11-22T10:00:00.000Z');
    expect(pdfText(out)).toContain('Hello');
  });

  it('rewrites a file it cannot append to, with the same result', async () => {
    const pdf = await onePage({ useObjectStreams: true });
    const out = await applyMetadata(pdf, metadata);
    expect(qpdfCheck(out).status).toBe(0);
    expect(await pdfInfo(out)).toMatchObject({ title: metadata.title, language: 'fr-FR' });
  });
});
