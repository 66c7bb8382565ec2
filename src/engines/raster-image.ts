/**
 * An image ready to place in a PDF: already checked, oriented and re-encoded by the service
 * (src/uploads/images.ts). JPEG is 8-bit sRGB (3 components); PNG is used only to carry
 * transparency. Engines take it as it is; they never decode a user's file themselves.
 */
export interface RasterImage {
  kind: 'png' | 'jpeg';
  bytes: Uint8Array;
  /** Pixels. */
  width: number;
  height: number;
  hasAlpha: boolean;
}

/** The image's data: URI, for an <img> in a template. */
export function dataUri(image: RasterImage): string {
  return `data:image/${image.kind};base64,${Buffer.from(image.bytes).toString('base64')}`;
}

/** Where an image fits in a box without distortion, centred: its rectangle in the box's units. */
export function fitInBox(
  image: { width: number; height: number },
  box: { x: number; y: number; width: number; height: number },
): { x: number; y: number; width: number; height: number } {
  const scale = Math.min(box.width / image.width, box.height / image.height);
  const width = image.width * scale;
  const height = image.height * scale;
  return {
    x: box.x + (box.width - width) / 2,
    y: box.y + (box.height - height) / 2,
    width,
    height,
  };
}
