import { describe, expect, it } from 'vitest';
import { sniffKind } from '../../src/uploads/sniff.js';
import { smallJpeg, transparentSignature } from './image-fixtures.js';
import { multiPagePdf } from './pdf-fixtures.js';

describe('sniffKind', () => {
  it('recognises PNG, JPEG and PDF by their first bytes', async () => {
    expect(sniffKind(await transparentSignature())).toBe('png');
    expect(sniffKind(await smallJpeg())).toBe('jpeg');
    expect(sniffKind(await multiPagePdf(1))).toBe('pdf');
  });

  it('says png for a PNG sent as "photo.jpg": only the bytes count', async () => {
    const namedJpg = { name: 'photo.jpg', bytes: await transparentSignature() };
    expect(sniffKind(namedJpg.bytes)).toBe('png');
  });

  it('finds %PDF- after leading junk within the first 1024 bytes, not beyond', () => {
    const pdfAfter = (junk: number) =>
      Buffer.concat([Buffer.alloc(junk, 0x20), Buffer.from('%PDF-1.7\n')]);
    expect(sniffKind(pdfAfter(1000))).toBe('pdf');
    expect(sniffKind(pdfAfter(1024))).toBeUndefined();
  });

  it('answers undefined for anything else, short or empty input included', () => {
    expect(sniffKind(Buffer.from('GIF89a'))).toBeUndefined();
    expect(sniffKind(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(sniffKind(new Uint8Array([0x89, 0x50]))).toBeUndefined();
    expect(sniffKind(new Uint8Array([0xff, 0xd8]))).toBeUndefined();
    expect(sniffKind(new Uint8Array())).toBeUndefined();
  });

  it('reads a view into a larger buffer from its own offset', async () => {
    const jpeg = await smallJpeg();
    const pooled = Buffer.concat([Buffer.from('%PDF-1.4 junk'), jpeg]);
    expect(sniffKind(pooled.subarray(13))).toBe('jpeg');
    const pdfView = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('%PDF-1.4')]);
    expect(sniffKind(pdfView.subarray(3))).toBe('pdf');
  });
});
