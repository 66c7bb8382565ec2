import type Handlebars from 'handlebars';
import { loadTemplates, type CompiledTemplate } from './template-store.js';
import type { BrowserPool } from './browser-pool.js';

export interface HtmlEngineOptions {
  hbs: typeof Handlebars;
  templatesDir: string;
  templateIds: readonly string[];
  pool: BrowserPool;
}

export interface HtmlEngine {
  /** The HTML a template produces for a view model (for tests and previews). */
  toHtml(templateId: string, viewModel: unknown): string;
  render(templateId: string, viewModel: unknown, signal?: AbortSignal): Promise<Uint8Array>;
}

/** Knows templates and Chromium, nothing of documents: a template id and a view model in, PDF out. */
export function createHtmlEngine(options: HtmlEngineOptions): HtmlEngine {
  const templates = loadTemplates(options.hbs, options.templatesDir, options.templateIds);

  function template(id: string): CompiledTemplate {
    const compiled = templates.get(id);
    if (!compiled) throw new Error(`No HTML template loaded for "${id}"`);
    return compiled;
  }

  return {
    toHtml: (id, viewModel) => template(id)(viewModel),
    render: (id, viewModel, signal) => options.pool.renderPdf(template(id)(viewModel), { signal }),
  };
}
