import type { ZodOpenApiPathsObject } from 'zod-openapi';
import type { CatalogEntry } from '../../../core/catalog.js';
import { batchMultipart, schemaRef } from './document-bodies.js';
import { PDF_BODY, pascal, RENDER_CODES } from './document-paths.js';
import { errorResponses } from './problems.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A class at once (batch-router.ts): the rows in, a ZIP or one PDF out; the model sheets. */
export function batchPaths(entry: CatalogEntry, example: unknown): ZodOpenApiPathsObject {
  const { id, title } = entry.document;
  const tags = [id];
  const name = pascal(id);
  const engines = entry.engines.map((engine) => engine.id);
  const template = (format: 'csv' | 'xlsx', type: string) => ({
    get: {
      operationId: `batchTemplate${format === 'csv' ? 'Csv' : 'Xlsx'}${name}`,
      summary: `The model spreadsheet (${format.toUpperCase()}): ${title}`,
      tags,
      responses: {
        '200': {
          description: 'French titles as headers, a `ligne` column and one example row.',
          content: { [type]: { schema: { type: 'string' as const, format: 'binary' } } },
        },
        ...errorResponses(['INTERNAL']),
      },
    },
  });
  return {
    [`/v1/batch/${id}`]: {
      post: {
        operationId: `batch${name}`,
        summary: `A class at once: ${title}`,
        description:
          'Every row is checked before the first byte; a bad row never stops the batch (it is ' +
          'in `rapport.csv`, or on the last pages with `output=pdf`). No valid row: 422 naming ' +
          'each row’s fields (`lignes[3].eleve.nir`).',
        tags,
        parameters: [
          {
            name: 'output',
            in: 'query',
            description: '`zip`: one PDF per valid row and `rapport.csv`; `pdf`: one PDF.',
            schema: { type: 'string', enum: ['zip', 'pdf'], default: 'zip' },
          },
          {
            name: 'engine',
            in: 'query',
            schema: { type: 'string', enum: engines, default: engines[0] },
          },
          {
            name: 'nom',
            in: 'query',
            description:
              'The pattern of the file names in the ZIP, e.g. `{eleve.nomNaissance}-{eleve.prenom}`.',
            schema: { type: 'string', maxLength: 200 },
          },
          {
            name: 'valeurs',
            in: 'query',
            style: 'form',
            explode: true,
            description:
              'Values shared by every row, each named by its path (`signature.date=20/11/2026`), ' +
              'read by the field’s type.',
            schema: { type: 'object', additionalProperties: { type: 'string' } },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { type: 'array', items: { $ref: schemaRef(entry) } },
              ...(example === undefined ? {} : { example: [example] }),
            },
            'multipart/form-data': batchMultipart(entry),
          },
        },
        responses: {
          '200': {
            description: 'The ZIP (streamed while rows render), or with `output=pdf` one PDF.',
            headers: {
              'Content-Disposition': { schema: { type: 'string' } },
              'Paperasse-Batch': {
                description: 'output=pdf: the counts, `rows=30; produced=28; refused=2`.',
                schema: { type: 'string' },
              },
            },
            content: {
              'application/zip': { schema: { type: 'string', format: 'binary' } },
              'application/pdf': PDF_BODY,
            },
          },
          ...errorResponses([...RENDER_CODES, 'SHEET_TOO_COMPLEX']),
        },
      },
    },
    [`/v1/batch/${id}/template.csv`]: template('csv', 'text/csv'),
    [`/v1/batch/${id}/template.xlsx`]: template('xlsx', XLSX),
  };
}
