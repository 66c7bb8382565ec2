import type {
  DocumentContext,
  DocumentDefinition,
  EngineId,
} from '../documents/document-definition.js';
import { toFieldIssues } from '../documents/zod-issues.js';
import { uncoveredCharacters } from '../documents/glyph-coverage.js';
import { AppError, validationFailed, type FieldIssue } from './errors.js';
import { applyMetadata } from '../pdf/metadata.js';
import type { LegalTable } from '../legal/legal-table.js';
import { todayInParis } from '../shared/dates.js';
import type { HtmlEngine } from '../engines/html/html-engine.js';
import { dataUri } from '../engines/raster-image.js';
import { appendAnnexes } from '../pdf/annexes/assemble.js';
import { toAppError } from './engine-errors.js';
import type { FillableForms } from '../engines/acroform/fillable-forms.js';
import type { OfficialForms } from '../engines/official/official-forms.js';
import {
  missingAttachments,
  prepareFiles,
  strippedWarnings,
  type PreparedFiles,
} from './prepare-files.js';
import { NO_FILES, type RequestFiles } from './request-files.js';
import { NO_UPLOADS } from '../documents/document-definition.js';

export interface DocumentServiceDeps {
  documents: readonly DocumentDefinition[];
  legal: LegalTable;
  html: HtmlEngine;
  /** The acroform engine; without it no document renders with 'acroform'. */
  forms?: FillableForms;
  /** Code points the embedded fonts can print (see glyph-coverage.ts). */
  coveredCodePoints: ReadonlySet<number>;
  /** engine=official: documents with a mapping to an official form (official-forms.ts). */
  official?: OfficialForms;
  /** Annexes: Liberation Sans for their captions, and the most pages they may add. */
  annexes?: { font: Uint8Array; maxPages: number };
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
  /** Multipart requests: the official PDF, images, annexes (request-files.ts). */
  files?: RequestFiles;
  signal?: AbortSignal;
}

export interface DocumentService {
  list(): readonly DocumentDefinition[];
  find(id: string): DocumentDefinition;
  /** The engines a document renders with: its own, and 'official' when it has a mapping. */
  engines(id: string): RenderEngine[];
  /** The data checked; with the request's files, a warning per missing supporting document. */
  validate(id: string, body: unknown, files?: RequestFiles): Validated;
  /** validate, and the files checked by content as a render would (POST …/validate). */
  check(id: string, body: unknown, files: RequestFiles): Promise<Validated>;
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

  function validate(id: string, body: unknown, files: RequestFiles = NO_FILES): Validated {
    const document = find(id);
    // reportInput lets the translator tell "missing" from "wrong type"; inputs are never logged.
    const parsed = document.schema.safeParse(body, { reportInput: true });
    if (!parsed.success) throw validationFailed(toFieldIssues(parsed.error));
    const unprintable = uncoveredCharacters(parsed.data, deps.coveredCodePoints);
    if (unprintable.length > 0) throw validationFailed(unprintable);
    const context: DocumentContext = { legal: deps.legal, today: todayInParis(clock()) };
    const outcome = document.rules(parsed.data, context);
    if (outcome.errors.length > 0) throw validationFailed(outcome.errors);
    const captions = files.attachments.map((attachment) => attachment.caption);
    const unprintableCaptions = uncoveredCharacters({ captions }, deps.coveredCodePoints);
    if (unprintableCaptions.length > 0) throw validationFailed(unprintableCaptions);
    const missing = missingAttachments(document.uploads ?? NO_UPLOADS, parsed.data, files);
    return { document, input: parsed.data, context, warnings: [...outcome.warnings, ...missing] };
  }

  function engines(id: string): RenderEngine[] {
    const document = find(id);
    const official = deps.official?.has(id) ? (['official'] as const) : [];
    return [...document.engines, ...official];
  }

  async function check(id: string, body: unknown, files: RequestFiles): Promise<Validated> {
    const validated = validate(id, body, files);
    const prepared = await prepareFiles(files, {
      maxAnnexPages: deps.annexes?.maxPages ?? Infinity,
    }).catch((error: unknown) => Promise.reject(toAppError(error)));
    return { ...validated, warnings: [...validated.warnings, ...strippedWarnings(prepared)] };
  }

  async function render(id: string, body: unknown, options: RenderOptions = {}): Promise<Rendered> {
    const files = options.files ?? NO_FILES;
    const validated = validate(id, body, files);
    const { document, input } = validated;
    const engine = checkEngine(document, options, files);
    const { pdf, warnings } = await (async () => {
      const prepared = await prepareFiles(files, {
        maxAnnexPages: deps.annexes?.maxPages ?? Infinity,
      });
      const printed = await print(engine, validated, prepared, options);
      const assembled = await assemble(printed, prepared);
      return { pdf: assembled, warnings: [...validated.warnings, ...strippedWarnings(prepared)] };
    })().catch((error: unknown) => Promise.reject(toAppError(error)));
    const finished = await applyMetadata(pdf, {
      ...document.metadata(input),
      creationDate: clock(),
    });
    return { pdf: finished, fileName: document.fileName(input), warnings };
  }

  function checkEngine(
    document: DocumentDefinition,
    options: RenderOptions,
    files: RequestFiles,
  ): RenderEngine {
    const engine = options.engine ?? document.engines[0];
    const available = engines(document.id);
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
    if (engine === 'official' && files.images.length > 0) {
      throw new AppError('INVALID_UPLOAD', {
        detail_en: `An official form has no box of ours to place "${files.images[0]?.part}" in: use engine html or acroform, or send it as an attachment.`,
        detail_fr: `Un formulaire officiel n’a pas de cadre où placer « ${files.images[0]?.part} » : utilisez le moteur html ou acroform, ou joignez-la en annexe.`,
      });
    }
    return engine;
  }

  function print(
    engine: RenderEngine,
    validated: Validated,
    files: PreparedFiles,
    options: RenderOptions,
  ): Promise<Uint8Array> {
    const { document, input, context } = validated;
    const viewModel = document.toViewModel(input, context);
    const flatten = options.flatten ?? true;
    if (engine === 'html') {
      const images = Object.fromEntries(
        [...files.images].map(([box, image]) => [box, dataUri(image)]),
      );
      const annexes = files.annexes.map((annex) => annex.caption);
      return deps.html.render(document.id, viewModel, {
        signal: options.signal,
        images,
        annexes,
      });
    }
    const values = deps.html.fieldValues(document.id, viewModel);
    if (engine === 'acroform') {
      return forms(document).fill(document, context, input, values, {
        flatten,
        images: files.images,
      });
    }
    if (!deps.official) throw new Error('engine=official without official forms');
    return deps.official.fill(document.id, values, { form: options.files?.official, flatten });
  }

  /** The annexes after the document, with their list page. */
  function assemble(pdf: Uint8Array, files: PreparedFiles): Promise<Uint8Array> | Uint8Array {
    if (files.annexes.length === 0) return pdf;
    if (!deps.annexes) throw new Error('Annexes sent to a service built without their font');
    return appendAnnexes(pdf, files.annexes, deps.annexes);
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

  return { list: () => deps.documents, find, engines, validate, check, render, blank };
}
