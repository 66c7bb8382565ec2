import type { oas31 } from 'zod-openapi';
import type { CatalogEntry } from '../../../core/catalog.js';
import { ATTACHMENTS_PART, CAPTIONS_PART, DATA_PART, FORM_PART } from '../../../core/parts.js';
import { COMMON_PART, SHEET_PART } from '../batch-input.js';

/**
 * The multipart forms of a document, generated from its parts (core/parts.ts): `data` holds the
 * document's JSON (the same schema as the JSON body), each image box and supporting document is
 * a file part named as `GET /v1/documents` lists it.
 */
type Schema = oas31.SchemaObject;

export const IMAGE_TYPES = 'image/png, image/jpeg';
export const ANNEX_TYPES = 'application/pdf, image/png, image/jpeg';

/** A file part: swagger-ui and generators read `format: binary`, JSON Schema 2020 the rest. */
export function filePart(description: string): Schema {
  return {
    type: 'string',
    format: 'binary',
    contentMediaType: 'application/octet-stream',
    description,
  };
}

/** A text part holding JSON that the schema at `ref` describes. */
export function jsonPart(ref: string, description: string): Schema {
  // contentSchema is JSON Schema 2020-12 (OpenAPI 3.1), which zod-openapi's types do not list.
  const part = {
    type: 'string',
    contentMediaType: 'application/json',
    contentSchema: { $ref: ref },
  };
  return { ...(part as Schema), description };
}

export function schemaRef(entry: CatalogEntry): string {
  return `#/components/schemas/${entry.document.id}`;
}

/** Image boxes first, then the supporting documents the form asks for, as files. */
function declaredFiles(entry: CatalogEntry): Record<string, Schema> {
  const { images, attachments } = entry.parts;
  return Object.fromEntries([
    ...images.map(({ part, label_fr, label_en }) => [
      part,
      filePart(`${label_fr} (${label_en}): PNG or JPEG, placed in its box.`),
    ]),
    ...attachments.map(({ part, label_fr, label_en, always }) => [
      part,
      filePart(
        `${label_fr} (${label_en}): PDF, PNG or JPEG, appended after the document` +
          (always ? '.' : '; asked for only in some cases.'),
      ),
    ]),
  ]);
}

/** POST /v1/documents/{id} and …/validate as multipart/form-data. */
export function documentMultipart(entry: CatalogEntry): oas31.MediaTypeObject {
  const takesForm = entry.engines.some((engine) => engine.capabilities.uploadedForm);
  const files = declaredFiles(entry);
  return {
    schema: {
      type: 'object',
      required: [DATA_PART],
      properties: {
        [DATA_PART]: jsonPart(
          schemaRef(entry),
          'The document’s JSON, as the JSON body: a text part, or a file (`-F data=@payload.json`).',
        ),
        ...files,
        [ATTACHMENTS_PART]: {
          type: 'array',
          items: filePart('Any other annex: PDF, PNG or JPEG, appended in the order sent.'),
        },
        [CAPTIONS_PART]: {
          type: 'array',
          items: { type: 'string' },
          description: 'The captions of the `attachments`, in order (default "Pièce jointe n").',
        },
        ...(takesForm
          ? { [FORM_PART]: filePart('The official PDF to fill (engine=official only).') }
          : {}),
      },
    },
    encoding: {
      [DATA_PART]: { contentType: 'application/json, text/plain' },
      [ATTACHMENTS_PART]: { contentType: ANNEX_TYPES },
      ...Object.fromEntries(
        entry.parts.images.map(({ part }) => [part, { contentType: IMAGE_TYPES }]),
      ),
      ...Object.fromEntries(
        entry.parts.attachments.map(({ part }) => [part, { contentType: ANNEX_TYPES }]),
      ),
      ...(takesForm ? { [FORM_PART]: { contentType: 'application/pdf' } } : {}),
    },
  };
}

/** POST /v1/documents/{id}/read: the filled blank form, and the values without a box. */
export function readMultipart(entry: CatalogEntry): oas31.MediaTypeObject {
  return {
    schema: {
      type: 'object',
      required: [FORM_PART],
      properties: {
        [FORM_PART]: filePart('The blank form (GET …/blank) once filled, as a PDF.'),
        [DATA_PART]: jsonPart(
          schemaRef(entry),
          'Values the form has no box for, as part of the document’s JSON (optional).',
        ),
      },
    },
    encoding: { [FORM_PART]: { contentType: 'application/pdf' } },
  };
}

/** POST /v1/batch/{id} as multipart: the class's spreadsheet, shared values, shared images. */
export function batchMultipart(entry: CatalogEntry): oas31.MediaTypeObject {
  const images = Object.fromEntries(
    entry.parts.images.map(({ part, label_fr, label_en }) => [
      part,
      filePart(`${label_fr} (${label_en}): PNG or JPEG, placed on every document.`),
    ]),
  );
  return {
    schema: {
      type: 'object',
      required: [SHEET_PART],
      properties: {
        [SHEET_PART]: filePart(
          'The class: CSV (UTF-8 or Windows-1252, `;` or `,`) or XLSX, one row per document; ' +
            'columns named by path or by French title (GET …/template.csv).',
        ),
        [COMMON_PART]: {
          type: 'string',
          contentMediaType: 'application/json',
          description: 'Values shared by every row (JSON object), under each row’s own cells.',
        },
        ...images,
      },
    },
    encoding: {
      [SHEET_PART]: {
        contentType: 'text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
      ...Object.fromEntries(
        entry.parts.images.map(({ part }) => [part, { contentType: IMAGE_TYPES }]),
      ),
    },
  };
}
