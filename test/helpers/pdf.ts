import { execFileSync } from 'node:child_process';
import { PDFDocument, PDFName, PDFString, PDFHexString } from 'pdf-lib';

/** The PDF's text as poppler reads it: what a person or an indexer would find in it. */
export function pdfText(pdf: Uint8Array): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf, encoding: 'utf8' });
}

/** A page as `pdftotext -layout` sets it out: a table row stays on one line, spaces collapsed. */
export function layoutLines(pdf: Uint8Array, page: number): string[] {
  const text = execFileSync('pdftotext', ['-layout', '-f', `${page}`, '-l', `${page}`, '-', '-'], {
    input: pdf,
    encoding: 'utf8',
  });
  return text.split('\n').map((line) => line.replace(/\s+/g, ' ').trim());
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
}

/** `pdffonts` output, one entry per font: tells whether each is embedded. */
export function pdfFonts(pdf: Uint8Array): PdfFont[] {
  const output = execFileSync('pdffonts', ['-'], { input: pdf, encoding: 'utf8' });
  return output
    .split('\n')
    .slice(2)
    .filter((line) => line.trim())
    .map((line) => {
      const columns = line.trim().split(/\s+/);
      // name type [type2] encoding emb sub uni object ID: emb is the 5th column from the end.
      const emb = columns[columns.length - 5];
      return { name: columns[0] ?? '', type: columns[1] ?? '', embedded: emb === 'yes' };
    });
}

export interface PdfInfo {
  pages: number;
  title?: string;
  author?: string;
  subject?: string;
  keywords?: string;
  creator?: string;
  language?: string;
  creationDate?: Date;
}

export async function pdfInfo(pdf: Uint8Array): Promise<PdfInfo> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  const lang = document.catalog.lookup(PDFName.of('Lang'));
  return {
    pages: document.getPageCount(),
    title: document.getTitle(),
    author: document.getAuthor(),
    subject: document.getSubject(),
    keywords: document.getKeywords(),
    creator: document.getCreator(),
    language:
      lang instanceof PDFString || lang instanceof PDFHexString ? lang.decodeText() : undefined,
    creationDate: document.getCreationDate(),
  };
}

/** Compare text regardless of line breaks, spacing and case (a value may wrap or be upper-cased). */
export function squash(text: string): string {
  return text.replace(/\s+/g, '').toLocaleUpperCase('fr-FR');
}
