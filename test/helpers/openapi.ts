import { createRequire } from 'node:module';
import type { Express } from 'express';
import request from 'supertest';
import { expect } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';

/** The parts of an OpenAPI document the tests read. */
export interface Spec {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; examples: Record<string, { value: unknown }> };
}
export interface Operation {
  operationId: string;
  requestBody?: { content: Record<string, { schema: unknown; example?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export async function fetchSpec(app: Express): Promise<Spec> {
  const response = await request(app).get('/openapi.json');
  expect(response.status).toBe(200);
  return response.body as Spec;
}

/** The spec with every $ref replaced by what it points to (the validator's own resolver). */
export async function dereferenced(spec: Spec): Promise<Spec> {
  const validator = new Validator();
  const result = await validator.validate(structuredClone(spec) as never);
  expect(result.errors).toBeUndefined();
  return validator.resolveRefs() as unknown as Spec;
}

/**
 * A JSON Schema 2020-12 validator: Ajv 8, the one the OpenAPI validator is built on (resolved
 * through it, as the project does not depend on Ajv itself). The documents' own formats are
 * checked as the service reads them: dates AAAA-MM-JJ, countries by ISO code.
 */
export function jsonSchemaCheck(schema: unknown): (value: unknown) => string[] {
  const fromValidator = createRequire(
    createRequire(import.meta.url).resolve('@seriousme/openapi-schema-validator'),
  );
  type AjvLike = {
    compile(schema: unknown): ((value: unknown) => boolean) & {
      errors?: { instancePath: string; message?: string }[] | null;
    };
  };
  const Ajv2020 = (fromValidator('ajv/dist/2020.js') as { default: new (o: object) => AjvLike })
    .default;
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    formats: {
      date: /^\d{4}-\d{2}-\d{2}$/,
      'country-code': /^[A-Z]{2}$/,
      binary: true,
    },
  });
  const validate = ajv.compile(schema);
  return (value) =>
    validate(value)
      ? []
      : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

/** A route the app answers (not a 405 catch-all): its method and Express path. */
export interface ServedRoute {
  method: string;
  path: string;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  rawPath?: string;
}

/**
 * Every route of the app, read from Express's router stack (mounted routers included), so that
 * routes added later are found without a list to update. `router.all` answers (405) are left out.
 */
export function servedRoutes(app: Express): ServedRoute[] {
  const root = (app as unknown as { router: { stack: Layer[] } }).router;
  return walk(root.stack, '');
}

function walk(stack: readonly Layer[], prefix: string): ServedRoute[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      // A router's own '/' under its mount point: `/v1/documents/` is `/v1/documents`.
      const path = (prefix + layer.route.path).replace(/(.)\/$/, '$1');
      return Object.keys(layer.route.methods)
        .filter((method) => method !== '_all')
        .map((method) => ({ method, path }));
    }
    if (layer.handle?.stack) {
      const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      return walk(layer.handle.stack, prefix + mount);
    }
    return [];
  });
}

/** An Express path as a regular expression over concrete paths (`:id` is one segment). */
export function expressPattern(path: string): RegExp {
  const source = path
    .split(/(:\w+)/)
    .map((piece) =>
      piece.startsWith(':') ? '[^/]+' : piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`);
}

/** A spec path made concrete (`{id}` → `id`), to be matched against the app's routes. */
export function concretePath(specPath: string): string {
  return specPath.replace(/\{(\w+)\}/g, '$1');
}
