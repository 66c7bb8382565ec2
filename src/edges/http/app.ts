import express, { type Express } from 'express';
import { AppError } from '../../core/errors.js';
import { documentsRouter } from './documents-router.js';
import { healthRouter, type Readiness } from './health-router.js';
import { pdfRouter, type PdfRouterOptions } from './pdf-router.js';
import { problemHandler } from './problem.js';
import { requestLog } from './request-log.js';
import type { Logger } from '../../logger.js';
import type { DocumentService } from '../../core/render-document.js';

export interface AppDeps {
  service: DocumentService;
  readiness: Readiness;
  logger: Logger;
  bodyLimit: string;
  pdf: PdfRouterOptions;
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
    documentsRouter({ service: deps.service, bodyLimit: deps.bodyLimit, uploads: deps.uploads }),
  );
  app.use('/v1/pdf', pdfRouter(deps.pdf));
  app.use((req, _res, next) => {
    next(
      new AppError('NOT_FOUND', {
        detail_en: `No route for ${req.method} ${req.path}.`,
        detail_fr: `Aucune route pour ${req.method} ${req.path}.`,
      }),
    );
  });
  app.use(problemHandler(deps.logger));
  return app;
}
