import sharp, { type Sharp } from 'sharp';
import { UploadError } from './errors.js';
import { sniffKind } from './sniff.js';

/** An uploaded image after decoding and re-encoding: the only image bytes we ever embed. */
export interface NormalizedImage {
  kind: 'png' | 'jpeg';
  bytes: Uint8Array;
  /** Pixels, after EXIF orientation and downsampling. */
  width: number;
  height: number;
  /** Some pixel is not fully opaque: the image stays a PNG and keeps its transparency. */
  hasAlpha: boolean;
}

/** Where the image will be placed: it fits within this box, keeping its aspect ratio. */
export interface ImageTarget {
  maxWidthPt: number;
  maxHeightPt: number;
  /** The most pixels per inch worth keeping at the placed size (200 for scans, 300 for a stamp). */
  dpi: number;
}

/**
 * 100 megapixels: above any camera's default output (12–50 MP) and a 600 dpi A4 scan (35 MP),
 * while bounding what a small compressed file can make us decode (a 48 KB PNG can announce
 * 400 MP, i.e. 1.2 GB of pixels). Checked on the header, before decoding.
 */
export const MAX_INPUT_PIXELS = 100_000_000;
/** A decode that takes longer than this is pathological: give the thread pool back. */
const TIMEOUT_SECONDS = 20;
/** Plenty for print; mozjpeg would save ~30 % more but takes ~2.4× the time (measured). */
const JPEG_QUALITY = 85;

/**
 * Decodes an uploaded PNG or JPEG completely (a truncated or corrupt file is refused here, never
 * handed to pdf-lib, whose PNG decoder loops forever on a truncated stream), applies its EXIF
 * orientation, reduces it to at most `dpi` pixels per inch at its placed size (never enlarges)
 * and re-encodes it without any metadata (EXIF carries GPS positions and device names: personal
 * data that has no place in a printed document). Transparency keeps a PNG; anything opaque
 * becomes a JPEG.
 */
export async function normalizeImage(
  bytes: Uint8Array,
  target: ImageTarget,
): Promise<NormalizedImage> {
  const kind = sniffKind(bytes);
  if (kind !== 'png' && kind !== 'jpeg') {
    throw new UploadError('unsupported-type', 'The file is neither a PNG nor a JPEG image.');
  }
  const header = await readHeader(bytes);
  if (header.width * header.height > MAX_INPUT_PIXELS) {
    throw new UploadError(
      'too-many-pixels',
      `The image has ${header.width}×${header.height} pixels, over ${MAX_INPUT_PIXELS}.`,
    );
  }
  const box = pixelBox(target);
  try {
    const pipeline = sharp(bytes, {
      failOn: 'warning',
      limitInputPixels: MAX_INPUT_PIXELS,
      autoOrient: true,
    })
      .timeout({ seconds: TIMEOUT_SECONDS })
      .resize({ ...box, fit: 'inside', withoutEnlargement: true });
    return header.hasAlpha ? await encodeWithAlpha(pipeline) : await encodeJpeg(pipeline);
  } catch (error) {
    throw new UploadError('undecodable', 'The image cannot be decoded completely.', {
      cause: error,
    });
  }
}

/**
 * The largest pixel size that still fits the box at `dpi`: an image fitted inside it, once
 * placed to fit inside the box in points, has at most `dpi` pixels per inch on both axes.
 */
export function pixelBox(target: ImageTarget): { width: number; height: number } {
  const toPixels = (points: number) => Math.max(1, Math.floor((points / 72) * target.dpi));
  return { width: toPixels(target.maxWidthPt), height: toPixels(target.maxHeightPt) };
}

/** The header only (sharp does not decode pixels for metadata): size and whether alpha exists. */
async function readHeader(bytes: Uint8Array) {
  try {
    const { width, height, hasAlpha } = await sharp(bytes, { limitInputPixels: false }).metadata();
    return { width, height, hasAlpha };
  } catch (error) {
    throw new UploadError('undecodable', 'The image header cannot be read.', { cause: error });
  }
}

async function encodeJpeg(pipeline: Sharp): Promise<NormalizedImage> {
  const { data, info } = await pipeline
    .jpeg({ quality: JPEG_QUALITY, mozjpeg: false })
    .toBuffer({ resolveWithObject: true });
  return {
    kind: 'jpeg',
    bytes: copy(data),
    width: info.width,
    height: info.height,
    hasAlpha: false,
  };
}

/**
 * An alpha channel is often fully opaque (screenshots, exported scans): such an image is encoded
 * as a JPEG, several times smaller. The pixels are decoded once, to raw, to find out.
 */
async function encodeWithAlpha(pipeline: Sharp): Promise<NormalizedImage> {
  const { data, info } = await pipeline
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  const raw = { raw: { width: info.width, height: info.height, channels: info.channels } };
  if (isOpaque(data, info.channels)) return encodeJpeg(sharp(data, raw).removeAlpha());
  const png = await sharp(data, raw).png().toBuffer();
  return { kind: 'png', bytes: copy(png), width: info.width, height: info.height, hasAlpha: true };
}

function isOpaque(pixels: Uint8Array, channels: number): boolean {
  if (channels !== 2 && channels !== 4) return true;
  for (let index = channels - 1; index < pixels.length; index += channels) {
    if (pixels[index] !== 255) return false;
  }
  return true;
}

/**
 * A Buffer of its own (offset 0, exact length): pdf-lib's embedJpg reads `bytes.buffer` from
 * offset 0, so a view into a larger or pooled buffer would be read from the wrong place.
 */
function copy(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer);
}
