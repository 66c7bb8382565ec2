import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import type { RasterImage } from '../raster-image.js';

/**
 * An image as PDF image XObject(s), written as they are into an incremental update: a JPEG is
 * passed through (DCTDecode: no decoding, no quality loss); a PNG with transparency becomes its
 * RGB samples plus an alpha soft mask (SMask), both deflated. No pdf-lib involved: its PNG
 * embedding costs 150–340 ms for a signature, this ~10 ms.
 */
export interface ImageXObject {
  width: number;
  height: number;
  /** The image dictionary without /Length (and without /SMask, added when it is written). */
  dictionary: string;
  data: Uint8Array;
  mask?: { dictionary: string; data: Uint8Array };
}

export async function toImageXObject(image: RasterImage): Promise<ImageXObject> {
  const size = `/Width ${image.width} /Height ${image.height} /BitsPerComponent 8`;
  if (image.kind === 'jpeg') {
    return {
      width: image.width,
      height: image.height,
      dictionary: `/Type /XObject /Subtype /Image ${size} /ColorSpace /DeviceRGB /Filter /DCTDecode`,
      data: image.bytes,
    };
  }
  const { data, info } = await sharp(image.bytes)
    .toColourspace('srgb')
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const pixels = info.width * info.height;
  const rgb = Buffer.alloc(pixels * 3);
  const alpha = Buffer.alloc(pixels);
  for (let index = 0; index < pixels; index += 1) {
    rgb[index * 3] = data[index * 4] as number;
    rgb[index * 3 + 1] = data[index * 4 + 1] as number;
    rgb[index * 3 + 2] = data[index * 4 + 2] as number;
    alpha[index] = data[index * 4 + 3] as number;
  }
  const rawSize = `/Width ${info.width} /Height ${info.height} /BitsPerComponent 8`;
  return {
    width: info.width,
    height: info.height,
    dictionary: `/Type /XObject /Subtype /Image ${rawSize} /ColorSpace /DeviceRGB /Filter /FlateDecode`,
    data: deflateSync(rgb),
    mask: {
      dictionary: `/Type /XObject /Subtype /Image ${rawSize} /ColorSpace /DeviceGray /Filter /FlateDecode`,
      data: deflateSync(alpha),
    },
  };
}
