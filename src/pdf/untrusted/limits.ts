import { constants, createInflate } from 'node:zlib';
import { PDFArray, PDFDict, PDFName, PDFRef, type PDFDocument, type PDFObject } from 'pdf-lib';

/**
 * What reading an untrusted PDF may cost. A few kilobytes can describe an exponential amount of
 * work: a page or field tree whose nodes point twice to the next level (a DAG of depth 40 is 2^40
 * pages to pdf-lib), or object streams that inflate to gigabytes. Each limit is checked while
 * reading, before pdf-lib walks or inflates anything, so the work stays proportional to the
 * file's size. The worker's heap limit and deadline (worker-pool.ts) catch whatever slips by.
 */
export interface PdfLimits {
  /** Pages the page tree may hold: the walk stops one past it. */
  maxPages: number;
  /** Fields and widgets the form's field tree may hold. */
  maxFields: number;
  /** Indirect objects the file may declare (counted in the raw file and in object streams). */
  maxObjects: number;
  /** Bytes one object or cross-reference stream may inflate to (pdf-lib inflates them on load). */
  maxStreamBytes: number;
  /** Bytes all of them together may inflate to. */
  maxInflatedBytes: number;
}

export const DEFAULT_PDF_LIMITS: PdfLimits = {
  maxPages: 1_000,
  maxFields: 5_000,
  maxObjects: 200_000,
  maxStreamBytes: 32 * 1024 * 1024,
  maxInflatedBytes: 64 * 1024 * 1024,
};

/** Which limit a file crossed: each is said to the client in both languages (LIMIT_TEXT). */
export type PdfLimit =
  | 'page-tree'
  | 'field-tree'
  | 'pages'
  | 'fields'
  | 'objects'
  | 'stream-bytes'
  | 'inflated-bytes'
  | 'stream-filter'
  | 'time'
  | 'memory';

export class PdfLimitError extends Error {
  override name = 'PdfLimitError';

  constructor(
    readonly limit: PdfLimit,
    message: string,
  ) {
    super(message);
  }
}

/** What each limit means, for the client: "The PDF <en>." / "Le PDF <fr>." */
export const LIMIT_TEXT: Record<PdfLimit, { en: string; fr: string }> = {
  'page-tree': {
    en: 'has a page tree that reaches a node twice (a loop or a shared branch)',
    fr: 'a une arborescence de pages qui atteint deux fois le même nœud (boucle ou branche partagée)',
  },
  'field-tree': {
    en: 'has a form whose field tree reaches a field twice (a loop or shared children)',
    fr: 'a un formulaire dont l’arborescence de champs atteint deux fois le même champ (boucle ou enfants partagés)',
  },
  pages: {
    en: `has more pages than can be read (${DEFAULT_PDF_LIMITS.maxPages} at most)`,
    fr: `a plus de pages qu’il n’est possible d’en lire (${DEFAULT_PDF_LIMITS.maxPages} au plus)`,
  },
  fields: {
    en: `has more form fields than can be read (${DEFAULT_PDF_LIMITS.maxFields} at most)`,
    fr: `a plus de champs de formulaire qu’il n’est possible d’en lire (${DEFAULT_PDF_LIMITS.maxFields} au plus)`,
  },
  objects: {
    en: `declares more objects than can be read (${DEFAULT_PDF_LIMITS.maxObjects} at most)`,
    fr: `déclare plus d’objets qu’il n’est possible d’en lire (${DEFAULT_PDF_LIMITS.maxObjects} au plus)`,
  },
  'stream-bytes': {
    en: `has an object stream that inflates past ${mb(DEFAULT_PDF_LIMITS.maxStreamBytes)} MB`,
    fr: `a un flux d’objets qui dépasse ${mb(DEFAULT_PDF_LIMITS.maxStreamBytes)} Mo une fois décompressé`,
  },
  'inflated-bytes': {
    en: `has object streams that inflate past ${mb(DEFAULT_PDF_LIMITS.maxInflatedBytes)} MB in all`,
    fr: `a des flux d’objets qui dépassent ${mb(DEFAULT_PDF_LIMITS.maxInflatedBytes)} Mo au total une fois décompressés`,
  },
  'stream-filter': {
    en: 'has an object stream compressed otherwise than with FlateDecode',
    fr: 'a un flux d’objets compressé autrement qu’avec FlateDecode',
  },
  time: {
    en: 'takes too long to read',
    fr: 'prend trop de temps à lire',
  },
  memory: {
    en: 'needs too much memory to read',
    fr: 'demande trop de mémoire pour être lu',
  },
};

function mb(bytes: number): number {
  return Math.round(bytes / (1024 * 1024));
}

const OBJECT_HEADER = /\b\d+\s+\d+\s+obj\b/g;
const COMPRESSED_STREAM = /\/Type\s*\/(ObjStm|XRef)\b/g;

/**
 * Checks the raw bytes before pdf-lib parses them: the number of objects, and every object or
 * cross-reference stream (the only streams pdf-lib decodes while loading) inflated with a cap.
 */
export async function checkRawPdf(bytes: Uint8Array, limits: PdfLimits): Promise<void> {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  let objects = 0;
  OBJECT_HEADER.lastIndex = 0;
  while (OBJECT_HEADER.exec(text)) {
    objects += 1;
    if (objects > limits.maxObjects) throw limitError('objects', limits.maxObjects);
  }
  let inflated = 0;
  // One pass, forward: each stream's data is skipped once read, and a search that finds nothing
  // ends the pass (nothing further can match), so a file full of markers costs linear time.
  COMPRESSED_STREAM.lastIndex = 0;
  for (let match = COMPRESSED_STREAM.exec(text); match; match = COMPRESSED_STREAM.exec(text)) {
    const stream = streamAfter(text, bytes, match.index);
    if (stream === 'none') break;
    COMPRESSED_STREAM.lastIndex = stream.next;
    if (!('data' in stream)) continue;
    const contained = /\/N\s+(\d+)/.exec(stream.dictionary)?.[1];
    objects += Number(contained ?? 0);
    if (objects > limits.maxObjects) throw limitError('objects', limits.maxObjects);
    const filters = [...stream.dictionary.matchAll(/\/(\w+Decode)\b/g)].map((found) => found[1]);
    if (filters.length === 0) {
      inflated += stream.data.length;
    } else if (filters.length === 1 && filters[0] === 'FlateDecode') {
      inflated += await inflatedSize(stream.data, limits.maxStreamBytes);
    } else {
      throw limitError('stream-filter', 0);
    }
    if (inflated > limits.maxInflatedBytes) {
      throw limitError('inflated-bytes', limits.maxInflatedBytes);
    }
  }
}

/** A stream dictionary is small: a marker further than this from its `stream` is not in one. */
const DICTIONARY_MAX = 4096;

/**
 * The dictionary around the marker at `at` and the stream data after it, with where the scan
 * goes on; `{ next }` alone for a marker that opens no stream; 'none' when no stream follows at
 * all. Every search is bounded or moves the scan forward past what it read.
 */
function streamAfter(
  text: string,
  bytes: Uint8Array,
  at: number,
): { dictionary: string; data: Uint8Array; next: number } | { next: number } | 'none' {
  const keyword = text.indexOf('stream', at);
  if (keyword === -1) return 'none';
  // Every marker before this keyword would find the same one: the scan resumes there.
  if (keyword - at > DICTIONARY_MAX) return { next: keyword };
  const window = Math.max(0, at - DICTIONARY_MAX);
  const start = text.slice(window, at).lastIndexOf('obj');
  let dataStart = keyword + 'stream'.length;
  if (text[dataStart] === '\r') dataStart += 1;
  if (text[dataStart] === '\n') dataStart += 1;
  const end = text.indexOf('endstream', dataStart);
  if (end === -1) return 'none';
  const next = end + 'endstream'.length;
  if (start === -1) return { next };
  return {
    dictionary: text.slice(window + start, keyword),
    data: bytes.subarray(dataStart, end),
    next,
  };
}

/**
 * Inflated size, counted chunk by chunk and never kept (a bomb costs time up to `cap`, not
 * memory), refusing past `cap`. A stream that does not inflate is left to pdf-lib to judge.
 */
function inflatedSize(data: Uint8Array, cap: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = createInflate({ finishFlush: constants.Z_SYNC_FLUSH });
    let total = 0;
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
    };
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total <= cap) return;
      inflate.destroy();
      settle(() => reject(limitError('stream-bytes', cap)));
    });
    inflate.on('end', () => settle(() => resolve(total)));
    inflate.on('error', () => settle(() => resolve(data.length)));
    inflate.end(data);
  });
}

/**
 * Counts the pages by walking the page tree once, refusing a node reached twice (pdf-lib would
 * walk a shared branch again each time: 2^depth pages) and stopping one past `maxPages`.
 */
export function countPages(doc: PDFDocument, maxPages: number): number {
  const root = doc.catalog.get(PDFName.of('Pages'));
  const seen = new Set<string>();
  let pages = 0;
  const stack: PDFObject[] = root ? [root] : [];
  while (stack.length > 0) {
    const node = stack.pop() as PDFObject;
    if (node instanceof PDFRef) {
      if (seen.has(node.toString())) throw limitError('page-tree', 0);
      seen.add(node.toString());
    }
    const dict = doc.context.lookup(node);
    if (!(dict instanceof PDFDict)) continue;
    const kids = dict.lookup(PDFName.of('Kids'));
    if (dict.get(PDFName.of('Type')) === PDFName.of('Page') || !(kids instanceof PDFArray)) {
      pages += 1;
      if (pages > maxPages) throw limitError('pages', maxPages);
      continue;
    }
    if (seen.size > maxPages * 4) throw limitError('pages', maxPages);
    stack.push(...kids.asArray());
  }
  return pages;
}

/**
 * Walks the AcroForm's field tree once before pdf-lib does, refusing a field reached twice
 * (shared children make pdf-lib's walk exponential and its flatten throw) and more than
 * `maxFields` nodes.
 */
export function checkFieldTree(doc: PDFDocument, maxFields: number): void {
  const acroForm = doc.catalog.lookup(PDFName.of('AcroForm'));
  if (!(acroForm instanceof PDFDict)) return;
  const fields = acroForm.lookup(PDFName.of('Fields'));
  if (!(fields instanceof PDFArray)) return;
  const seen = new Set<string>();
  const stack: PDFObject[] = [...fields.asArray()];
  while (stack.length > 0) {
    const node = stack.pop() as PDFObject;
    if (node instanceof PDFRef) {
      if (seen.has(node.toString())) throw limitError('field-tree', 0);
      seen.add(node.toString());
      if (seen.size > maxFields) throw limitError('fields', maxFields);
    }
    const dict = doc.context.lookup(node);
    if (!(dict instanceof PDFDict)) continue;
    const kids = dict.lookup(PDFName.of('Kids'));
    if (kids instanceof PDFArray) stack.push(...kids.asArray());
  }
}

function limitError(limit: PdfLimit, value: number): PdfLimitError {
  return new PdfLimitError(limit, `PDF limit crossed: ${limit}${value ? ` (${value})` : ''}`);
}
