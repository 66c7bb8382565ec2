import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFStream,
  type PDFRef,
} from 'pdf-lib';

/** Where an image is drawn on a page, in points (origin bottom left), and what it is. */
export interface DrawnImage {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Its pixel size. */
  pixels: [number, number];
  hasMask: boolean;
  /** The image object, to tell one image drawn twice from two images. */
  object: string;
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/**
 * Every image drawn in a PDF, found the way a reader finds it: walking each page's content (and
 * the form XObjects it calls), tracking q/Q/cm, and mapping the unit square through the current
 * matrix at each `Do` of an image. Tests read positions back with it, not from what we meant to
 * draw.
 */
export async function drawnImages(pdf: Uint8Array): Promise<DrawnImage[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const found: DrawnImage[] = [];
  doc.getPages().forEach((page, index) => {
    const contents = page.node.Contents();
    const streams =
      contents instanceof PDFArray
        ? contents.asArray().map((ref) => doc.context.lookup(ref))
        : [contents];
    const bytes = Buffer.concat(
      streams.map((stream) => Buffer.concat([Buffer.from(bytesOf(stream)), Buffer.from('\n')])),
    );
    walk(doc, bytes, page.node.Resources(), IDENTITY, index + 1, found);
  });
  return found;
}

function walk(
  doc: PDFDocument,
  content: Uint8Array,
  resources: PDFDict | undefined,
  start: Matrix,
  page: number,
  found: DrawnImage[],
): void {
  const text = Buffer.from(content)
    .toString('latin1')
    .replace(/\((?:\\.|[^\\)])*\)/g, ' ')
    .replace(/<[0-9A-Fa-f\s]*>/g, ' ');
  const tokens = text.match(/\/[^\s/[\]()<>{}%]+|[-+]?\d*\.?\d+|[A-Za-z'"*]+/g) ?? [];
  const stack: Matrix[] = [];
  let ctm = start;
  const operands: string[] = [];
  const xobjects = resources?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  for (const token of tokens) {
    if (/^[-+]?\d*\.?\d+$/.test(token) || token.startsWith('/')) {
      operands.push(token);
      continue;
    }
    if (token === 'q') stack.push(ctm);
    else if (token === 'Q') ctm = stack.pop() ?? start;
    else if (token === 'cm') ctm = multiply(operands.slice(-6).map(Number) as Matrix, ctm);
    else if (token === 'Do') {
      const ref = xobjects?.get(PDFName.of((operands.at(-1) ?? '/').slice(1))) as PDFRef;
      const object = doc.context.lookup(ref);
      if (object instanceof PDFStream) visit(doc, object, { ref, ctm, page, resources, found });
    }
    operands.length = 0;
  }
}

function visit(
  doc: PDFDocument,
  object: PDFStream,
  at: {
    ref: PDFRef;
    ctm: Matrix;
    page: number;
    resources: PDFDict | undefined;
    found: DrawnImage[];
  },
): void {
  const subtype = object.dict.get(PDFName.of('Subtype'))?.toString();
  if (subtype === '/Form') {
    const matrix = object.dict.lookupMaybe(PDFName.of('Matrix'), PDFArray);
    const own = matrix
      ? (matrix.asArray().map((n) => (n as PDFNumber).asNumber()) as Matrix)
      : IDENTITY;
    const resources = object.dict.lookupMaybe(PDFName.of('Resources'), PDFDict) ?? at.resources;
    walk(doc, bytesOf(object), resources, multiply(own, at.ctm), at.page, at.found);
    return;
  }
  if (subtype !== '/Image') return;
  const [a, b, c, d, e, f] = at.ctm;
  const xs = [e, a + e, c + e, a + c + e];
  const ys = [f, b + f, d + f, b + d + f];
  const round = (value: number) => Math.round(value * 100) / 100;
  const number = (key: string) => (object.dict.lookup(PDFName.of(key)) as PDFNumber).asNumber();
  at.found.push({
    page: at.page,
    x: round(Math.min(...xs)),
    y: round(Math.min(...ys)),
    width: round(Math.max(...xs) - Math.min(...xs)),
    height: round(Math.max(...ys) - Math.min(...ys)),
    pixels: [number('Width'), number('Height')],
    hasMask: object.dict.has(PDFName.of('SMask')),
    object: at.ref.toString(),
  });
}

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

function bytesOf(stream: unknown): Uint8Array {
  if (stream instanceof PDFRawStream) return decodePDFRawStream(stream).decode();
  if (stream instanceof PDFStream) return stream.getContents();
  return new Uint8Array();
}
