import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Router, type Response } from 'express';
import type { Catalog } from '../../../core/catalog.js';
import { documentExamples } from '../../batch/examples.js';
import { methodNotAllowed } from '../method-not-allowed.js';
import {
  DOCS_ASSETS,
  DOCS_CONTENT_SECURITY_POLICY,
  DOCS_HTML,
  DOCS_INIT_JS,
  DOCS_PATH,
  SPEC_PATH,
} from './docs-page.js';
import { buildSpec } from './spec.js';

export interface ContractRouterOptions {
  catalog: Catalog;
  /** Whether the app serves the batch routes, so that the contract lists them. */
  batch: boolean;
  /** Whether the app serves the jobs' routes (POST /v1/jobs/{id} and the job's own). */
  jobs?: boolean;
}

/** GET /openapi.json (built once, now: a schema that cannot be said fails the start-up) and /docs. */
export function contractRouter({ catalog, batch, jobs }: ContractRouterOptions): Router {
  const spec = specText(catalog, { batch, jobs: jobs ?? false });
  const assets = swaggerUiDist();
  const router = Router();

  router.get(SPEC_PATH, (_req, res) => {
    // The same for every caller, changed only by a deployment (as GET /v1/documents).
    res.set('Cache-Control', 'public, max-age=300').type('application/json').send(spec);
  });
  router.get(DOCS_PATH, (_req, res) => {
    docsHeaders(res).type('html').send(DOCS_HTML);
  });
  router.get(`${DOCS_PATH}/init.js`, (_req, res) => {
    docsHeaders(res).type('text/javascript; charset=utf-8').send(DOCS_INIT_JS);
  });
  for (const [file, type] of Object.entries(DOCS_ASSETS)) {
    router.get(`${DOCS_PATH}/${file}`, (_req, res, next) => {
      docsHeaders(res).type(type);
      // Its callback also runs once the file is sent: only a failure goes on to the errors.
      const options = { headers: { 'Cache-Control': 'public, max-age=86400' } };
      res.sendFile(join(assets, file), options, (error?: unknown) => {
        if (error) next(error);
      });
    });
  }
  router.all(SPEC_PATH, methodNotAllowed('GET'));
  router.all(DOCS_PATH, methodNotAllowed('GET'));
  return router;
}

/**
 * The contract of a catalog, built once: tests build many apps around the same catalog, and a
 * build takes some 50 ms.
 */
const built = new WeakMap<Catalog, Map<string, string>>();
function specText(catalog: Catalog, routes: { batch: boolean; jobs: boolean }): string {
  const byRoutes = built.get(catalog) ?? new Map<string, string>();
  built.set(catalog, byRoutes);
  const key = `${routes.batch}/${routes.jobs}`;
  let text = byRoutes.get(key);
  if (text === undefined) {
    const ids = catalog.list().map((entry) => entry.document.id);
    text = JSON.stringify(buildSpec({ catalog, ...routes, examples: documentExamples(ids) }));
    byRoutes.set(key, text);
  }
  return text;
}

function docsHeaders(res: Response): Response {
  return res
    .set('Content-Security-Policy', DOCS_CONTENT_SECURITY_POLICY)
    .set('X-Frame-Options', 'DENY')
    .set('Referrer-Policy', 'same-origin')
    .set('Cache-Control', 'public, max-age=300');
}

/** swagger-ui-dist's folder, as swagger-ui-express (our dependency) resolves it. */
function swaggerUiDist(): string {
  const fromHere = createRequire(import.meta.url);
  const fromExpressUi = createRequire(fromHere.resolve('swagger-ui-express'));
  return dirname(fromExpressUi.resolve('swagger-ui-dist/package.json'));
}
