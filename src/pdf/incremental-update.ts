/**
 * PDF incremental updates (ISO 32000-1 §7.5.6): new versions of some objects, a cross-reference
 * section for them and a trailer pointing back to the previous one, appended after the file's
 * bytes. Readers take the newest version of each object. Writing a few objects this way costs
 * microseconds, where re-parsing and re-saving a whole file with pdf-lib costs ~20 ms.
 *
 * Only files whose last section is a classic `xref` table are handled; `readTrailer` answers
 * undefined for anything else (cross-reference streams, encrypted files), and callers fall back
 * to a full rewrite.
 */

/** What an update needs from the newest trailer of the file it extends. */
export interface Trailer {
  /** Byte offset of the newest cross-reference section (the file's last `startxref`). */
  startxref: number;
  /** One more than the highest object number. */
  size: number;
  /** `/Root`, `/Info`: references as written, e.g. "13 0 R". */
  root: string;
  info?: string;
  /** `/ID` as written, kept so the file keeps its identity. */
  id?: string;
}

export interface PdfObject {
  /** An existing object's number replaces it; `size` or above adds one. */
  id: number;
  /** What goes between `N 0 obj` and `endobj`: a dictionary, or a dictionary and its stream. */
  body: Uint8Array;
}

/** How far from the end the last `startxref` can be (PDF spec: within the last 1024 bytes). */
const TAIL_BYTES = 1024;

export function readTrailer(pdf: Uint8Array): Trailer | undefined {
  const tail = latin1(pdf, Math.max(0, pdf.length - TAIL_BYTES), pdf.length);
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail)?.[1];
  if (startxref === undefined) return undefined;
  const offset = Number(startxref);
  if (offset >= pdf.length || latin1(pdf, offset, offset + 4) !== 'xref') return undefined;
  const section = latin1(pdf, offset, pdf.length);
  const dictionary = /trailer\s*<<([\s\S]*?)>>\s*startxref/.exec(section)?.[1];
  if (dictionary === undefined || /\/Encrypt\b/.test(dictionary)) return undefined;
  const size = /\/Size\s+(\d+)/.exec(dictionary)?.[1];
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(dictionary)?.[1];
  if (size === undefined || root === undefined) return undefined;
  const info = /\/Info\s+(\d+\s+\d+\s+R)/.exec(dictionary)?.[1];
  const id = /\/ID\s*(\[[^\]]*\])/.exec(dictionary)?.[1];
  return {
    startxref: offset,
    size: Number(size),
    root,
    ...(info ? { info } : {}),
    ...(id ? { id } : {}),
  };
}

/**
 * The file followed by one update holding `objects`. `info` replaces the trailer's /Info
 * reference (the caller adds the Info dictionary among `objects`). Returns the new bytes and the
 * trailer of the result, so that a further update can follow.
 */
export function appendUpdate(
  pdf: Uint8Array,
  trailer: Trailer,
  objects: readonly PdfObject[],
  changes: { info?: string } = {},
): { pdf: Uint8Array; trailer: Trailer } {
  const parts: Uint8Array[] = [pdf, ascii('\n')];
  let position = pdf.length + 1;
  const offsets = new Map<number, number>();
  for (const object of objects) {
    offsets.set(object.id, position);
    for (const part of [ascii(`${object.id} 0 obj\n`), object.body, ascii('\nendobj\n')]) {
      parts.push(part);
      position += part.length;
    }
  }
  const size = Math.max(trailer.size, ...objects.map((object) => object.id + 1));
  const info = changes.info ?? trailer.info;
  const entries = [
    `/Size ${size}`,
    `/Root ${trailer.root}`,
    info ? `/Info ${info}` : '',
    trailer.id ? `/ID ${trailer.id}` : '',
    `/Prev ${trailer.startxref}`,
  ].filter(Boolean);
  const xref = `${crossReference(offsets)}trailer\n<< ${entries.join(' ')} >>\nstartxref\n${position}\n%%EOF\n`;
  parts.push(ascii(xref));
  const next: Trailer = { ...trailer, startxref: position, size, ...(info ? { info } : {}) };
  return { pdf: concat(parts), trailer: next };
}

/**
 * The dictionary of object `id` as last written (e.g. Chromium's catalog), found through the
 * classic cross-reference sections from the newest back along /Prev; undefined when it is not
 * there in plain form (in an object stream, behind a cross-reference stream, or a stream
 * object): callers then fall back to a full rewrite.
 */
export function readDictionary(pdf: Uint8Array, trailer: Trailer, id: number): string | undefined {
  const offset = objectOffset(pdf, trailer.startxref, id);
  if (offset === undefined) return undefined;
  const text = latin1(pdf, offset, Math.min(pdf.length, offset + 64 * 1024));
  const match = new RegExp(`^${id}\\s+0\\s+obj\\s*(<<[\\s\\S]*>>)\\s*endobj`).exec(
    text.slice(0, text.indexOf('endobj') + 6),
  );
  return match?.[1];
}

/** Sections an update chain may have before we give up (ours add one or two). */
const MAX_SECTIONS = 32;

function objectOffset(pdf: Uint8Array, startxref: number, id: number): number | undefined {
  let offset: number | undefined = startxref;
  for (let hops = 0; offset !== undefined && hops < MAX_SECTIONS; hops += 1) {
    if (offset >= pdf.length || latin1(pdf, offset, offset + 4) !== 'xref') return undefined;
    const section = latin1(pdf, offset, Math.min(pdf.length, offset + 4 + 20 * (id + 64) + 4096));
    const trailerAt = section.indexOf('trailer');
    const found = findEntry(section.slice(4, trailerAt === -1 ? undefined : trailerAt), id);
    if (found !== undefined) return found;
    if (trailerAt === -1) return undefined;
    const previous = /\/Prev\s+(\d+)/.exec(
      section.slice(trailerAt, section.indexOf('>>', trailerAt)),
    );
    offset = previous ? Number(previous[1]) : undefined;
  }
  return undefined;
}

/** The offset an `xref` table gives object `id` (in use), if this table has it. */
function findEntry(table: string, id: number): number | undefined {
  let next = -1;
  for (const raw of table.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    const header = /^(\d+) (\d+)$/.exec(line);
    if (header) {
      next = Number(header[1]);
      continue;
    }
    const entry = /^(\d{10}) \d{5} ([nf])$/.exec(line);
    if (!entry) continue;
    if (next === id) return entry[2] === 'n' ? Number(entry[1]) : undefined;
    next += 1;
  }
  return undefined;
}

/** Subsections of consecutive object numbers; every entry is exactly 20 bytes. */
function crossReference(offsets: ReadonlyMap<number, number>): string {
  const ids = [...offsets.keys()].sort((a, b) => a - b);
  let text = 'xref\n';
  for (let index = 0; index < ids.length;) {
    let end = index + 1;
    while (end < ids.length && ids[end] === (ids[end - 1] as number) + 1) end += 1;
    text += `${ids[index]} ${end - index}\n`;
    for (const id of ids.slice(index, end)) {
      text += `${String(offsets.get(id)).padStart(10, '0')} 00000 n \n`;
    }
    index = end;
  }
  return text;
}

/** A stream object's body: its dictionary (without /Length, added here) and its bytes. */
export function streamBody(dictionary: string, data: Uint8Array): Uint8Array {
  return concat([
    ascii(`<< ${dictionary} /Length ${data.length} >>\nstream\n`),
    data,
    ascii('\nendstream'),
  ]);
}

export function ascii(text: string): Uint8Array {
  return Buffer.from(text, 'latin1');
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  return Buffer.concat(parts);
}
