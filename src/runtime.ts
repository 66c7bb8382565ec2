import type { Express } from 'express';
import { createApp } from './edges/http/app.js';
import type { Config } from './config.js';
import { documents } from './documents/registry.js';
import { createBrowserPool, type BrowserPool } from './engines/html/browser-pool.js';
import { createHandlebars } from './engines/html/handlebars-env.js';
import { createHtmlEngine, type HtmlEngine } from './engines/html/html-engine.js';
import { coveredCodePoints, loadFonts } from './fonts.js';
import { loadLegalTable } from './legal/legal-table.js';
import type { Logger } from './logger.js';
import { fontsDir, templatesDir } from './paths.js';
import { createDocumentService, type DocumentService } from './core/render-document.js';
import { createFillableForms } from './engines/acroform/fillable-forms.js';
import { createOfficialForms, loadOfficialMappings } from './engines/official/official-forms.js';
import { sansFace } from './engines/acroform/fill.js';
import { todayInParis } from './shared/dates.js';

export interface Runtime {
  app: Express;
  service: DocumentService;
  pool: BrowserPool;
  /** The templates and Chromium, for scripts and tests that need a document's HTML. */
  html: HtmlEngine;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Where templates (and their official-form mappings) are read; templates/ by default. */
  templatesDir?: string;
}

/** Wires config → legal table → Chromium pool → engines → pipeline → app. Listens nowhere. */
export function createRuntime(
  config: Config,
  logger: Logger,
  options: RuntimeOptions = {},
): Runtime {
  const templates = options.templatesDir ?? templatesDir;
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
    templatesDir: templates,
    templateIds: documents.map((document) => document.id),
    pool,
  });
  // The boxes each template marks: what an official-form mapping may refer to.
  const boxesOf = (id: string): Set<string> => {
    const document = documents.find((candidate) => candidate.id === id);
    const blank = document?.blankViewModel?.({ legal, today: todayInParis() });
    return new Set(blank ? Object.keys(html.fieldValues(id, blank)) : []);
  };
  const officialMappings = loadOfficialMappings(
    templates,
    boxesOf,
    documents.map((document) => document.id),
  );
  const service = createDocumentService({
    documents,
    legal,
    html,
    // Fillable forms are built from the templates on first use, then cached.
    forms: createFillableForms({ html, fonts, covered }),
    coveredCodePoints: covered,
    official: createOfficialForms({ mappings: officialMappings, fonts, covered }),
    annexes: { font: sansFace(fonts, { bold: false }), maxPages: config.ANNEX_PAGE_LIMIT },
  });
  const pdf = { fonts, covered, fileLimit: config.UPLOAD_FILE_LIMIT };
  const uploads = {
    fileSize: config.UPLOAD_FILE_LIMIT,
    totalSize: config.UPLOAD_TOTAL_LIMIT,
    maxFiles: config.UPLOAD_MAX_FILES,
  };
  const app = createApp({
    service,
    readiness: pool,
    logger,
    bodyLimit: config.BODY_LIMIT,
    pdf,
    uploads,
  });
  return { app, service, pool, html, close: () => pool.close() };
}
