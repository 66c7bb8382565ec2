import { PDFDocument } from 'pdf-lib';
import {
  appendUpdate,
  ascii,
  readDictionary,
  readTrailer,
  type Trailer,
} from './incremental-update.js';

export interface MetadataOptions {
  title: string;
  subject: string;
  keywords: readonly string[];
  creationDate: Date;
}

export const PRODUCER = 'Paperasse';

/**
 * Chromium writes its own Producer and no title: a new Info dictionary, and a catalog saying the
 * language is fr-FR and that viewers show the title, let readers, indexers and screen readers see
 * the document for what it is.
 *
 * Both engines' output ends with a classic cross-reference table and a plain catalog: the two
 * objects are appended as an incremental update (microseconds, where pdf-lib's parse and save
 * take ~20 ms). Any other file is rewritten by pdf-lib.
 */
export async function applyMetadata(
  pdf: Uint8Array,
  options: MetadataOptions,
): Promise<Uint8Array> {
  const trailer = readTrailer(pdf);
  const catalog = trailer && updatedCatalog(pdf, trailer);
  if (!trailer || !catalog) return rewriteMetadata(pdf, options);
  const info = { id: trailer.size, body: ascii(infoDictionary(options)) };
  return appendUpdate(pdf, trailer, [catalog, info], { info: `${info.id} 0 R` }).pdf;
}

/**
 * The catalog with /Lang (fr-FR) and viewers told to show the title (Chromium already says so
 * when the page has a <title>). A catalog we cannot amend by simple text is left to pdf-lib.
 */
function updatedCatalog(pdf: Uint8Array, trailer: Trailer) {
  const id = Number(trailer.root.split(/\s+/)[0]);
  const dictionary = readDictionary(pdf, trailer, id);
  if (!dictionary) return undefined;
  const showsTitle = /\/DisplayDocTitle\s+true/.test(dictionary);
  if (!showsTitle && dictionary.includes('/ViewerPreferences')) return undefined;
  const withoutLang = dictionary.replace(/\/Lang\s*\([\w-]*\)/, '');
  if (withoutLang.includes('/Lang')) return undefined;
  const entries = ['/Lang (fr-FR)'];
  if (!showsTitle) entries.push('/ViewerPreferences << /DisplayDocTitle true >>');
  const body = `${withoutLang.slice(0, -2)}\n${entries.join('\n')}\n>>`;
  return { id, body: ascii(body) };
}

function infoDictionary(options: MetadataOptions): string {
  const date = pdfDate(options.creationDate);
  return [
    '<<',
    `/Title ${pdfText(options.title)}`,
    `/Subject ${pdfText(options.subject)}`,
    `/Author ${pdfText(PRODUCER)}`,
    `/Creator ${pdfText(PRODUCER)}`,
    `/Producer ${pdfText(`${PRODUCER} (Chromium, pdf-lib)`)}`,
    `/Keywords ${pdfText(options.keywords.join(' '))}`,
    `/CreationDate ${date}`,
    `/ModDate ${date}`,
    '>>',
  ].join('\n');
}

/** A text string as UTF-16BE with its byte order mark, in hex: any character, no escaping. */
export function pdfText(text: string): string {
  let hex = 'FEFF';
  for (let index = 0; index < text.length; index += 1) {
    hex += text.charCodeAt(index).toString(16).padStart(4, '0').toUpperCase();
  }
  return `<${hex}>`;
}

/** `D:YYYYMMDDHHmmSSZ`, in UTC. */
export function pdfDate(date: Date): string {
  const iso = date.toISOString();
  return `(D:${iso.slice(0, 19).replace(/[-T:]/g, '')}Z)`;
}

async function rewriteMetadata(pdf: Uint8Array, options: MetadataOptions): Promise<Uint8Array> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  document.setTitle(options.title, { showInWindowTitleBar: true });
  document.setSubject(options.subject);
  document.setAuthor(PRODUCER);
  document.setCreator(PRODUCER);
  document.setProducer(`${PRODUCER} (Chromium, pdf-lib)`);
  document.setKeywords([...options.keywords]);
  document.setLanguage('fr-FR');
  document.setCreationDate(options.creationDate);
  document.setModificationDate(options.creationDate);
  // Never rebuild form appearances here: they were drawn with the embedded font.
  return document.save({ updateFieldAppearances: false });
}
