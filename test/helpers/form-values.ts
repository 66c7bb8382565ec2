import { createHandlebars } from '../../src/engines/html/handlebars-env.js';
import { createHtmlEngine } from '../../src/engines/html/html-engine.js';
import type { BrowserPool } from '../../src/engines/html/browser-pool.js';
import type { FieldValue } from '../../src/engines/html/form-fields.js';
import { templatesDir } from '../../src/paths.js';
import type { Runtime } from '../../src/edges/http/runtime.js';

/** The values of a document's marked boxes for a body, read from its HTML (no Chromium). */
export function fieldValuesOf(
  runtime: Runtime,
  id: string,
  body: unknown,
): Record<string, FieldValue> {
  const { document, input, context } = runtime.core.validate({ document: id, data: body });
  const html = createHtmlEngine({
    hbs: createHandlebars(),
    templatesDir,
    templateIds: [id],
    pool: {} as BrowserPool,
  });
  return html.fieldValues(id, document.toViewModel(input, context));
}
