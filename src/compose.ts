import type { Config } from './config.js';
import { createCatalog } from './core/catalog.js';
import { createCore, type Core } from './core/render-document.js';
import type { DocumentDefinition } from './documents/document-definition.js';
import { documents as registered } from './documents/registry.js';
import type { Engine } from './engines/engine.js';
import { createEngines, type Engines } from './engines/registry.js';
import { createAnnexWorkers } from './pdf/untrusted/annex-workers.js';
import { coveredCodePoints, loadFonts, sansFace } from './fonts.js';
import { loadLegalTable } from './legal/legal-table.js';
import type { Logger } from './logger.js';
import type { Observer } from './observer.js';
import { fontsDir, templatesDir } from './paths.js';
import { todayInParis } from './shared/dates.js';

/** The core and its engines, built from the config: what every edge starts from. */
export interface Composed {
  core: Core;
  engines: readonly Engine[];
  /** The templates and Chromium, for scripts and tests that need a document's HTML. */
  html: Engines['html'];
  pool: Engines['pool'];
  /** The regular face of the forms' font, for pages the service draws itself (batch reports). */
  reportFont: Uint8Array;
  /** Closes every engine (Chromium included). */
  close(): Promise<void>;
}

export interface ComposeOptions {
  /** Where templates (and their official-form mappings) are read; templates/ by default. */
  templatesDir?: string;
  /** The documents served; the registry's by default. */
  documents?: readonly DocumentDefinition[];
  /** Told of renders, the Chromium queue, launches and crashes: what an edge measures. */
  observer?: Observer;
}

/**
 * Builds the core from the config (legal table → fonts → engines → catalog → core), with no
 * edge: the CLI, the batch and job workers start here. Listens nowhere.
 */
export function compose(config: Config, logger: Logger, options: ComposeOptions = {}): Composed {
  const documents = options.documents ?? registered;
  const legal = loadLegalTable(config.LEGAL_VALUES_FILE);
  const fonts = loadFonts(fontsDir);
  const covered = coveredCodePoints(fonts);
  const today = { legal, today: todayInParis() };
  // Uploaded PDFs are read in worker threads, off the main thread (src/pdf/untrusted/).
  const pdfWorkers = {
    size: config.PDF_WORKERS,
    queueLimit: config.PDF_QUEUE_LIMIT,
    timeoutMs: config.PDF_TIMEOUT_MS,
    heapMb: config.PDF_WORKER_HEAP_MB,
  };
  const engines = createEngines({
    chromium: {
      executablePath: config.CHROMIUM_PATH,
      concurrency: config.RENDER_CONCURRENCY,
      queueLimit: config.RENDER_QUEUE_LIMIT,
      renderTimeoutMs: config.RENDER_TIMEOUT_MS,
      recycleAfter: config.RENDER_RECYCLE_AFTER,
    },
    templatesDir: options.templatesDir ?? templatesDir,
    templates: documents.map((document) => ({
      id: document.id,
      blankViewModel: document.blankViewModel?.(today),
    })),
    fontsDir,
    fonts,
    covered,
    pdfWorkers,
    logger,
    ...(options.observer ? { observer: options.observer } : {}),
  });
  const annexWorkers = createAnnexWorkers({
    ...pdfWorkers,
    font: sansFace(fonts, { bold: false }),
  });
  const core = createCore({
    catalog: createCatalog(documents, engines.list),
    engines: engines.list,
    forms: engines.forms,
    legal,
    coveredCodePoints: covered,
    annexes: { workers: annexWorkers, maxPages: config.ANNEX_PAGE_LIMIT },
    ...(options.observer ? { observer: options.observer } : {}),
  });
  const close = async () => {
    await Promise.all([engines.close(), annexWorkers.close()]);
  };
  return {
    core,
    engines: engines.list,
    pool: engines.pool,
    html: engines.html,
    reportFont: sansFace(fonts, { bold: false }),
    close,
  };
}
