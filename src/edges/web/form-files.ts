import type { FieldIssue } from '../../core/errors.js';
import type { DocumentParts } from '../../core/parts.js';
import { described, type Described, type SummaryItem } from './form-view.js';

/**
 * The form's file inputs: one per image box (signature, stamp) and per supporting document the
 * document declares (core/parts.ts), named as the API's multipart parts so that the same
 * checks apply. None is required: a missing supporting document is a warning, as in the API.
 */
export interface FileFieldView extends Described {
  id: string;
  name: string;
  label: string;
  accept: string;
  /** The name of the file the person sent with the previous post, which a browser never sends again. */
  sent: string;
}

const IMAGE_TYPES = 'image/png,image/jpeg';
const ANNEX_TYPES = 'application/pdf,image/png,image/jpeg';

/**
 * A file input's id. Its own prefix: a part may share its name with a group of the schema (the
 * AT/MP's `signature` image and its `signature` place and date).
 */
export function fileId(part: string): string {
  return `fichier-${part.replace(/\./g, '-')}`;
}

/**
 * The refusals of files (named by their parts, as the API names them) at their inputs and in
 * the summary. Kept apart from the schema's issues, whose paths may spell the same.
 */
export function placeFileIssues(
  issues: readonly FieldIssue[],
  parts: readonly string[],
): { atFiles: Map<string, string>; summary: SummaryItem[] } {
  const atFiles = new Map<string, string>();
  const summary: SummaryItem[] = [];
  for (const issue of issues) {
    if (!parts.includes(issue.path)) continue;
    if (!atFiles.has(issue.path)) atFiles.set(issue.path, issue.message_fr);
    summary.push({ href: `#${fileId(issue.path)}`, message: issue.message_fr });
  }
  return { atFiles, summary };
}

/** Every file part of the document, in the order the API lists them. */
export function filePaths(parts: DocumentParts): string[] {
  return [...parts.images.map((image) => image.part), ...parts.attachments.map((a) => a.part)];
}

export function fileFields(
  parts: DocumentParts,
  errors: ReadonlyMap<string, string>,
  sent: ReadonlyMap<string, string>,
  limitText: string,
): FileFieldView[] {
  const image = `Image PNG ou JPEG de ${limitText} au plus, placée dans son cadre sur le document.`;
  const annex = `PDF, PNG ou JPEG de ${limitText} au plus, ajouté en annexe du document.`;
  return [
    ...parts.images.map((piece) => ({ piece, hint: image, accept: IMAGE_TYPES })),
    ...parts.attachments.map((piece) => ({
      piece,
      hint: piece.always ? annex : `Demandé dans certains cas. ${annex}`,
      accept: ANNEX_TYPES,
    })),
  ].map(({ piece, hint, accept }) => {
    const id = fileId(piece.part);
    const error = errors.get(piece.part) ?? '';
    return {
      id,
      name: piece.part,
      label: piece.label_fr,
      accept,
      ...described(id, hint, error),
      sent: sent.get(piece.part) ?? '',
    };
  });
}
