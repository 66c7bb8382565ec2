import type { RasterImage } from '../engines/raster-image.js';
import { CoreError, type FieldIssue } from './errors.js';
import { UploadError } from '../uploads/errors.js';
import { ANNEX_IMAGE_TARGET } from '../pdf/annexes/annex-pages.js';
import { normalizeImage, type ImageTarget } from '../uploads/images.js';
import type { AnnexInput, AnnexWorkers } from '../pdf/untrusted/annex-workers.js';
import { sniffKind } from '../uploads/sniff.js';
import type { DocumentParts } from './parts.js';
import type { RequestFiles } from './render-request.js';

/** The request's files once checked and converted: what the engines and the assembly take. */
export interface PreparedFiles {
  /** Box name → image. */
  images: Map<string, RasterImage>;
  annexes: AnnexInput[];
  /** What was removed from annexed PDFs (JavaScript, actions…), per part. */
  stripped: { part: string; removed: string[] }[];
}

/** Images placed in a box: at most 120 × 60 mm at 300 dpi (a signature or a stamp). */
const BOX_IMAGE = { maxWidthPt: 340, maxHeightPt: 170, dpi: 300 };

/**
 * Every file is judged by its content (magic bytes, then a full decode), never by its name or
 * declared type. A failure is an UploadError naming the part.
 */
export async function prepareFiles(
  files: RequestFiles,
  limits: { maxAnnexPages: number },
  workers: Pick<AnnexWorkers, 'read'>,
): Promise<PreparedFiles> {
  const images = new Map<string, RasterImage>();
  for (const { part, bytes } of files.images) {
    images.set(part, await named(part, () => readImage(bytes, BOX_IMAGE)));
  }
  const annexes: AnnexInput[] = [];
  const stripped: PreparedFiles['stripped'] = [];
  let pages = 0;
  for (const { part, caption, bytes } of files.attachments) {
    const kind = sniffKind(bytes);
    if (kind === 'pdf') {
      // Off the main thread, under the reading limits (src/pdf/untrusted/).
      const pdf = await named(part, () => workers.read(bytes));
      if (pdf.removed.length > 0) stripped.push({ part, removed: pdf.removed });
      annexes.push({ caption, kind: 'pdf', pdf: pdf.bytes, pageCount: pdf.pageCount });
      pages += pdf.pageCount;
    } else {
      const image = await named(part, () => readImage(bytes, ANNEX_IMAGE_TARGET));
      annexes.push({ caption, kind: 'image', image });
      pages += 1;
    }
    // Counted as they come, so that /validate refuses too many pages as the render would, and
    // before anything is printed.
    if (pages > limits.maxAnnexPages) {
      throw new CoreError('TOO_MANY_PAGES', {
        detail_en: `With "${part}" the annexes come to ${pages} pages; at most ${limits.maxAnnexPages} (ANNEX_PAGE_LIMIT).`,
        detail_fr: `Avec « ${part} » les annexes font ${pages} pages ; ${limits.maxAnnexPages} au plus (ANNEX_PAGE_LIMIT).`,
      });
    }
  }
  return { images, annexes, stripped };
}

function readImage(bytes: Uint8Array, fit: ImageTarget): Promise<RasterImage> {
  const kind = sniffKind(bytes);
  if (kind === 'pdf' && fit === BOX_IMAGE) {
    throw new UploadError('not-an-image', 'A PDF where an image box takes a PNG or a JPEG');
  }
  if (kind !== 'png' && kind !== 'jpeg') {
    throw new UploadError('unsupported-type', 'Not a PNG, a JPEG or a PDF');
  }
  return normalizeImage(bytes, fit);
}

async function named<T>(part: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UploadError) error.part = part;
    throw error;
  }
}

/**
 * A warning for each supporting document the form asks for and a multipart request does not
 * bring. (GET /v1/documents lists them for callers who send JSON.)
 */
export function missingAttachments(
  parts: DocumentParts,
  input: unknown,
  files: RequestFiles,
): FieldIssue[] {
  if (!files.assembling) return [];
  const sent = new Set(files.attachments.map((attachment) => attachment.name));
  return parts.attachments
    .filter((expected) => !sent.has(expected.name) && (expected.when?.(input) ?? true))
    .map((expected) => ({
      path: expected.part,
      code: 'ATTACHMENT_MISSING',
      message_fr: `Pièce à joindre absente : ${expected.label_fr}.`,
      message_en: `Missing supporting document: ${expected.label_en}.`,
    }));
}

/** What was removed from an annexed PDF (JavaScript, actions, form fields) is said, not hidden. */
export function strippedWarnings(files: PreparedFiles): FieldIssue[] {
  return files.stripped.map(({ part, removed }) => ({
    path: part,
    code: 'ACTIVE_CONTENT_REMOVED',
    message_fr: `Retiré de l’annexe avant de la joindre : ${removed.map(inFrench).join(', ')}.`,
    message_en: `Removed from the annex before appending it: ${removed.join(', ')}.`,
  }));
}

/** The labels of src/uploads/active-content.ts, in French. */
function inFrench(label: string): string {
  const fixed: Record<string, string> = {
    'form fields (flattened)': 'champs de formulaire (aplatis)',
    OpenAction: 'action à l’ouverture (OpenAction)',
    'additional actions (AA)': 'actions automatiques (AA)',
    JavaScript: 'JavaScript',
    'embedded files': 'fichiers incorporés',
  };
  return (
    fixed[label] ??
    label.replace(/^(\w+) actions$/, 'actions $1').replace(/^(\w+) annotations$/, 'annotations $1')
  );
}
