import type { FontFile } from '../fonts.js';
import type { Engine, PdfForms } from './engine.js';
import { acroformEngine, acroformTools } from './acroform/register.js';
import { createFormWorkers } from './acroform/form-workers.js';
import type { PdfWorkerOptions } from '../pdf/untrusted/annex-workers.js';
import { createFillableForms } from './acroform/fillable-forms.js';
import { createBrowserPool, type BrowserPool, type PoolLogger } from './html/browser-pool.js';
import { createHandlebars } from './html/handlebars-env.js';
import { createHtmlEngine, type HtmlEngine } from './html/html-engine.js';
import { htmlEngine, printedTemplates } from './html/register.js';
import { createOfficialForms, loadOfficialMappings } from './official/official-forms.js';
import { officialEngine } from './official/register.js';
import type { PoolObserver } from '../observer.js';

export interface EnginesOptions {
  /** Chromium and its pool (RENDER_* settings). */
  chromium: {
    executablePath: string;
    concurrency: number;
    queueLimit: number;
    renderTimeoutMs: number;
    recycleAfter: number;
  };
  /** Where templates (and official-form mappings) are read. */
  templatesDir: string;
  /**
   * The templates to load, by id (documents' ids), with the view model of each one's blank form
   * when it has one: the boxes it marks are what an official-form mapping may name.
   */
  templates: readonly { id: string; blankViewModel?: unknown }[];
  fontsDir: string;
  fonts: readonly FontFile[];
  /** Code points every face of fonts/ can draw. */
  covered: ReadonlySet<number>;
  /** The worker threads that read uploaded forms (PDF_* settings). */
  pdfWorkers: PdfWorkerOptions;
  logger: PoolLogger;
  /** Told of the Chromium pool's queue waits, launches and crashes (metrics). */
  observer?: PoolObserver;
}

export interface Engines {
  /** In the order they are registered. */
  list: readonly Engine[];
  /** Any fillable PDF, without a document (POST /v1/pdf/…), read in worker threads. */
  forms: PdfForms;
  /** Stops Chromium and the workers. */
  close(): Promise<void>;
  /** The templates and Chromium, for scripts and tests that read a document's HTML or boxes. */
  html: HtmlEngine;
  pool: BrowserPool;
}

/**
 * Every engine Paperasse renders with, registered here and nowhere else: the core and the edges
 * see them through the Engine interface only. A new engine is one line of `list`.
 */
export function createEngines(options: EnginesOptions): Engines {
  const pool = createBrowserPool({
    ...options.chromium,
    // Chromium sees these fonts and no system font: nothing prints in a face we do not ship.
    fontDirs: [options.fontsDir],
    logger: options.logger,
    ...(options.observer ? { observer: options.observer } : {}),
  });
  const { fonts, covered } = options;
  const html = createHtmlEngine({
    hbs: createHandlebars(),
    templatesDir: options.templatesDir,
    templateIds: options.templates.map((template) => template.id),
    pool,
  });
  const blanks = new Map(options.templates.map((t) => [t.id, t.blankViewModel]));
  // A mapping naming a box its template does not mark fails here, at start-up.
  const boxesOf = (id: string): Set<string> => {
    const blank = blanks.get(id);
    return new Set(blank === undefined ? [] : Object.keys(html.fieldValues(id, blank)));
  };
  const mappings = loadOfficialMappings(options.templatesDir, boxesOf, [...blanks.keys()]);
  const printed = printedTemplates(html);
  const formWorkers = createFormWorkers({ ...options.pdfWorkers, fonts, covered });
  const forms = acroformTools(formWorkers);
  const list = [
    htmlEngine(html, pool),
    // Fillable forms are built from the templates on first use, then cached.
    acroformEngine(createFillableForms({ html: printed, fonts, covered })),
    officialEngine(createOfficialForms({ mappings, forms }), printed),
  ];
  const close = async () => {
    await Promise.all([...list.map((engine) => engine.close?.()), formWorkers.close()]);
  };
  return { list, forms, html, pool, close };
}
