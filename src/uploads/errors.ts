import type { PdfLimit } from '../pdf/untrusted/limits.js';

/**
 * Why an uploaded file was refused. The HTTP layer maps each reason to a status and a message
 * in both languages, naming the part the file came in.
 * - unsupported-type: the bytes are not a PNG, a JPEG or a PDF (whatever the name or type says)
 * - not-an-image: a PDF sent where an image box takes a PNG or a JPEG
 * - undecodable: an image that does not decode completely (truncated, corrupt)
 * - too-many-pixels: an image whose header announces more pixels than we decode (a bomb)
 * - encrypted: a PDF we cannot read without its password
 * - unreadable: a damaged or truncated PDF, or one without a page
 * - too-many-pages: the annexes together have more pages than allowed
 * - too-complex: a PDF that crosses one of the reading limits (`limit` says which)
 */
export type UploadRefusal =
  | 'unsupported-type'
  | 'not-an-image'
  | 'undecodable'
  | 'too-many-pixels'
  | 'encrypted'
  | 'unreadable'
  | 'too-many-pages'
  | 'too-complex';

export class UploadError extends Error {
  readonly reason: UploadRefusal;
  /** The multipart part the file came in (`signature`, `attachments`…), when known. */
  part?: string;
  /** too-complex: which reading limit the PDF crossed. */
  readonly limit?: PdfLimit;

  constructor(
    reason: UploadRefusal,
    message: string,
    options?: { part?: string; cause?: unknown; limit?: PdfLimit },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UploadError';
    this.reason = reason;
    if (options?.part !== undefined) this.part = options.part;
    if (options?.limit !== undefined) this.limit = options.limit;
  }
}
