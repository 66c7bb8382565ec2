import type { Express } from 'express';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { documents } from './documents/registry.js';
import { createBrowserPool, type BrowserPool } from './engines/html/browser-pool.js';
import { createHandlebars } from './engines/html/handlebars-env.js';
import { createHtmlEngine } from './engines/html/html-engine.js';
import { coveredCodePoints, loadFonts } from './fonts.js';
import { loadLegalTable } from './legal/legal-table.js';
import type { Logger } from './logger.js';
import { fontsDir, templatesDir } from './paths.js';
import { createDocumentService, type DocumentService } from './pipeline/document-service.js';
import { createFillableForms } from './pipeline/fillable-forms.js';

export interface Runtime {
  app: Express;
  service: DocumentService;
  pool: BrowserPool;
  close(): Promise<void>;
}

/** Wires config → legal table → Chromium pool → engines → pipeline → app. Listens nowhere. */
export function createRuntime(config: Config, logger: Logger): Runtime {
  const legal = loadLegalTable(config.LEGAL_VALUES_FILE);
  const pool = createBrowserPool({
    executablePath: config.CHROMIUM_PATH,
    concurrency: config.RENDER_CONCURRENCY,
    queueLimit: config.RENDER_QUEUE_LIMIT,
    renderTimeoutMs: config.RENDER_TIMEOUT_MS,
    recycleAfter: config.RENDER_RECYCLE_AFTER,
    // Chromium sees these fonts and no system font: nothing prints in a face we do not ship.
    fontDirs: [fontsDir],
    logger,
  });
  const fonts = loadFonts(fontsDir);
  const covered = coveredCodePoints(fonts);
  const html = createHtmlEngine({
    hbs: createHandlebars(),
    templatesDir,
    templateIds: documents.map((document) => document.id),
    pool,
  });
  const service = createDocumentService({
    documents,
    legal,
    html,
    // Fillable forms are built from the templates on first use, then cached.
    forms: createFillableForms({ html, fonts, covered }),
    coveredCodePoints: covered,
  });
  const pdf = { fonts, covered, fileLimit: config.UPLOAD_FILE_LIMIT };
  const app = createApp({ service, readiness: pool, logger, bodyLimit: config.BODY_LIMIT, pdf });
  return { app, service, pool, close: () => pool.close() };
}
