import { documents } from '../../src/documents/registry.js';
import { createCatalog } from '../../src/core/catalog.js';
import { CoreError, type FieldIssue } from '../../src/core/errors.js';
import { createCore } from '../../src/core/render-document.js';
import { coveredCodePoints, loadFonts } from '../../src/fonts.js';
import { defaultLegalTable, type LegalTable } from '../../src/legal/legal-table.js';
import { fontsDir } from '../../src/paths.js';
import { fakeEngine, NO_ANNEX_WORKERS, NO_FORMS } from './fake-engines.js';

/**
 * A document's rules through the same validation the API runs (schema, glyphs, rules), without
 * Chromium: the engines are fakes that refuse to render.
 */
export function ruleHarness(id: string, options: { now?: string; legal?: LegalTable } = {}) {
  const engines = [fakeEngine('html'), fakeEngine('acroform')];
  const core = createCore({
    catalog: createCatalog(documents, engines),
    engines,
    forms: NO_FORMS,
    legal: options.legal ?? defaultLegalTable(),
    coveredCodePoints: coveredCodePoints(loadFonts(fontsDir)),
    annexes: { workers: NO_ANNEX_WORKERS, maxPages: 0 },
    clock: () => new Date(options.now ?? '2026-11-22T10:00:00Z'),
  });
  const validate = (body: unknown) => core.validate({ document: id, data: body });

  /** The blocking errors a body gets (none when it is valid). */
  function errorsOf(body: unknown): FieldIssue[] {
    try {
      validate(body);
    } catch (error) {
      if (error instanceof CoreError && error.errors) return error.errors;
      throw error;
    }
    return [];
  }

  /** The warnings of a valid body (throws if it is refused). */
  function warningsOf(body: unknown): FieldIssue[] {
    return validate(body).warnings;
  }

  return { validate, validateRequest: core.validate, errorsOf, warningsOf };
}

/** "path:CODE" for each issue: compact and exact in assertions. */
export const codes = (issues: ReadonlyArray<{ path: string; code: string }>) =>
  issues.map((issue) => `${issue.path}:${issue.code}`);
