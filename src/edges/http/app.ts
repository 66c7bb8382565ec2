import express, { type Express } from 'express';
import { CoreError } from '../../core/errors.js';
import { documentsRouter } from './documents-router.js';
import { healthRouter, type Readiness } from './health-router.js';
import { pdfRouter } from './pdf-router.js';
import { problemHandler } from './problem.js';
import { requestLog } from './request-log.js';
import type { Logger } from '../../logger.js';
import type { Core } from '../../core/render-document.js';

export interface AppDeps {
  /** The core every route calls; tests pass a fake one. */
  core: Core;
  readiness: Readiness;
  logger: Logger;
  bodyLimit: string;
  /** UPLOAD_FILE_LIMIT: the largest file of /v1/pdf routes. */
  fileLimit: number;
  /** Multipart limits of the documents' routes (UPLOAD_*). */
  uploads: { fileSize: number; totalSize: number; maxFiles: number };
}

/** Builds the application; never listens, so tests drive it in-process. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(requestLog(deps.logger));
  app.use((_req, res, next) => {
    res.set('X-Content-Type-Options', 'nosniff');
    next();
  });
  app.use(healthRouter(deps.readiness));
  app.use(
    '/v1/documents',
    documentsRouter({ core: deps.core, bodyLimit: deps.bodyLimit, uploads: deps.uploads }),
  );
  app.use('/v1/pdf', pdfRouter({ forms: deps.core.forms, fileLimit: deps.fileLimit }));
  app.use((req, _res, next) => {
    next(
      new CoreError('NOT_FOUND', {
        detail_en: `No route for ${req.method} ${req.path}.`,
        detail_fr: `Aucune route pour ${req.method} ${req.path}.`,
      }),
    );
  });
  app.use(problemHandler(deps.logger));
  return app;
}
