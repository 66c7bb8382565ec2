import type { CoreError } from '../core/errors.js';
import type { FieldBox, FieldValue } from './field-box.js';
import type { RasterImage } from './raster-image.js';

/**
 * The one seam between the core and the ways of making a PDF (html, acroform, official). An
 * engine knows templates and view models, never documents: the core hands it the template id,
 * the view model, and what the request brought, all checked. Engines are listed in
 * src/engines/registry.ts; adding one touches no router and no core code.
 *
 * An engine reports a failure the client should hear as a CoreError with a code (queue full,
 * timeout, an uploaded form it cannot read); anything else is a fault of ours.
 */
export interface Engine {
  readonly id: string;
  readonly capabilities: EngineCapabilities;
  /** Whether it prints this template (the document declares it, or a mapping exists). */
  offers(target: EngineTarget): boolean;
  render(job: EngineJob): Promise<Uint8Array>;
  /**
   * What render would refuse in the data, without rendering (POST …/validate?engine=…): e.g. a
   * value too long for its box on a fixed form. Absent: nothing more than the data's rules.
   */
  check?(job: EngineJob): Promise<void>;
  /** The fillable blank form (engines with `fillable`). */
  blank?(job: BlankJob): Promise<Uint8Array>;
  /**
   * The refusal a render would meet now, as render() would throw it (RENDER_QUEUE_FULL with its
   * Retry-After), or undefined. Cheap: an edge asks before reading the request's body. Absent:
   * it never refuses for load.
   */
  saturated?(): CoreError | undefined;
  /** Can it render now? (readiness probes). Absent: always. */
  checkReady?(): Promise<boolean>;
  /** Starts what it needs (Chromium), so that the first request does not pay for it. */
  warmUp?(): Promise<void>;
  close?(): Promise<void>;
}

export interface EngineCapabilities {
  /**
   * It fills a form made from the document's blank view model: the job carries
   * `blankViewModel`, and the document must have one.
   */
  fillable: boolean;
  /** flatten=false: it can leave the form's fields editable. */
  editable: boolean;
  /** It places images (signatures, stamps) in the template's boxes. */
  images: boolean;
  /** It fills a form the request uploads (the `form` file of the render request). */
  uploadedForm: boolean;
}

export interface EngineTarget {
  /** The template id (a document's id). */
  template: string;
  /** The engines the document declares. */
  declared: readonly string[];
}

export interface EngineJob {
  template: string;
  viewModel: unknown;
  /** For `fillable` engines: the blank form the values go on, with the texts in force. */
  blankViewModel?: unknown;
  /** Draw the values into the pages (default) or keep them in editable fields. */
  flatten: boolean;
  /** Box name → image, checked and re-encoded. */
  images: ReadonlyMap<string, RasterImage>;
  /** Captions of the annexes that will follow, for a form's "joindre" line. */
  annexCaptions: readonly string[];
  /** The uploaded form to fill (engines with `uploadedForm`). */
  form?: Uint8Array;
  signal?: AbortSignal;
}

export interface BlankJob {
  template: string;
  blankViewModel: unknown;
}

/**
 * Any fillable PDF, without a document (POST /v1/pdf/fields and /fill): its fields, and the form
 * filled by full field name. Failures are CoreErrors (not a PDF, encrypted, a value that does not
 * fit its field…).
 */
export interface PdfForms {
  /** Each field: its full name, type, value, options, limits, and where its widgets lie. */
  fields(pdf: Uint8Array): Promise<readonly PdfFormField[]>;
  fill(
    pdf: Uint8Array,
    values: Readonly<Record<string, unknown>>,
    options: { flatten: boolean },
  ): Promise<Uint8Array>;
}

/** A field of a PDF form as PdfForms lists it (more is listed than this: see inspect.ts). */
export interface PdfFormField {
  name: string;
  type: string;
  /** A text's text, a checkbox's state, a radio group's or list's choice; null when empty. */
  value: string | boolean | readonly string[] | null;
}

/**
 * The document's own template as printed, for engines built on it (the fillable form is made from
 * its print; an official form takes the values it prints). The html engine provides it, with its
 * failures already said as CoreErrors.
 */
export interface PrintedTemplates {
  /** The values of the template's marked boxes for a view model, as printed (no Chromium). */
  fieldValues(template: string, viewModel: unknown): Record<string, FieldValue>;
  /** The printed PDF and where each marked box lies on it. */
  layout(template: string, viewModel: unknown): Promise<{ pdf: Uint8Array; boxes: FieldBox[] }>;
}
