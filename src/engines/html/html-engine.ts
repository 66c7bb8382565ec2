import type Handlebars from 'handlebars';
import { loadTemplates, type CompiledTemplate, type TemplateExtras } from './template-store.js';
import type { BrowserPool, FieldBox } from './browser-pool.js';
import { BOX_SELECTOR, readFieldValues, type FieldValue } from './form-fields.js';

export interface HtmlEngineOptions {
  hbs: typeof Handlebars;
  templatesDir: string;
  templateIds: readonly string[];
  pool: BrowserPool;
}

export interface RenderHtmlOptions {
  signal?: AbortSignal;
  /** Box name → data: URI of the image placed in its `data-image` box. */
  images?: Readonly<Record<string, string>>;
  /** Captions of the annexes appended after the document. */
  annexes?: readonly string[];
}

export interface HtmlEngine {
  /** The HTML a template produces for a view model (for tests and previews). */
  toHtml(templateId: string, viewModel: unknown, extras?: TemplateExtras): string;
  render(templateId: string, viewModel: unknown, options?: RenderHtmlOptions): Promise<Uint8Array>;
  /** The values of the template's marked boxes for a view model (see form-fields.ts), no Chromium. */
  fieldValues(templateId: string, viewModel: unknown): Record<string, FieldValue>;
  /**
   * The printed PDF and where each marked box (fields, and image boxes as type `image`) lies on
   * it: what a fillable form is made from.
   */
  layout(templateId: string, viewModel: unknown): Promise<{ pdf: Uint8Array; boxes: FieldBox[] }>;
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
    toHtml: (id, viewModel, extras) => template(id)(viewModel, extras),
    render: (id, viewModel, { signal, images, annexes } = {}) =>
      options.pool.renderPdf(template(id)(viewModel, { images, annexes }), { signal }),
    fieldValues: (id, viewModel) => readFieldValues(template(id)(viewModel)),
    layout: async (id, viewModel) => {
      const html = template(id)(viewModel);
      const [pdf, boxes] = await Promise.all([
        options.pool.renderPdf(html),
        options.pool.measure(html, BOX_SELECTOR),
      ]);
      return { pdf, boxes };
    },
  };
}
