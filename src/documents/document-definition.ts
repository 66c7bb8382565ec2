import type { z } from 'zod';
import type { FieldIssue } from '../core/errors.js';
import type { LegalTable } from '../legal/legal-table.js';
import type { FormReading } from './read/form-reading.js';

/**
 * What rules and mappings may consult besides the input: the legal table, today's date, and which
 * supporting documents the request brings.
 */
export interface DocumentContext {
  legal: LegalTable;
  /** ISO date in Europe/Paris, so that "today" does not depend on the server's time zone. */
  today: string;
  /**
   * The names of the supporting documents of `uploads.attachments` the request brings (part
   * `attachments.<name>`), e.g. a form ticks "copie jointe" for them. Absent or empty: none.
   */
  attached?: readonly string[];
}

export interface RuleOutcome {
  /** Rules that are law: the document is refused (422). */
  errors: FieldIssue[];
  /** Rules of practice: the document is rendered and the caller is told (DECISIONS §6). */
  warnings: FieldIssue[];
}

export interface DocumentReference {
  /** e.g. "Cerfa 15973*01", or the name of the model followed when there is no Cerfa number. */
  label: string;
  cerfa?: string;
  source: string;
}

export interface PdfMetadata {
  title: string;
  subject: string;
  keywords: string[];
}

/**
 * A document is data plus pure functions: no Express, no engine. The engines receive the view
 * model and the template id, nothing else.
 */
export interface DocumentDefinition<Input = unknown, ViewModel = unknown> {
  id: string;
  title: string;
  reference: DocumentReference;
  /**
   * The engines it renders with, its default first: ids of src/engines/registry.ts ('html':
   * Chromium prints the template; 'acroform': the fillable form made from it), checked at start-up.
   */
  engines: readonly string[];
  /** The public contract; `z.infer` gives `Input`. Keys are French camelCase (DECISIONS §14). */
  schema: z.ZodType<Input>;
  rules(input: Input, context: DocumentContext): RuleOutcome;
  toViewModel(input: Input, context: DocumentContext): ViewModel;
  /**
   * The view model of the empty form (empty strings, unticked boxes, as many lines as the form
   * can hold), laid out as a normal render: the fillable form (engine acroform, GET …/blank) is
   * built from it. Required when `engines` includes 'acroform'. Given an input, the texts the
   * form prints around the fields (e.g. legal figures) are those in force for that input.
   */
  blankViewModel?(context: DocumentContext, input?: Input): ViewModel;
  /**
   * Help from the law in force today for the people filling the form in (the web pages), by
   * input path of a field or a group: "25 h maximum par semaine". Figures from the legal table.
   * A value unknown at that date leaves its hint out (LegalValueMissingError is caught).
   */
  formHints?(context: DocumentContext): Readonly<Record<string, string>>;
  /**
   * How its fillable form reads back into its input (POST …/read): the boxes the service
   * computes, and those not named after an input path. Required when `engines` includes
   * 'acroform'.
   */
  formReading?: FormReading;
  metadata(input: Input): PdfMetadata;
  /**
   * Input paths (prefixes) that feed the rules or computations but have no box on the form,
   * e.g. the gratification used to answer OUI/NON. Every other sample value must be printed.
   */
  computedFrom?: readonly string[];
  /** Images and supporting documents it takes; none when absent. */
  uploads?: DocumentUploads;
  /** Without extension; the HTTP layer makes it safe for Content-Disposition. */
  fileName(input: Input): string;
  /**
   * The name of each PDF in a batch's ZIP, as a pattern of input paths
   * (`{eleve.nomNaissance}-{eleve.prenom}`); `fileName` when absent. A batch's `nom` overrides it.
   */
  batchFileName?: string;
}

/**
 * Files a request may add (multipart): images placed in the template's boxes, and the supporting
 * documents the form asks to attach. Data only: the HTTP layer names the parts after it.
 */
export interface DocumentUploads {
  /** Each is a box of the template, `data-image="<name>"`, and the part that fills it. */
  images?: readonly ImageSlot[];
  /** What the form says to attach ("joindre"): part `attachments.<name>`; missing → warning. */
  attachments?: readonly ExpectedAttachment[];
}

export interface ImageSlot {
  name: string;
  label_fr: string;
  label_en: string;
}

export interface ExpectedAttachment {
  name: string;
  label_fr: string;
  label_en: string;
  /** When the form asks for it only in some cases (the input is the validated data). */
  when?(input: unknown): boolean;
}

export const NO_UPLOADS: DocumentUploads = { images: [], attachments: [] };

/** Keeps each document strictly typed while the registry holds them side by side. */
export function defineDocument<Input, ViewModel>(
  definition: DocumentDefinition<Input, ViewModel>,
): DocumentDefinition {
  return definition as unknown as DocumentDefinition;
}
