import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { A4 } from './annexes/annex-pages.js';
import { printableCaption, wrapText } from './annexes/caption-text.js';

/**
 * One PDF out of many (a batch's `output=pdf`, to print a class in one go): each document's pages
 * copied in order, then the batch's report on pages of its own. The documents are our own renders
 * (flattened: no form fields to collide); the merged file is built in memory, one copy of it.
 */
export interface PdfMerge {
  /** Appends a document's pages; answers the 1-based page its first page became. */
  add(pdf: Uint8Array): Promise<number>;
  /** The merged PDF, the report's lines printed last under its title. */
  finish(report: { title: string; lines: readonly string[] }): Promise<Uint8Array>;
}

const MM = 72 / 25.4;
const MARGIN = 15 * MM;
const TITLE_SIZE = 14;
const LINE_SIZE = 9;
const LEADING = 12;

export async function startMerge(options: { font: Uint8Array; title: string }): Promise<PdfMerge> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(options.title, { showInWindowTitleBar: true });
  doc.setLanguage('fr-FR');
  let font: PDFFont | undefined;
  return {
    async add(pdf) {
      const first = doc.getPageCount() + 1;
      const source = await PDFDocument.load(pdf, { updateMetadata: false });
      const pages = await doc.copyPages(source, source.getPageIndices());
      for (const page of pages) doc.addPage(page);
      return first;
    },
    async finish(report) {
      font ??= await doc.embedFont(options.font, { subset: true });
      addReportPages(doc, font, report);
      return doc.save();
    },
  };
}

/** The report, wrapped to the page's width, on as many pages as it takes. */
function addReportPages(
  doc: PDFDocument,
  font: PDFFont,
  report: { title: string; lines: readonly string[] },
): void {
  const width = A4[0] - 2 * MARGIN;
  const newPage = (): { page: PDFPage; y: number } => {
    const page = doc.addPage(A4);
    const y = A4[1] - MARGIN - TITLE_SIZE;
    page.drawText(printableCaption(report.title, font), { x: MARGIN, y, size: TITLE_SIZE, font });
    return { page, y: y - 2 * LEADING };
  };
  let { page, y } = newPage();
  for (const line of report.lines) {
    for (const part of wrapText(printableCaption(line, font), font, LINE_SIZE, width)) {
      if (y < MARGIN) ({ page, y } = newPage());
      page.drawText(part, { x: MARGIN, y, size: LINE_SIZE, font, color: rgb(0, 0, 0) });
      y -= LEADING;
    }
    y -= LEADING / 3;
  }
}
