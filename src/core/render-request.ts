import { z } from 'zod';
import { CoreError } from './errors.js';

/**
 * What every edge (HTTP, CLI, batch, web pages, job worker) turns its input into: one document
 * to render, its data as received, and the files the caller brought, by role. Nothing in it is
 * trusted yet: the core validates the data against the document's schema and judges each file
 * by its content (prepare-files.ts).
 */
const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'bytes');

export const requestFilesSchema = z.object({
  /**
   * The caller sends files with its data (a multipart request, the CLI's files, a web form): a
   * supporting document the form asks for and that is missing is then worth a warning. A plain
   * JSON request cannot carry files, and is not warned.
   */
  assembling: z.boolean(),
  /** engine=official: the official fillable PDF to fill. */
  form: bytes.optional(),
  /** Images for the document's image boxes; `part` is the box's name (see parts.ts). */
  images: z.array(z.object({ part: z.string().min(1), bytes })),
  /** Annexes, in the order sent: the declared ones (with `name`) first, then the others. */
  attachments: z.array(
    z.object({
      part: z.string().min(1),
      name: z.string().min(1).optional(),
      caption: z.string(),
      bytes,
    }),
  ),
});

export type RequestFiles = z.infer<typeof requestFilesSchema>;

export const NO_FILES: RequestFiles = { assembling: false, images: [], attachments: [] };

export const renderRequestSchema = z.object({
  /** The document's id, as the catalog lists it. */
  document: z.string().min(1),
  /** The document's JSON, checked against its schema by the core. */
  data: z.unknown(),
  /** One of the engines the catalog gives for the document; its first one by default. */
  engine: z.string().optional(),
  /** Fillable engines: draw the values into the pages (default) or keep the fields editable. */
  flatten: z.boolean().optional(),
  files: requestFilesSchema.default(NO_FILES),
});

/** What an edge builds; `files` may be left out. */
export type RenderRequestInput = z.input<typeof renderRequestSchema>;
export type RenderRequest = z.infer<typeof renderRequestSchema>;

/** The request checked for shape (an edge's bug, or a caller's bad parameter, is a 400). */
export function renderRequest(input: RenderRequestInput): RenderRequest {
  const parsed = renderRequestSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
  throw new CoreError('INVALID_PARAMETER', {
    detail_en: `Invalid render request: ${where}.`,
    detail_fr: `Demande de rendu invalide : ${where}.`,
  });
}

/** A render option as text arrives: from a query string, a command line, a form field. */
type TextOption = string | readonly string[] | undefined;

/**
 * `engine` and `flatten` as text (`?engine=acroform&flatten=false`, `--engine acroform`): each
 * given at most once, flatten `true` or `false`. Which engines a document offers is checked at
 * render time.
 */
export function renderOptions(text: { engine?: TextOption; flatten?: TextOption }): {
  engine?: string;
  flatten?: boolean;
} {
  const { engine, flatten } = text;
  if (engine !== undefined && typeof engine !== 'string') {
    throw new CoreError('INVALID_PARAMETER', {
      detail_en: 'engine must be given once.',
      detail_fr: 'engine ne doit être donné qu’une fois.',
    });
  }
  if (flatten !== undefined && flatten !== 'true' && flatten !== 'false') {
    throw new CoreError('INVALID_PARAMETER', {
      detail_en: 'flatten must be true or false, given once.',
      detail_fr: 'flatten doit valoir true ou false, donné une fois.',
    });
  }
  return {
    ...(engine !== undefined ? { engine } : {}),
    ...(flatten !== undefined ? { flatten: flatten === 'true' } : {}),
  };
}
