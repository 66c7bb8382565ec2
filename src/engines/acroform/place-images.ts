import { PDFDocument } from 'pdf-lib';
import type { FieldBox } from '../field-box.js';
import { fitInBox, type RasterImage } from '../raster-image.js';

/**
 * Draws images in their boxes of a PDF with pdf-lib: for the editable form, where pdf-lib has
 * the file open anyway. The flattened path writes its images into its incremental update
 * (flat-form.ts). Images come checked and re-encoded by the service, never as uploaded.
 */
export async function placeImages(
  pdf: Uint8Array,
  boxes: readonly FieldBox[],
  images: ReadonlyMap<string, RasterImage>,
): Promise<Uint8Array> {
  if (images.size === 0) return pdf;
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  for (const [name, image] of images) {
    const box = boxes.find((candidate) => candidate.name === name && candidate.type === 'image');
    const page = box && doc.getPages()[box.page - 1];
    if (!box || !page) throw new Error(`No image box "${name}" on the form`);
    // A copy: pdf-lib's JPEG reader ignores a view's byte offset.
    const bytes = Uint8Array.from(image.bytes);
    const embedded = image.kind === 'jpeg' ? await doc.embedJpg(bytes) : await doc.embedPng(bytes);
    page.drawImage(embedded, fitInBox(image, box));
  }
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}
