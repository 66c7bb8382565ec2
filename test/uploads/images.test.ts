import { PDFDocument } from 'pdf-lib';
import sharp, { type Sharp } from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { UploadError } from '../../src/uploads/errors.js';
import { normalizeImage, pixelBox, type ImageTarget } from '../../src/uploads/images.js';
import {
  garbled,
  phonePhoto,
  pngBomb,
  smallJpeg,
  transparentSignature,
  truncated,
} from './image-fixtures.js';
import { multiPagePdf } from './pdf-fixtures.js';

/** An annex page's image area (180 × 247 mm) at 200 dpi; a 60 × 25 mm signature box at 300 dpi. */
const ANNEX: ImageTarget = { maxWidthPt: 510, maxHeightPt: 700, dpi: 200 };
const SIGNATURE_BOX: ImageTarget = { maxWidthPt: 170, maxHeightPt: 71, dpi: 300 };

/** Pixels per inch once the image is placed to fit the target box. */
function placedDpi(image: { width: number; height: number }, target: ImageTarget): number {
  const pointsPerPixel = Math.min(
    target.maxWidthPt / image.width,
    target.maxHeightPt / image.height,
  );
  return 72 / pointsPerPixel;
}

async function refusal(promise: Promise<unknown>): Promise<UploadError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UploadError);
  return error as UploadError;
}

describe('normalizeImage', () => {
  let photo: Uint8Array;
  beforeAll(async () => {
    photo = await phonePhoto();
  });

  it('turns a 12 MP phone photo into a JPEG of at most 200 dpi at its placed size, much lighter', async () => {
    const image = await normalizeImage(photo, ANNEX);
    expect(image.kind).toBe('jpeg');
    expect(placedDpi(image, ANNEX)).toBeLessThanOrEqual(200);
    expect(placedDpi(image, ANNEX)).toBeGreaterThan(195);
    expect(photo.length).toBeGreaterThan(3_000_000);
    expect(image.bytes.length).toBeLessThan(photo.length / 5);
    const decoded = await sharp(image.bytes).metadata();
    expect([decoded.format, decoded.width, decoded.height]).toEqual([
      'jpeg',
      image.width,
      image.height,
    ]);
  });

  it('applies EXIF orientation 6: the 4000×3000 stored photo comes out portrait, red corner top right', async () => {
    const image = await normalizeImage(photo, ANNEX);
    expect(image.height).toBeGreaterThan(image.width);
    const { data, info } = await sharp(image.bytes).raw().toBuffer({ resolveWithObject: true });
    const red = (x: number, y: number) => {
      const offset =
        (Math.round(y * info.height) * info.width + Math.round(x * info.width)) * info.channels;
      return (data[offset] ?? 0) > 150 && (data[offset + 1] ?? 255) < 80;
    };
    expect(red(0.75, 0.25)).toBe(true);
    expect(red(0.25, 0.25)).toBe(false);
    expect(red(0.75, 0.75)).toBe(false);
  });

  it('strips EXIF (GPS position, device) and the orientation tag it applied', async () => {
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const image = await normalizeImage(photo, ANNEX);
    const metadata = await sharp(image.bytes).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(metadata.orientation).toBeUndefined();
    expect(Buffer.from(image.bytes).includes('PhoneMaker')).toBe(false);
  });

  it('keeps a transparent signature a PNG with alpha, at its own size when it is small enough', async () => {
    const image = await normalizeImage(await transparentSignature(), SIGNATURE_BOX);
    expect([image.kind, image.hasAlpha, image.width, image.height]).toEqual([
      'png',
      true,
      600,
      240,
    ]);
    const metadata = await sharp(image.bytes).metadata();
    expect(metadata.hasAlpha).toBe(true);
  });

  it('downsamples a signature bigger than its box at 300 dpi, keeping its aspect ratio', async () => {
    const small: ImageTarget = { maxWidthPt: 85, maxHeightPt: 71, dpi: 300 };
    const image = await normalizeImage(await transparentSignature(), small);
    expect(image.width).toBe(pixelBox(small).width);
    expect(image.width / image.height).toBeCloseTo(600 / 240, 1);
    expect(placedDpi(image, small)).toBeLessThanOrEqual(300);
  });

  it.each([
    ['a palette PNG with tRNS', (png: Sharp) => png.png({ palette: true })],
    ['a grey + alpha PNG', (png: Sharp) => png.toColourspace('b-w').png()],
    ['a 16-bit RGBA PNG', (png: Sharp) => png.toColourspace('rgb16').png()],
  ])('keeps the transparency of %s', async (_name, encode) => {
    const variant = await encode(sharp(await transparentSignature())).toBuffer();
    const image = await normalizeImage(variant, SIGNATURE_BOX);
    expect([image.kind, image.hasAlpha]).toEqual(['png', true]);
  });

  it('converts a CMYK JPEG to an RGB JPEG', async () => {
    const cmyk = await sharp(await smallJpeg())
      .toColourspace('cmyk')
      .jpeg()
      .toBuffer();
    expect((await sharp(cmyk).metadata()).space).toBe('cmyk');
    const image = await normalizeImage(cmyk, ANNEX);
    expect((await sharp(image.bytes).metadata()).space).toBe('srgb');
  });

  it('never enlarges a small image', async () => {
    const image = await normalizeImage(await smallJpeg(), ANNEX);
    expect([image.kind, image.width, image.height, image.hasAlpha]).toEqual([
      'jpeg',
      300,
      200,
      false,
    ]);
  });

  it('makes a JPEG of a PNG whose alpha channel is fully opaque (a screenshot)', async () => {
    const opaque = await sharp({
      create: {
        width: 400,
        height: 300,
        channels: 4,
        background: { r: 250, g: 250, b: 250, alpha: 1 },
      },
    })
      .png()
      .toBuffer();
    const image = await normalizeImage(opaque, ANNEX);
    expect([image.kind, image.hasAlpha]).toEqual(['jpeg', false]);
  });

  it('answers bytes of their own, which pdf-lib embeds (embedJpg ignores byteOffset)', async () => {
    const pooled = Buffer.concat([Buffer.alloc(100), await smallJpeg()]).subarray(100);
    const image = await normalizeImage(pooled, ANNEX);
    expect(image.bytes.byteOffset).toBe(0);
    expect(image.bytes.byteLength).toBe(image.bytes.buffer.byteLength);
    const doc = await PDFDocument.create();
    await expect(doc.embedJpg(image.bytes)).resolves.toBeDefined();
  });

  it.each([
    ['a PNG cut in half', async () => truncated(await transparentSignature())],
    ['a JPEG cut in half', async () => truncated(await smallJpeg())],
    ['a JPEG whose scan data is garbled', async () => garbled(await smallJpeg())],
    ['a PNG whose pixel data is garbled', async () => garbled(await transparentSignature())],
    [
      'a PNG signature alone',
      async () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    ],
  ])('refuses %s as undecodable', async (_name, make) => {
    const error = await refusal(normalizeImage(await make(), ANNEX));
    expect(error.reason).toBe('undecodable');
  });

  it('refuses a 20000×20000 PNG bomb (48 KB) as too-many-pixels, in under a second', async () => {
    const bomb = pngBomb();
    expect(bomb.length).toBeLessThan(100_000);
    const started = performance.now();
    const error = await refusal(normalizeImage(bomb, ANNEX));
    expect(error.reason).toBe('too-many-pixels');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses what is not a PNG or a JPEG, a PDF included, as unsupported-type', async () => {
    for (const bytes of [await multiPagePdf(1), Buffer.from('GIF89a……'), new Uint8Array()]) {
      const error = await refusal(normalizeImage(bytes, ANNEX));
      expect(error.reason).toBe('unsupported-type');
    }
  });
});
