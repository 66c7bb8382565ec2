import type { DocumentContext, DocumentDefinition } from '../documents/document-definition.js';
import { toFieldIssues } from '../documents/zod-issues.js';
import type { Engine, EngineCapabilities, EngineJob, PdfForms } from '../engines/engine.js';
import { LegalValueMissingError, type LegalTable } from '../legal/legal-table.js';
import type { AnnexWorkers } from '../pdf/untrusted/annex-workers.js';
import { applyMetadata } from '../pdf/metadata.js';
import { todayInParis } from '../shared/dates.js';
import { forbiddenCharacterMessages, forbiddenCharacters } from '../shared/characters.js';
import { uncoveredCharacters } from '../shared/glyph-coverage.js';
import { ATTACHMENTS_PART, CAPTIONS_PART } from './parts.js';
import type { Catalog, CatalogEntry } from './catalog.js';
import { CoreError, translating, validationFailed, type FieldIssue } from './errors.js';
import {
  missingAttachments,
  prepareFiles,
  strippedWarnings,
  type PreparedFiles,
} from './prepare-files.js';
import { readFilledForm, type ReadBack, type ReadRequest } from './read-document.js';
import { inputPathOfBox } from './read-form.js';
import type { SchemaNode } from './schema-node.js';
import {
  NO_FILES,
  renderRequest,
  type RenderRequest,
  type RenderRequestInput,
  type RequestFiles,
} from './render-request.js';
import { uploadRefusal } from './upload-refusals.js';
import type { RenderObserver } from '../observer.js';

export interface CoreDeps {
  catalog: Catalog;
  /** Every registered engine, to say which ones can do what a request asks. */
  engines: readonly Engine[];
  /** Any fillable PDF, without a document. */
  forms: PdfForms;
  legal: LegalTable;
  /** Code points the embedded fonts can print (see glyph-coverage.ts). */
  coveredCodePoints: ReadonlySet<number>;
  /** Annexes: where their PDFs are read and assembled (off the main thread), and their page limit. */
  annexes: { workers: Pick<AnnexWorkers, 'read' | 'append'>; maxPages: number };
  clock?: () => Date;
  /** Told how long each render took, by document and engine (metrics). */
  observer?: RenderObserver;
}

export interface Validated {
  document: DocumentDefinition;
  input: unknown;
  context: DocumentContext;
  warnings: FieldIssue[];
}

export interface Rendered {
  pdf: Uint8Array;
  /** Without extension; each edge makes it safe for its use. */
  fileName: string;
  warnings: FieldIssue[];
}

/**
 * What every edge calls. Errors are CoreErrors with a code (never an HTTP status): each edge says
 * them its own way. Anything else thrown is a fault of ours.
 */
export interface Core {
  catalog: Catalog;
  /** Any fillable PDF, without a document: its fields, or filled. */
  forms: PdfForms;
  /** The data checked (schema, printable characters, rules); no file is opened. */
  validate(request: RenderRequestInput): Validated;
  /** validate, and the files judged by content as a render would (POST …/validate). */
  check(request: RenderRequestInput): Promise<Validated>;
  render(request: RenderRequestInput, signal?: AbortSignal): Promise<Rendered>;
  /**
   * Throws the refusal render() would meet now for lack of room (RENDER_QUEUE_FULL, with its
   * Retry-After) from the engine the render would use, so that an edge can refuse before reading
   * the request's body. Advisory and cheap: render() still refuses if the queue fills meanwhile;
   * an unknown engine is left for render() to refuse.
   */
  admit(request: { document: string; engine?: string }): void;
  /** The fillable blank form of a document that has a fillable engine. */
  blank(documentId: string): Promise<Rendered>;
  /** A filled blank form back to the document's input, checked like validate. */
  read(request: ReadRequest): Promise<ReadBack>;
  /** Help from the law in force today, by input path, for forms filled by people. */
  formHints(documentId: string): Readonly<Record<string, string>>;
}

/** The pipeline, in one direction: validate → prepare files → view model → engine → finish. */
export function createCore(deps: CoreDeps): Core {
  const { catalog } = deps;
  const clock = deps.clock ?? (() => new Date());
  const contextNow = (): DocumentContext => ({ legal: deps.legal, today: todayInParis(clock()) });
  const prepare = (files: RequestFiles) =>
    translating(
      () => prepareFiles(files, { maxAnnexPages: deps.annexes.maxPages }, deps.annexes.workers),
      uploadRefusal,
    );

  function validateData(entry: CatalogEntry, data: unknown, files: RequestFiles): Validated {
    const { document } = entry;
    // reportInput lets the translator tell "missing" from "wrong type"; inputs are never logged.
    const parsed = document.schema.safeParse(data, { reportInput: true });
    if (!parsed.success) throw validationFailed(toFieldIssues(parsed.error));
    const unprintable = uncoveredCharacters(parsed.data, deps.coveredCodePoints);
    if (unprintable.length > 0) throw validationFailed(unprintable);
    const attached = files.attachments.flatMap(({ name }) => (name ? [name] : []));
    const context: DocumentContext = { ...contextNow(), attached };
    const outcome = document.rules(parsed.data, context);
    if (outcome.errors.length > 0) throw validationFailed(outcome.errors);
    const captions = files.attachments.map((attachment) => attachment.caption);
    const badCaptions = [
      ...forbiddenInCaptions(files),
      ...uncoveredCharacters({ captions }, deps.coveredCodePoints),
    ];
    if (badCaptions.length > 0) throw validationFailed(badCaptions);
    const missing = missingAttachments(entry.parts, parsed.data, files);
    return { document, input: parsed.data, context, warnings: [...outcome.warnings, ...missing] };
  }

  function validate(input: RenderRequestInput): Validated {
    const request = renderRequest(input);
    return validateData(catalog.find(request.document), request.data, request.files);
  }

  async function check(input: RenderRequestInput): Promise<Validated> {
    const request = renderRequest(input);
    const entry = catalog.find(request.document);
    const validated = validateData(entry, request.data, request.files);
    // With an engine named, what it would refuse too (a value too long for a fixed form's box).
    const engine =
      request.engine === undefined ? undefined : chooseEngine(entry, request, deps.engines);
    const prepared = await prepare(request.files);
    if (engine?.check) {
      const job = jobOf(engine, validated, request, prepared);
      await namingInputs(entry, () => (engine.check as NonNullable<Engine['check']>)(job));
    }
    return { ...validated, warnings: [...validated.warnings, ...strippedWarnings(prepared)] };
  }

  /** What the engine is handed: the template, its view model, and what the request brought. */
  function jobOf(
    engine: Engine,
    { document, input: data, context }: Validated,
    request: RenderRequest,
    prepared: PreparedFiles,
    signal?: AbortSignal,
  ): EngineJob {
    return {
      template: document.id,
      viewModel: document.toViewModel(data, context),
      ...(engine.capabilities.fillable ? { blankViewModel: blankOf(document, context, data) } : {}),
      flatten: request.flatten ?? true,
      images: prepared.images,
      annexCaptions: prepared.annexes.map((annex) => annex.caption),
      ...(request.files.form ? { form: request.files.form } : {}),
      ...(signal ? { signal } : {}),
    };
  }

  async function render(input: RenderRequestInput, signal?: AbortSignal): Promise<Rendered> {
    const request = renderRequest(input);
    const entry = catalog.find(request.document);
    const validated = validateData(entry, request.data, request.files);
    const { document, input: data } = validated;
    const engine = chooseEngine(entry, request, deps.engines);
    const target = { document: document.id, engine: engine.id };
    return observed(deps.observer, target, async () => {
      const prepared = await prepare(request.files);
      const job = jobOf(engine, validated, request, prepared, signal);
      const printed = await namingInputs(entry, () => engine.render(job));
      const assembled = await assemble(printed, prepared);
      const pdf = await applyMetadata(assembled, {
        ...document.metadata(data),
        creationDate: clock(),
      });
      const warnings = [...validated.warnings, ...strippedWarnings(prepared)];
      return { pdf, fileName: document.fileName(data), warnings };
    });
  }

  /** The annexes after the document, with their list page. */
  function assemble(pdf: Uint8Array, files: PreparedFiles): Promise<Uint8Array> {
    if (files.annexes.length === 0) return Promise.resolve(pdf);
    const { workers, maxPages } = deps.annexes;
    return translating(() => workers.append(pdf, files.annexes, maxPages), uploadRefusal);
  }

  function admit({ document, engine: asked }: { document: string; engine?: string }): void {
    const refusal = engineNamed(catalog.find(document), asked)?.saturated?.();
    if (refusal) throw refusal;
  }

  function formHints(documentId: string): Readonly<Record<string, string>> {
    const { document } = catalog.find(documentId);
    try {
      return document.formHints?.(contextNow()) ?? {};
    } catch (error) {
      // A figure not known today: the form goes without its help rather than failing.
      if (error instanceof LegalValueMissingError) return {};
      throw error;
    }
  }

  async function blank(documentId: string): Promise<Rendered> {
    const { document, engines } = catalog.find(documentId);
    const engine = engines.find((candidate) => candidate.capabilities.fillable && candidate.blank);
    if (!engine?.blank) throw noFillableForm(document.id);
    const form = await engine.blank({
      template: document.id,
      blankViewModel: blankOf(document, contextNow()),
    });
    const pdf = await applyMetadata(form, {
      title: `${document.title} — formulaire à remplir`,
      subject: document.reference.label,
      keywords: ['formulaire', 'vierge'],
      creationDate: clock(),
    });
    return { pdf, fileName: `${document.id}-vierge`, warnings: [] };
  }

  function read(request: ReadRequest): Promise<ReadBack> {
    const entry = catalog.find(request.document);
    return readFilledForm(entry, request, {
      forms: deps.forms,
      validate: (data) => validateData(entry, data, NO_FILES),
    });
  }

  return { catalog, forms: deps.forms, validate, check, render, admit, blank, read, formHints };
}

/**
 * An engine names a value it refuses by its box on the form (TOO_LONG_FOR_FORM on `eleve.nom`);
 * the caller is told the input path it sent (`eleve.nomNaissance`), read as the form reads back.
 */
async function namingInputs<T>(entry: CatalogEntry, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const reading = entry.document.formReading;
    if (!(error instanceof CoreError) || error.code !== 'VALIDATION_FAILED' || !reading)
      throw error;
    const schema = entry.jsonSchema as SchemaNode;
    const issues = (error.errors ?? []).map((issue) => ({
      ...issue,
      path: inputPathOfBox(issue.path, schema, reading),
    }));
    throw validationFailed(issues);
  }
}

/**
 * The engine a request asks for (the document's first by default), and whether it can do what
 * the request asks of it: keep fields editable, place images.
 */
function chooseEngine(
  entry: CatalogEntry,
  { engine: asked, flatten, files }: RenderRequest,
  registered: readonly Engine[],
): Engine {
  const able = (capability: keyof EngineCapabilities, or: string) =>
    registered
      .filter((candidate) => candidate.capabilities[capability])
      .map((candidate) => candidate.id)
      .join(` ${or} `);
  const engine = engineNamed(entry, asked);
  const available = entry.engines.map((candidate) => candidate.id).join(', ');
  if (!engine) {
    throw new CoreError('INVALID_PARAMETER', {
      detail_en: `engine must be one of: ${available}`,
      detail_fr: `engine doit valoir : ${available}`,
    });
  }
  if (flatten === false && !engine.capabilities.editable) {
    throw new CoreError('INVALID_PARAMETER', {
      detail_en: `flatten=false needs engine=${able('editable', 'or')}: a printed PDF has no fields.`,
      detail_fr: `flatten=false demande engine=${able('editable', 'ou')} : un PDF imprimé n’a pas de champ.`,
    });
  }
  const image = files.images[0];
  if (image && !engine.capabilities.images) {
    const [form, formulaire] = engine.capabilities.uploadedForm
      ? ['An official form', 'Un formulaire officiel']
      : [`The engine ${engine.id}`, `Le moteur ${engine.id}`];
    throw new CoreError('INVALID_UPLOAD', {
      detail_en: `${form} has no box of ours to place "${image.part}" in: use engine ${able('images', 'or')}, or send it as an attachment.`,
      detail_fr: `${formulaire} n’a pas de cadre où placer « ${image.part} » : utilisez le moteur ${able('images', 'ou')}, ou joignez-la en annexe.`,
    });
  }
  return engine;
}

/** A caption prints on the annex page: the characters refused in single-line fields are refused. */
function forbiddenInCaptions(files: RequestFiles): FieldIssue[] {
  return files.attachments.flatMap(({ part, caption }) => {
    const found = forbiddenCharacters(caption, { multiline: false });
    if (found.length === 0) return [];
    const messages = forbiddenCharacterMessages(found, { multiline: false });
    return [
      {
        path: part.replace(ATTACHMENTS_PART, CAPTIONS_PART),
        code: 'FORBIDDEN_CHARACTER',
        ...messages,
      },
    ];
  });
}

/** Runs a render, telling the observer how long it took and whether it succeeded. */
async function observed<T>(
  observer: RenderObserver | undefined,
  target: { document: string; engine: string },
  work: () => Promise<T>,
): Promise<T> {
  const started = performance.now();
  const tell = (ok: boolean) =>
    observer?.rendered?.({ ...target, ms: performance.now() - started, ok });
  try {
    const result = await work();
    tell(true);
    return result;
  } catch (error) {
    tell(false);
    throw error;
  }
}

/** The engine a request names (the document's first by default), if the document offers it. */
function engineNamed(entry: CatalogEntry, asked: string | undefined): Engine | undefined {
  const wanted = asked ?? entry.engines[0]?.id;
  return entry.engines.find((candidate) => candidate.id === wanted);
}

function blankOf(document: DocumentDefinition, context: DocumentContext, input?: unknown): unknown {
  if (!document.blankViewModel) throw noFillableForm(document.id);
  return document.blankViewModel(context, input);
}

function noFillableForm(id: string): CoreError {
  return new CoreError('ENGINE_UNAVAILABLE', {
    detail_en: `"${id}" has no fillable form (engine acroform).`,
    detail_fr: `« ${id} » n’a pas de formulaire à remplir (moteur acroform).`,
  });
}
