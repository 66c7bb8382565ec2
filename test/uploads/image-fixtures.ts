import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

/**
 * Images the upload tests use, made here so each case is visible: a transparent signature, a
 * phone photo, damaged files and a decompression bomb.
 */

/** 600×240 RGBA: dark ink strokes on a fully transparent background, like a scanned signature. */
export async function transparentSignature(): Promise<Uint8Array> {
  const [width, height] = [600, 240];
  const pixels = Buffer.alloc(width * height * 4);
  for (let x = 40; x < 560; x += 1) {
    const y = Math.round(120 + 60 * Math.sin(x / 40));
    for (let dy = -4; dy <= 4; dy += 1) {
      const offset = ((y + dy) * width + x) * 4;
      pixels.set([10, 20, 90, Math.abs(dy) === 4 ? 128 : 255], offset);
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 4 } })
    .png()
    .toBuffer();
}

/**
 * A 4000×3000 (12 MP) phone photo as the sensor stored it, tagged EXIF orientation 6 ("rotate
 * 90° clockwise to display"), with a GPS position as phones write it. Noise makes it as heavy as
 * a real photo of a page (several MB); the stored top-left quarter is red, to follow rotation.
 */
export async function phonePhoto(): Promise<Uint8Array> {
  const [width, height] = [4000, 3000];
  const pixels = Buffer.alloc(width * height * 3);
  let seed = 1;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const noise = (seed >>> 24) % 48;
      const red = x < width / 2 && y < height / 2;
      const offset = (y * width + x) * 3;
      pixels[offset] = red ? 200 + (noise >> 2) : 180 + noise;
      pixels[offset + 1] = red ? noise >> 2 : 180 + noise;
      pixels[offset + 2] = red ? noise >> 2 : 170 + noise;
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 92 })
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Phone 12' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 24/1' },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** A small opaque JPEG of noise (so its scan data is not trivially short). */
export async function smallJpeg(): Promise<Uint8Array> {
  const noise = { type: 'gaussian', mean: 128, sigma: 40 } as const;
  return sharp({ create: { width: 300, height: 200, channels: 3, background: '#808080', noise } })
    .jpeg()
    .toBuffer();
}

/** The first part of a file, as an interrupted upload or copy leaves it. */
export function truncated(bytes: Uint8Array, fraction = 0.5): Uint8Array {
  return bytes.slice(0, Math.floor(bytes.length * fraction));
}

/** The middle fifth of the file overwritten with other bytes, as a bad copy leaves it. */
export function garbled(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(bytes);
  for (let index = Math.floor(copy.length * 0.4); index < copy.length * 0.6; index += 1) {
    copy[index] = (index * 7919) & 255;
  }
  return copy;
}

/**
 * A 20000×20000 (400 MP) one-bit PNG of 48 KB: decoding it would need 1.2 GB of RGB pixels.
 * Written by hand: encoding 400 MP with sharp takes ~14 s, zlib on the rows ~0.3 s.
 */
export function pngBomb(side = 20_000): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 1; // bit depth 1
  header[9] = 0; // greyscale
  const rows = Buffer.alloc(side * (1 + side / 8)); // filter byte 0 and 2500 zero bytes per row
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
