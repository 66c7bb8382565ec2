/**
 * The files a request brings besides its data (multipart; see src/http/document-parts.ts), as
 * received: nothing here is trusted yet. prepare-files.ts checks and converts them.
 */
export interface RequestFiles {
  /**
   * The request came as multipart: the caller is assembling the document with its files, so a
   * supporting document the form asks for and that is missing is worth a warning. A JSON body
   * cannot carry files, and gets none.
   */
  multipart: boolean;
  /** engine=official: the official fillable PDF. */
  official?: Uint8Array;
  /** Images for the document's image boxes, by part name (= box name). */
  images: { part: string; bytes: Uint8Array }[];
  /** Annexes, in the order sent: the declared ones (with `name`) first, then the others. */
  attachments: { part: string; name?: string; caption: string; bytes: Uint8Array }[];
}

export const NO_FILES: RequestFiles = { multipart: false, images: [], attachments: [] };
