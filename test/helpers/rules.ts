import { documents } from '../../src/documents/registry.js';
import { AppError, type FieldIssue } from '../../src/core/errors.js';
import { coveredCodePoints, loadFonts } from '../../src/fonts.js';
import { defaultLegalTable, type LegalTable } from '../../src/legal/legal-table.js';
import { fontsDir } from '../../src/paths.js';
import { createDocumentService } from '../../src/core/render-document.js';

/**
 * A document's rules through the same validation the API runs (schema, glyphs, rules), without
 * Chromium: the engine is a stub that refuses to render.
 */
export function ruleHarness(id: string, options: { now?: string; legal?: LegalTable } = {}) {
  const service = createDocumentService({
    documents,
    legal: options.legal ?? defaultLegalTable(),
    html: {
      toHtml: () => '',
      render: () => Promise.reject(new Error('rules tests never render')),
      fieldValues: () => ({}),
      layout: () => Promise.reject(new Error('rules tests never render')),
    },
    coveredCodePoints: coveredCodePoints(loadFonts(fontsDir)),
    clock: () => new Date(options.now ?? '2026-11-22T10:00:00Z'),
  });

  /** The blocking errors a body gets (none when it is valid). */
  function errorsOf(body: unknown): FieldIssue[] {
    try {
      service.validate(id, body);
    } catch (error) {
      if (error instanceof AppError && error.errors) return error.errors;
      throw error;
    }
    return [];
  }

  /** The warnings of a valid body (throws if it is refused). */
  function warningsOf(body: unknown): FieldIssue[] {
    return service.validate(id, body).warnings;
  }

  return { service, errorsOf, warningsOf };
}

/** "path:CODE" for each issue: compact and exact in assertions. */
export const codes = (issues: ReadonlyArray<{ path: string; code: string }>) =>
  issues.map((issue) => `${issue.path}:${issue.code}`);
