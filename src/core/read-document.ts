import type { PdfForms } from '../engines/engine.js';
import type { CatalogEntry } from './catalog.js';
import { CoreError, validationFailed, type FieldIssue } from './errors.js';
import { isPlainObject, mergeOver } from './input-tree.js';
import { readForm } from './read-form.js';
import type { SchemaNode } from './schema-node.js';

/** A filled blank form to read back (POST /v1/documents/{id}/read). */
export interface ReadRequest {
  document: string;
  /** The PDF: the document's blank form, filled in a PDF reader or by any program. */
  form: Uint8Array;
  /** Values the form has no box for (an attestation's gratification); the form's win. */
  data?: unknown;
}

export interface ReadBack {
  /** The document's input as read: what a render request takes as `data`. */
  data: Record<string, unknown>;
  warnings: FieldIssue[];
}

/**
 * The form's fields (read off the main thread by `forms`), turned into the document's input by
 * its form reading, merged over `data`, then checked like /validate. Text that cannot be read
 * (a date "31/02") and the rules' refusals come back together in one VALIDATION_FAILED.
 */
export async function readFilledForm(
  entry: CatalogEntry,
  request: ReadRequest,
  deps: { forms: PdfForms; validate(data: unknown): { warnings: FieldIssue[] } },
): Promise<ReadBack> {
  const { document } = entry;
  const reading = document.formReading;
  if (!reading || !entry.engines.some((engine) => engine.capabilities.fillable)) {
    throw new CoreError('ENGINE_UNAVAILABLE', {
      detail_en: `"${document.id}" has no fillable form to read back.`,
      detail_fr: `« ${document.id} » n’a pas de formulaire à remplir à relire.`,
    });
  }
  const given = request.data ?? {};
  if (!isPlainObject(given)) {
    throw new CoreError('INVALID_UPLOAD', {
      detail_en: 'The part "data" must be a JSON object: the values the form has no box for.',
      detail_fr:
        'La partie « data » doit être un objet JSON : les valeurs sans case sur le formulaire.',
    });
  }
  const fields = await deps.forms.fields(request.form);
  const read = readForm(fields, entry.jsonSchema as SchemaNode, reading);
  // Another form than this document's (a few of its names may coincide: signature.date…).
  if (read.known === 0 || read.unknown.length > read.known) throw notThisForm(document.id);
  const data = mergeOver(given, read.input);
  try {
    const { warnings } = deps.validate(data);
    if (read.issues.length > 0) throw validationFailed(read.issues);
    return { data, warnings };
  } catch (error) {
    if (!(error instanceof CoreError) || error.code !== 'VALIDATION_FAILED') throw error;
    throw validationFailed(together(read.issues, error.errors ?? []));
  }
}

/** The reading's issues, then the rules' on other fields (an unreadable date is also "missing"). */
function together(reading: readonly FieldIssue[], rules: readonly FieldIssue[]): FieldIssue[] {
  const unread = new Set(reading.map((issue) => issue.path));
  return [...reading, ...rules.filter((issue) => !unread.has(issue.path))];
}

function notThisForm(id: string): CoreError {
  return new CoreError('INVALID_UPLOAD', {
    detail_en: `This PDF is not the blank form of "${id}" (GET /v1/documents/${id}/blank): its fields are not the form's.`,
    detail_fr: `Ce PDF n’est pas le formulaire vierge de « ${id} » (GET /v1/documents/${id}/blank) : ses champs ne sont pas ceux du formulaire.`,
  });
}
