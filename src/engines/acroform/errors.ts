import type { PdfLimit } from '../../pdf/untrusted/limits.js';

/** Why an uploaded file cannot be read as a fillable form. */
export type PdfRefusal =
  'not-a-pdf' | 'encrypted' | 'unreadable' | 'xfa-only' | 'no-form' | 'too-complex';

/** The file is not a form this engine can read or fill; `reason` says which case. */
export class UnsupportedPdfError extends Error {
  readonly reason: PdfRefusal;
  /** too-complex: which reading limit the file crossed. */
  readonly limit?: PdfLimit;

  constructor(
    reason: PdfRefusal,
    message: string,
    options?: { cause?: unknown; limit?: PdfLimit },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UnsupportedPdfError';
    this.reason = reason;
    if (options?.limit !== undefined) this.limit = options.limit;
  }
}

/** One problem with one value sent to fill a form, named by the field's full name. */
export interface FillIssue {
  field: string;
  code: string;
  message_fr: string;
  message_en: string;
}

/** Every problem with the values, found before any field is touched. */
export class FormValuesError extends Error {
  readonly issues: FillIssue[];

  constructor(issues: FillIssue[]) {
    super(`Invalid form values: ${[...new Set(issues.map((issue) => issue.field))].join(', ')}`);
    this.name = 'FormValuesError';
    this.issues = issues;
  }
}
