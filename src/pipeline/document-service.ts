import type {
  DocumentContext,
  DocumentDefinition,
  EngineId,
} from '../documents/document-definition.js';
import { toFieldIssues } from '../documents/zod-issues.js';
import { uncoveredCharacters } from '../documents/glyph-coverage.js';
import { AppError, validationFailed, type FieldIssue } from '../errors.js';
import { applyMetadata } from '../finish/metadata.js';
import type { LegalTable } from '../legal/legal-table.js';
import { todayInParis } from '../shared/dates.js';
import type { HtmlEngine } from '../engines/html/html-engine.js';
import { toAppError } from './engine-errors.js';

export interface DocumentServiceDeps {
  documents: readonly DocumentDefinition[];
  legal: LegalTable;
  html: HtmlEngine;
  /** Code points the embedded fonts can print (see glyph-coverage.ts). */
  coveredCodePoints: ReadonlySet<number>;
  clock?: () => Date;
}

export interface Validated {
  document: DocumentDefinition;
  input: unknown;
  context: DocumentContext;
  warnings: FieldIssue[];
}

export interface Rendered {
  pdf: Uint8Array;
  fileName: string;
  warnings: FieldIssue[];
}

export interface DocumentService {
  list(): readonly DocumentDefinition[];
  find(id: string): DocumentDefinition;
  validate(id: string, body: unknown): Validated;
  render(
    id: string,
    body: unknown,
    options?: { engine?: EngineId; signal?: AbortSignal },
  ): Promise<Rendered>;
}

/** The pipeline, in one direction: validate → rules → view model → engine → metadata. */
export function createDocumentService(deps: DocumentServiceDeps): DocumentService {
  const byId = new Map(deps.documents.map((document) => [document.id, document]));
  const clock = deps.clock ?? (() => new Date());

  function find(id: string): DocumentDefinition {
    const document = byId.get(id);
    if (!document) {
      throw new AppError('UNKNOWN_DOCUMENT', {
        detail_en: `No document "${id}". GET /v1/documents lists them.`,
        detail_fr: `Aucun document « ${id} ». GET /v1/documents en donne la liste.`,
      });
    }
    return document;
  }

  function validate(id: string, body: unknown): Validated {
    const document = find(id);
    // reportInput lets the translator tell "missing" from "wrong type"; inputs are never logged.
    const parsed = document.schema.safeParse(body, { reportInput: true });
    if (!parsed.success) throw validationFailed(toFieldIssues(parsed.error));
    const unprintable = uncoveredCharacters(parsed.data, deps.coveredCodePoints);
    if (unprintable.length > 0) throw validationFailed(unprintable);
    const context: DocumentContext = { legal: deps.legal, today: todayInParis(clock()) };
    const outcome = document.rules(parsed.data, context);
    if (outcome.errors.length > 0) throw validationFailed(outcome.errors);
    return { document, input: parsed.data, context, warnings: outcome.warnings };
  }

  async function render(
    id: string,
    body: unknown,
    options: { engine?: EngineId; signal?: AbortSignal } = {},
  ): Promise<Rendered> {
    const { document, input, context, warnings } = validate(id, body);
    const engine = options.engine ?? document.engines[0];
    if (!engine || !document.engines.includes(engine)) {
      throw new AppError('INVALID_PARAMETER', {
        detail_en: `engine must be one of: ${document.engines.join(', ')}`,
        detail_fr: `engine doit valoir : ${document.engines.join(', ')}`,
      });
    }
    const viewModel = document.toViewModel(input, context);
    const printed = await deps.html
      .render(document.id, viewModel, options.signal)
      .catch((error: unknown) => Promise.reject(toAppError(error)));
    const pdf = await applyMetadata(printed, {
      ...document.metadata(input),
      creationDate: clock(),
    });
    return { pdf, fileName: document.fileName(input), warnings };
  }

  return { list: () => deps.documents, find, validate, render };
}
