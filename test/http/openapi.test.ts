import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '../../src/core/errors.js';
import { HTTP_STATUS } from '../../src/edges/http/statuses.js';
import { projectRoot } from '../../src/paths.js';
import { useRuntime } from '../helpers/app.js';
import { asBytes } from '../helpers/http.js';
import {
  concretePath,
  dereferenced,
  expressPattern,
  fetchSpec,
  HTTP_METHODS,
  jsonSchemaCheck,
  servedRoutes,
  type Spec,
} from '../helpers/openapi.js';
import { pdfInfo, pdfText, squash } from '../helpers/pdf.js';

/**
 * The contract (GET /openapi.json) against the real application: a valid OpenAPI 3.1 document,
 * the samples valid against it, every route in it and every path of it served, and a request
 * made from it rendering a document.
 */
const runtime = useRuntime();
let spec: Spec;
let resolved: Spec;
beforeAll(async () => {
  spec = await fetchSpec(runtime.app);
  resolved = await dereferenced(spec);
});

const entries = () => runtime.core.catalog.list();
const sample = (id: string): unknown =>
  JSON.parse(readFileSync(join(projectRoot, 'samples', `${id}.json`), 'utf8'));
const jsonBodySchema = (path: string): unknown =>
  resolved.paths[path]?.post?.requestBody?.content['application/json']?.schema;
const responseSchema = (path: string, method: string, status: string, type: string): unknown =>
  resolved.paths[path]?.[method]?.responses[status]?.content?.[type]?.schema;

function without(object: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key)));
}

/**
 * Served, but not in the contract: pages for people (HTML, French, CSRF-protected forms, which no
 * generated client should call), their assets, and the contract's own page. /livez, /healthz and
 * /readyz are in it; /metrics is for the platform's scraper, not for clients.
 */
const NOT_IN_THE_CONTRACT: readonly { pattern: RegExp; why: string }[] = [
  { pattern: /^\/$/, why: 'the home page (HTML)' },
  { pattern: /^\/formulaire\//, why: 'the documents’ forms and their checks (HTML)' },
  { pattern: /^\/classe\//, why: 'the class pages (HTML)' },
  { pattern: /^\/attestation-accueil$/, why: 'the attestation d’accueil page (HTML)' },
  { pattern: /^\/static\//, why: 'the pages’ stylesheet and script' },
  { pattern: /^\/docs(\/|$)/, why: 'this contract’s page and its assets' },
  { pattern: /^\/openapi\.json$/, why: 'the contract itself' },
  { pattern: /^\/metrics$/, why: 'operations: scraped by the platform' },
];
const excluded = (path: string) => NOT_IN_THE_CONTRACT.some(({ pattern }) => pattern.test(path));

describe('GET /openapi.json', () => {
  it('is an OpenAPI 3.1 document the validator accepts', async () => {
    const response = await request(runtime.app).get('/openapi.json');
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    // The same for every caller, changed only by a deployment: caches may keep it a while.
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    expect(spec.openapi).toBe('3.1.0');
    // dereferenced() has validated it; a broken document is refused by the same validator.
    const { Validator } = await import('@seriousme/openapi-schema-validator');
    const broken = await new Validator().validate({ ...spec, paths: { x: 1 } } as never);
    expect(broken.valid).toBe(false);
  });

  it('says each document’s JSON as GET …/schema does, French titles and descriptions included', async () => {
    for (const { document } of entries()) {
      const schema = await request(runtime.app).get(`/v1/documents/${document.id}/schema`);
      const served = without(JSON.parse(schema.text) as Record<string, unknown>, '$schema', '$id');
      expect(spec.components.schemas[document.id], document.id).toEqual(served);
      expect(jsonBodySchema(`/v1/documents/${document.id}`)).toEqual(served);
    }
    expect(JSON.stringify(spec.components.schemas['attestation-hebergement'])).toContain(
      '"title":"Date de naissance"',
    );
  });

  it('accepts every sample against its request bodies, and refuses one missing a required field', () => {
    for (const { document } of entries()) {
      const check = jsonSchemaCheck(jsonBodySchema(`/v1/documents/${document.id}`));
      const data = sample(document.id) as Record<string, unknown>;
      expect(check(data), document.id).toEqual([]);
      const batch = jsonSchemaCheck(jsonBodySchema(`/v1/batch/${document.id}`));
      expect(batch([data, data]), document.id).toEqual([]);
      const example = spec.paths[`/v1/documents/${document.id}`]?.post?.requestBody?.content;
      expect(example?.['application/json']?.example, document.id).toEqual(data);
      const [required] = (spec.components.schemas[document.id] as { required: string[] }).required;
      const incomplete = without(data, required as string);
      expect(check(incomplete).join(), document.id).toContain(`'${required}'`);
    }
  });

  it('shows every error code with its status and a problem+json body as the service sends it', async () => {
    const problem = jsonSchemaCheck(resolved.components.schemas.Problem);
    for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
      const example = spec.components.examples[code]?.value as { status: number; code: string };
      expect(example, code).toMatchObject({ status: HTTP_STATUS[code], code });
      expect(problem(example), code).toEqual([]);
      expect(JSON.stringify(spec)).toContain(`"$ref":"#/components/examples/${code}"`);
    }
    const refused = await request(runtime.app)
      .post('/v1/documents/attestation-hebergement/validate')
      .send({ hebergeant: {} });
    expect(refused.status).toBe(422);
    expect(problem(refused.body)).toEqual([]);
    const documented = responseSchema(
      '/v1/documents/attestation-hebergement/validate',
      'post',
      '422',
      'application/problem+json',
    );
    expect(documented).toEqual(resolved.components.schemas.Problem);
    expect(problem({ ...refused.body, code: 'NOT_A_CODE' })).not.toEqual([]);
  });

  it('describes the JSON answers the routes really give', async () => {
    const list = await request(runtime.app).get('/v1/documents');
    const listSchema = responseSchema('/v1/documents', 'get', '200', 'application/json');
    expect(jsonSchemaCheck(listSchema)(list.body)).toEqual([]);
    const path = '/v1/documents/convention-au-pair/validate';
    const valid = await request(runtime.app)
      .post(path)
      .send(sample('convention-au-pair') as object);
    expect(valid.status).toBe(200);
    const validSchema = responseSchema(path, 'post', '200', 'application/json');
    expect(jsonSchemaCheck(validSchema)(valid.body)).toEqual([]);
    expect(jsonSchemaCheck(validSchema)({ valid: false, warnings: [] })).not.toEqual([]);

    const form = readFileSync(join(projectRoot, 'examples', 'form.pdf'));
    const fields = await request(runtime.app)
      .post('/v1/pdf/fields')
      .attach('file', form, 'form.pdf');
    expect(fields.status).toBe(200);
    const fieldsSchema = responseSchema('/v1/pdf/fields', 'post', '200', 'application/json');
    expect(jsonSchemaCheck(fieldsSchema)(fields.body)).toEqual([]);
  });

  it('describes the warnings header as it is sent', async () => {
    // Multipart without the supporting documents: ATTACHMENT_MISSING, in the header too.
    const path = '/v1/documents/attestation-hebergement/validate';
    const answer = await request(runtime.app)
      .post(path)
      .field('data', JSON.stringify(sample('attestation-hebergement')));
    const header = answer.headers['paperasse-warnings'] as string;
    expect(header).toContain('ATTACHMENT_MISSING');
    const described = resolved.paths[path]?.post?.responses['200'] as unknown as {
      headers: Record<string, { schema: { contentSchema: unknown } }>;
    };
    const check = jsonSchemaCheck(described.headers['Paperasse-Warnings']?.schema.contentSchema);
    expect(check(JSON.parse(header))).toEqual([]);
    expect(check([{ code: 'X' }])).not.toEqual([]);
  });
});

describe('the contract and the routes', () => {
  it('lists every route the app serves (but the pages for people), and serves every path it lists', () => {
    const routes = servedRoutes(runtime.app);
    expect(routes.length).toBeGreaterThan(10);
    expect(routes).toContainEqual({ method: 'post', path: '/v1/documents/:id' });
    const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
      HTTP_METHODS.filter((method) => item[method]).map((method) => ({ method, path })),
    );
    const unlisted = routes.filter(
      (route) =>
        !excluded(route.path) &&
        !operations.some(
          (operation) =>
            operation.method === route.method &&
            expressPattern(route.path).test(concretePath(operation.path)),
        ),
    );
    expect(unlisted).toEqual([]);
    const unserved = operations.filter(
      (operation) =>
        !routes.some(
          (route) =>
            route.method === operation.method &&
            expressPattern(route.path).test(concretePath(operation.path)),
        ),
    );
    expect(unserved).toEqual([]);
    // Each exclusion is a page or a file, never an API route.
    expect(routes.filter((route) => excluded(route.path) && route.path.startsWith('/v1/'))).toEqual(
      [],
    );
  });

  it('renders each document from the request its spec example makes', async () => {
    for (const { document } of entries()) {
      const path = `/v1/documents/${document.id}`;
      const body = spec.paths[path]?.post?.requestBody?.content['application/json']?.example;
      const response = await asBytes(
        request(runtime.app)
          .post(path)
          .send(body as object),
      );
      expect(response.status, document.id).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      const pdf = new Uint8Array(response.body as Buffer);
      expect((await pdfInfo(pdf)).title).toBe(document.metadata(body).title);
      const firstName = JSON.stringify(body).match(/"prenom":"([^"]+)"/)?.[1] ?? '';
      expect(squash(pdfText(pdf)), document.id).toContain(squash(firstName));
    }
  }, 60_000);
});

describe('access in the contract', () => {
  it('offers the API key schemes on every POST under /v1, none needed when no key is set', () => {
    const schemes = (spec as unknown as { components: { securitySchemes: object } }).components
      .securitySchemes;
    expect(schemes).toMatchObject({
      bearer: { type: 'http', scheme: 'bearer' },
      apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
    });
    for (const [path, item] of Object.entries(resolved.paths)) {
      const post = (item as { post?: { security?: unknown; responses: object } }).post;
      if (!path.startsWith('/v1/') || !post) continue;
      expect(post.security, path).toEqual([{}, { bearer: [] }, { apiKey: [] }]);
      expect(Object.keys(post.responses), path).toEqual(expect.arrayContaining(['401', '429']));
    }
  });

  it('takes Idempotency-Key on the routes that render, with their 409 and 422', () => {
    const id = entries()[0]?.document.id as string;
    for (const path of [`/v1/documents/${id}`, `/v1/batch/${id}`]) {
      const post = resolved.paths[path]?.post as unknown as {
        parameters: { name: string; in: string }[];
        responses: Record<string, { description: string }>;
      };
      expect(
        post.parameters.map((parameter) => parameter.name),
        path,
      ).toContain('Idempotency-Key');
      expect(post.responses['409']?.description, path).toContain('IDEMPOTENCY_IN_PROGRESS');
      expect(post.responses['422']?.description, path).toContain('IDEMPOTENCY_KEY_REUSED');
    }
    const validate = resolved.paths[`/v1/documents/${id}/validate`]?.post as unknown as {
      parameters?: { name: string }[];
    };
    expect((validate.parameters ?? []).map((parameter) => parameter.name)).not.toContain(
      'Idempotency-Key',
    );
  });
});
