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
import type { FillableForms } from './fillable-forms.js';

export interface DocumentServiceDeps {
  documents: readonly DocumentDefinition[];
  legal: LegalTable;
  html: HtmlEngine;
  /** The acroform engine; without it no document renders with 'acroform'. */
  forms?: FillableForms;
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

export interface RenderOptions {
  engine?: EngineId;
  /** acroform only: draw the values into the pages (default) or keep the form editable. */
  flatten?: boolean;
  signal?: AbortSignal;
}

export interface DocumentService {
  list(): readonly DocumentDefinition[];
  find(id: string): DocumentDefinition;
  validate(id: string, body: unknown): Validated;
  render(id: string, body: unknown, options?: RenderOptions): Promise<Rendered>;
  /** The fillable blank form of a document offering the acroform engine. */
  blank(id: string): Promise<Rendered>;
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

  async function render(id: string, body: unknown, options: RenderOptions = {}): Promise<Rendered> {
    const { document, input, context, warnings } = validate(id, body);
    const engine = options.engine ?? document.engines[0];
    if (!engine || !document.engines.includes(engine)) {
      throw new AppError('INVALID_PARAMETER', {
        detail_en: `engine must be one of: ${document.engines.join(', ')}`,
        detail_fr: `engine doit valoir : ${document.engines.join(', ')}`,
      });
    }
    if (engine !== 'acroform' && options.flatten === false) {
      throw new AppError('INVALID_PARAMETER', {
        detail_en: 'flatten=false needs engine=acroform: a printed PDF has no fields to keep.',
        detail_fr: 'flatten=false demande engine=acroform : un PDF imprimé n’a pas de champ.',
      });
    }
    const viewModel = document.toViewModel(input, context);
    const printed = await (
      engine === 'acroform'
        ? forms(document).fill(
            document,
            context,
            input,
            deps.html.fieldValues(document.id, viewModel),
            {
              flatten: options.flatten ?? true,
            },
          )
        : deps.html.render(document.id, viewModel, options.signal)
    ).catch((error: unknown) => Promise.reject(toAppError(error)));
    const pdf = await applyMetadata(printed, {
      ...document.metadata(input),
      creationDate: clock(),
    });
    return { pdf, fileName: document.fileName(input), warnings };
  }

  function forms(document: DocumentDefinition): FillableForms {
    if (!deps.forms || !document.engines.includes('acroform') || !document.blankViewModel) {
      throw new AppError('ENGINE_UNAVAILABLE', {
        detail_en: `"${document.id}" has no fillable form (engine acroform).`,
        detail_fr: `« ${document.id} » n’a pas de formulaire à remplir (moteur acroform).`,
      });
    }
    return deps.forms;
  }

  async function blank(id: string): Promise<Rendered> {
    const document = find(id);
    const context: DocumentContext = { legal: deps.legal, today: todayInParis(clock()) };
    const form = await forms(document)
      .blank(document, context)
      .catch((error: unknown) => Promise.reject(toAppError(error)));
    const pdf = await applyMetadata(form, {
      title: `${document.title} — formulaire à remplir`,
      subject: document.reference.label,
      keywords: ['formulaire', 'vierge'],
      creationDate: clock(),
    });
    return { pdf, fileName: `${document.id}-vierge`, warnings: [] };
  }

  return { list: () => deps.documents, find, validate, render, blank };
}
