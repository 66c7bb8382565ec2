import { rgb, type PDFDocument, type PDFFont, type PDFImage } from 'pdf-lib';
import { firstLines, wrapText } from './caption-text.js';
import type { ImageTarget } from '../../uploads/images.js';

/** A4 portrait, in points. */
export const A4: [number, number] = [595.28, 841.89];
const MM = 72 / 25.4;
const MARGIN = 15 * MM;
const CONTENT_WIDTH = A4[0] - 2 * MARGIN;
const TEXT = rgb(0, 0, 0);
const MUTED = rgb(0.35, 0.35, 0.35);

const CAPTION_SIZE = 11;
const CAPTION_LEADING = 14;
/** A caption longer than this is cut with "…": the image keeps most of the page. */
const CAPTION_MAX_LINES = 3;
const CAPTION_GAP = 6 * MM;

/** The box an image page leaves for its image, below a caption of up to three lines. */
export const IMAGE_AREA = {
  widthPt: CONTENT_WIDTH,
  heightPt: A4[1] - 2 * MARGIN - CAPTION_MAX_LINES * CAPTION_LEADING - CAPTION_GAP,
};

/**
 * What to tell normalizeImage for an annex image: its page's image area at 200 dpi, enough to
 * print a scanned page or an identity document legibly (1417 × 1938 px at most).
 */
export const ANNEX_IMAGE_TARGET: ImageTarget = {
  maxWidthPt: IMAGE_AREA.widthPt,
  maxHeightPt: IMAGE_AREA.heightPt,
  dpi: 200,
};

/**
 * One image on its own A4 page: its caption on top, the image below, scaled to fit the rest of
 * the page within the margins without distortion, and centred there.
 */
export function addImagePage(doc: PDFDocument, image: PDFImage, caption: string, font: PDFFont) {
  const page = doc.addPage(A4);
  const fits = (line: string) => font.widthOfTextAtSize(line, CAPTION_SIZE) <= CONTENT_WIDTH;
  const wrapped = wrapText(caption, font, CAPTION_SIZE, CONTENT_WIDTH);
  const lines = firstLines(wrapped, CAPTION_MAX_LINES, fits);
  let baseline = A4[1] - MARGIN - font.heightAtSize(CAPTION_SIZE, { descender: false });
  for (const line of lines) {
    page.drawText(line, { x: MARGIN, y: baseline, size: CAPTION_SIZE, font, color: TEXT });
    baseline -= CAPTION_LEADING;
  }
  const top = A4[1] - MARGIN - lines.length * CAPTION_LEADING - CAPTION_GAP;
  const area = { width: CONTENT_WIDTH, height: top - MARGIN };
  const scale = Math.min(area.width / image.width, area.height / image.height);
  const [width, height] = [image.width * scale, image.height * scale];
  page.drawImage(image, {
    x: MARGIN + (area.width - width) / 2,
    y: MARGIN + (area.height - height) / 2,
    width,
    height,
  });
}

export interface ListEntry {
  caption: string;
  /** 1-based page number of the annex's first page in the merged file. */
  firstPage: number;
}

const TITLE = 'Pièces jointes';
const TITLE_SIZE = 16;
const ENTRY_SIZE = 11;
const ENTRY_LEADING = 14;
const ENTRY_GAP = 6;
const NUMBER_WIDTH = 12 * MM;
const PAGE_WIDTH = 18 * MM;
const ENTRY_TEXT_WIDTH = CONTENT_WIDTH - NUMBER_WIDTH - PAGE_WIDTH;
/** Room below the title and the column headings. */
const LIST_TOP = A4[1] - MARGIN - TITLE_SIZE - 16 * MM;

/** Each entry's caption lines, grouped by list page: known before any page number is. */
export function paginateList(captions: string[], font: PDFFont): string[][][] {
  const pages: string[][][] = [[]];
  let y = LIST_TOP;
  for (const caption of captions) {
    const lines = wrapText(caption || '(sans titre)', font, ENTRY_SIZE, ENTRY_TEXT_WIDTH);
    const height = lines.length * ENTRY_LEADING + ENTRY_GAP;
    if (y - height < MARGIN && (pages.at(-1)?.length ?? 0) > 0) {
      pages.push([]);
      y = LIST_TOP;
    }
    pages.at(-1)?.push(lines);
    y -= height;
  }
  return pages;
}

/**
 * One page of the list of annexes: number, caption and the page where each starts. The list
 * says where to look; the annexes themselves are left exactly as they were sent.
 */
export function addListPage(
  doc: PDFDocument,
  entries: { number: number; lines: string[]; firstPage: number }[],
  options: { font: PDFFont; continued: boolean },
) {
  const { font } = options;
  const page = doc.addPage(A4);
  const title = options.continued ? `${TITLE} (suite)` : TITLE;
  const titleBaseline = A4[1] - MARGIN - TITLE_SIZE;
  page.drawText(title, { x: MARGIN, y: titleBaseline, size: TITLE_SIZE, font, color: TEXT });
  const headings = titleBaseline - 10 * MM;
  const small = { size: 9, font, color: MUTED };
  page.drawText('N°', { x: MARGIN, y: headings, ...small });
  page.drawText('Pièce', { x: MARGIN + NUMBER_WIDTH, y: headings, ...small });
  page.drawText('Page', { x: rightAligned('Page', font, 9), y: headings, ...small });
  let y = LIST_TOP;
  for (const entry of entries) {
    const number = String(entry.number);
    const pageNumber = String(entry.firstPage);
    const text = { size: ENTRY_SIZE, font, color: TEXT };
    page.drawText(number, { x: MARGIN, y, ...text });
    page.drawText(pageNumber, { x: rightAligned(pageNumber, font, ENTRY_SIZE), y, ...text });
    for (const line of entry.lines) {
      page.drawText(line, { x: MARGIN + NUMBER_WIDTH, y, ...text });
      y -= ENTRY_LEADING;
    }
    y -= ENTRY_GAP;
  }
}

function rightAligned(text: string, font: PDFFont, size: number): number {
  return A4[0] - MARGIN - font.widthOfTextAtSize(text, size);
}
