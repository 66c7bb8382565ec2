import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { createDocument, type oas31, type ZodOpenApiPathsObject } from 'zod-openapi';
import type { Catalog } from '../../../core/catalog.js';
import { ERROR_CODES, type ErrorCode } from '../../../core/errors.js';
import { projectRoot } from '../../../paths.js';
import { HTTP_STATUS } from '../statuses.js';
import { securitySchemes, withAccess } from './access.js';
import { batchPaths } from './batch-paths.js';
import { jobPaths, jobsPaths } from './jobs-paths.js';
import { documentPaths } from './document-paths.js';
import { errorResponses, problemExamples } from './problems.js';
import { servicePaths } from './service-paths.js';

export interface SpecOptions {
  catalog: Catalog;
  /** Each document's example request (its sample, samples/<id>.json). */
  examples: ReadonlyMap<string, unknown>;
  /** Whether the app serves POST /v1/batch/{id} (createApp's `batch`). */
  batch: boolean;
  /** Whether it serves POST /v1/jobs/{id} and the job's routes. */
  jobs?: boolean;
}

/**
 * The OpenAPI 3.1 contract, built once at start-up from the catalog: each document's request
 * body is its zod schema (French titles and descriptions included), converted by zod-openapi on
 * zod 4's JSON Schema; nothing here restates what a schema says.
 *
 * Each document has its own paths (`/v1/documents/attestation-hebergement`, not `{id}`), so that
 * a generated client has one typed operation per document; the routes themselves stay generic.
 */
export function buildSpec({ catalog, examples, batch, jobs }: SpecOptions): oas31.OpenAPIObject {
  const entries = catalog.list();
  const paths: ZodOpenApiPathsObject = { ...servicePaths() };
  // Titled as GET …/schema titles it; every body refers to this one instance (a component).
  const schemas = new Map(
    entries.map(({ document }) => [document.id, document.schema.meta({ title: document.title })]),
  );
  for (const entry of entries) {
    const example = examples.get(entry.document.id);
    const schema = schemas.get(entry.document.id) as z.ZodType;
    Object.assign(paths, documentPaths(entry, { schema, example }));
    if (batch) Object.assign(paths, batchPaths(entry, example));
    if (jobs) Object.assign(paths, jobsPaths(entry, example));
  }
  if (jobs) Object.assign(paths, jobPaths());
  const allCodes = Object.keys(ERROR_CODES) as ErrorCode[];
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Paperasse',
      version: packageVersion(),
      description: description(allCodes),
    },
    tags: [
      { name: 'documents', description: 'The documents this service makes.' },
      ...entries.map(({ document }) => ({
        name: document.id,
        description: `${document.title} — ${document.reference.label}`,
      })),
      ...(jobs
        ? [{ name: 'jobs', description: 'Batches run later: a job, its state, its result.' }]
        : []),
      { name: 'pdf', description: 'Any AcroForm PDF: its fields, filled.' },
      { name: 'health', description: 'Liveness and readiness.' },
    ],
    paths: withAccess(paths),
    components: {
      securitySchemes,
      schemas: {
        ...Object.fromEntries(schemas),
      },
      examples: problemExamples(),
      // Every code by its status, for the answers any route may give (404, 405).
      responses: Object.fromEntries(
        Object.entries(errorResponses(allCodes)).map(([status, response]) => [
          `Problem${status}`,
          response,
        ]),
      ),
    },
  });
}

function description(codes: readonly ErrorCode[]): string {
  const rows = codes.map(
    (code) =>
      `| ${HTTP_STATUS[code]} | \`${code}\` | ${ERROR_CODES[code].en} — ${ERROR_CODES[code].fr} |`,
  );
  return [
    'Typed JSON in, filled and print-ready French administrative PDFs out.',
    '',
    'Every error is `application/problem+json` (RFC 9457) with a stable `code`, `detail` in ' +
      'English and `detail_fr` in French; a 422 `VALIDATION_FAILED` names every failing field. ' +
      'An unknown route is a 404 `NOT_FOUND`, an unknown document a 404 `UNKNOWN_DOCUMENT`, a ' +
      'known path with another method a 405 `METHOD_NOT_ALLOWED` (with `Allow`).',
    '',
    '| status | code | title |',
    '| --- | --- | --- |',
    ...rows,
  ].join('\n');
}

function packageVersion(): string {
  const text = readFileSync(join(projectRoot, 'package.json'), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}
