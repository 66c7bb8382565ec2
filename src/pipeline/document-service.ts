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
import { fillForm } from '../engines/acroform/fill.js';
import { inspectForm } from '../engines/acroform/inspect.js';
import type { FontFile } from '../fonts.js';
import { toAppError } from './engine-errors.js';
import type { FillableForms } from './fillable-forms.js';
import { officialValues, pickMapping, type OfficialMapping } from './official-forms.js';

export interface DocumentServiceDeps {
  documents: readonly DocumentDefinition[];
  legal: LegalTable;
  html: HtmlEngine;
  /** The acroform engine; without it no document renders with 'acroform'. */
  forms?: FillableForms;
  /** Code points the embedded fonts can print (see glyph-coverage.ts). */
  coveredCodePoints: ReadonlySet<number>;
  /** The faces of fonts/, for filling uploaded official forms. */
  fonts?: readonly FontFile[];
  /** Per document, its mappings to official forms (official-forms.ts); none by default. */
  officialMappings?: ReadonlyMap<string, readonly OfficialMapping[]>;
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

/** The document's own engines, or 'official': an uploaded official PDF filled by its mapping. */
export type RenderEngine = EngineId | 'official';

export interface RenderOptions {
  engine?: RenderEngine;
  /** acroform and official: draw the values into the pages (default) or keep the form editable. */
  flatten?: boolean;
  /** official: the official fillable PDF, as uploaded. */
  officialForm?: Uint8Array;
  signal?: AbortSignal;
}

export interface DocumentService {
  list(): readonly DocumentDefinition[];
  find(id: string): DocumentDefinition;
  /** The engines a document renders with: its own, and 'official' when it has a mapping. */
  engines(id: string): RenderEngine[];
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

  function engines(id: string): RenderEngine[] {
    const document = find(id);
    const official = deps.officialMappings?.has(id) ? (['official'] as const) : [];
    return [...document.engines, ...official];
  }

  async function render(id: string, body: unknown, options: RenderOptions = {}): Promise<Rendered> {
    const validated = validate(id, body);
    const { document, input, warnings } = validated;
    const engine = options.engine ?? document.engines[0];
    const available = engines(id);
    if (!engine || !available.includes(engine)) {
      throw new AppError('INVALID_PARAMETER', {
        detail_en: `engine must be one of: ${available.join(', ')}`,
        detail_fr: `engine doit valoir : ${available.join(', ')}`,
      });
    }
    if (engine === 'html' && options.flatten === false) {
      throw new AppError('INVALID_PARAMETER', {
        detail_en: 'flatten=false needs engine=acroform or official: a printed PDF has no fields.',
        detail_fr:
          'flatten=false demande engine=acroform ou official : un PDF imprimé n’a pas de champ.',
      });
    }
    const printed = await print(engine, validated, options).catch((error: unknown) =>
      Promise.reject(toAppError(error)),
    );
    const pdf = await applyMetadata(printed, {
      ...document.metadata(input),
      creationDate: clock(),
    });
    return { pdf, fileName: document.fileName(input), warnings };
  }

  function print(engine: RenderEngine, validated: Validated, options: RenderOptions) {
    const { document, input, context } = validated;
    const viewModel = document.toViewModel(input, context);
    const flatten = options.flatten ?? true;
    if (engine === 'html') return deps.html.render(document.id, viewModel, { signal: options.signal });
    const values = deps.html.fieldValues(document.id, viewModel);
    if (engine === 'acroform') {
      return forms(document).fill(document, context, input, values, { flatten });
    }
    return fillOfficial(document, values, { flatten, form: options.officialForm });
  }

  /** The uploaded official form, filled through the mapping whose fields it has. */
  async function fillOfficial(
    document: DocumentDefinition,
    values: Record<string, string | boolean>,
    options: { flatten: boolean; form: Uint8Array | undefined },
  ): Promise<Uint8Array> {
    const mappings = deps.officialMappings?.get(document.id) ?? [];
    if (!options.form || !deps.fonts) {
      throw new AppError('INVALID_UPLOAD', {
        detail_en:
          'engine=official: send the official PDF in the part "file" (multipart/form-data) and the data in "data".',
        detail_fr:
          'engine=official : envoyez le PDF officiel dans la partie « file » (multipart/form-data) et les données dans « data ».',
      });
    }
    const uploaded = new Set((await inspectForm(options.form)).map((field) => field.name));
    const { mapping, missing } = pickMapping(mappings, uploaded);
    if (missing.length > 0) {
      throw new AppError('OFFICIAL_FORM_MISMATCH', {
        detail_en: `The PDF is not ${mapping.form} as mapped in ${mapping.file}: it lacks the fields ${missing.join(', ')}.`,
        detail_fr: `Le PDF n’est pas le ${mapping.form} décrit par ${mapping.file} : il n’a pas les champs ${missing.join(', ')}.`,
      });
    }
    return fillForm(options.form, officialValues(mapping, values), {
      flatten: options.flatten,
      fonts: deps.fonts,
      covered: deps.coveredCodePoints,
    });
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

  return { list: () => deps.documents, find, engines, validate, render, blank };
}
