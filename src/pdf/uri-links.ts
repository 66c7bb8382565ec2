import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFString } from 'pdf-lib';

/** A URI link annotation of a PDF: its target and where it lies (PDF points, bottom-left). */
export interface UriLink {
  uri: string;
  /** 1-based. */
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Every URI link whose target starts with `prefix`, page by page, in the order printed. */
export async function uriLinks(pdf: Uint8Array, prefix: string): Promise<UriLink[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const links: UriLink[] = [];
  doc.getPages().forEach((page, pageIndex) => {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    for (const item of annots?.asArray() ?? []) {
      const annot = doc.context.lookup(item);
      if (!(annot instanceof PDFDict)) continue;
      const uri = annot.lookupMaybe(PDFName.of('A'), PDFDict)?.lookup(PDFName.of('URI'));
      const target = uri instanceof PDFString ? uri.decodeText() : '';
      if (!target.startsWith(prefix)) continue;
      const [x1, y1, x2, y2] = (
        annot.lookup(PDFName.of('Rect'), PDFArray).asArray() as PDFNumber[]
      ).map((n) => n.asNumber()) as [number, number, number, number];
      links.push({
        uri: target,
        page: pageIndex + 1,
        x: Math.min(x1, x2),
        y: Math.min(y1, y2),
        width: Math.abs(x2 - x1),
        height: Math.abs(y2 - y1),
      });
    }
  });
  return links;
}
