import { describe, expect, it } from 'vitest';
import { openPdf } from '../../src/pdf/open-pdf.js';
import {
  checkRawPdf,
  DEFAULT_PDF_LIMITS,
  PdfLimitError,
  type PdfLimit,
} from '../../src/pdf/untrusted/limits.js';
import { objectStreamBomb, pageTreeDag, rawPdf } from '../helpers/raw-pdf.js';
import { multiPagePdf } from '../uploads/pdf-fixtures.js';

async function limitOf(bytes: Uint8Array, limits = DEFAULT_PDF_LIMITS): Promise<PdfLimit | 'none'> {
  try {
    await openPdf(bytes, limits);
    return 'none';
  } catch (error) {
    if (error instanceof PdfLimitError) return error.limit;
    throw error;
  }
}

const catalog = '<< /Type /Catalog /Pages 2 0 R >>';
const page = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>';

describe('the reading limits of untrusted PDFs', () => {
  it('opens an honest PDF and counts its pages', async () => {
    const { pageCount } = await openPdf(await multiPagePdf(3));
    expect(pageCount).toBe(3);
  });

  it('refuses a page tree that reaches a node twice, or loops back', async () => {
    expect(await limitOf(pageTreeDag(3))).toBe('page-tree');
    const loop = rawPdf([catalog, '<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 1 >>', page]);
    expect(await limitOf(loop)).toBe('page-tree');
  });

  it('stops counting one page past the limit', async () => {
    const pdf = await multiPagePdf(5);
    expect(await limitOf(pdf, { ...DEFAULT_PDF_LIMITS, maxPages: 4 })).toBe('pages');
    expect(await limitOf(pdf, { ...DEFAULT_PDF_LIMITS, maxPages: 5 })).toBe('none');
  });

  it('refuses more objects than allowed, counted in the raw file', async () => {
    const pdf = rawPdf([catalog, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', page, '1', '2']);
    expect(await limitOf(pdf, { ...DEFAULT_PDF_LIMITS, maxObjects: 4 })).toBe('objects');
  });

  it('refuses an object stream over its inflated cap, and over the total of all of them', async () => {
    const bomb = await objectStreamBomb(8 * 1024 * 1024);
    expect(await limitOf(bomb, { ...DEFAULT_PDF_LIMITS, maxStreamBytes: 4 * 1024 * 1024 })).toBe(
      'stream-bytes',
    );
    const total = { ...DEFAULT_PDF_LIMITS, maxInflatedBytes: 4 * 1024 * 1024 };
    expect(await limitOf(bomb, total)).toBe('inflated-bytes');
  });

  it('refuses an object stream compressed otherwise than with FlateDecode', async () => {
    const lzw =
      '<< /Type /ObjStm /N 1 /First 4 /Filter /LZWDecode /Length 1 >>\nstream\nx\nendstream';
    const pdf = rawPdf([catalog, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', page, lzw]);
    expect(await limitOf(pdf)).toBe('stream-filter');
  });
});

describe('the raw check of a file full of stream markers', () => {
  it('reads it in one forward pass (a 10 MB file of markers once took minutes)', async () => {
    const markers = '/Type /ObjStm '.repeat(700_000);
    for (const tail of ['', ' stream\nx\nendstream', ' endstream']) {
      const bytes = new Uint8Array(Buffer.from(`%PDF-1.7\n% ${markers}${tail}\n`, 'latin1'));
      // Resolves: no marker opens a stream, so nothing is inflated nor refused.
      await expect(checkRawPdf(bytes, DEFAULT_PDF_LIMITS)).resolves.toBeUndefined();
    }
  });
});
