/** A field-level problem, in both languages, named by its JSON path (`eleve.nir`, `enfants[0].prenom`). */
export interface FieldIssue {
  path: string;
  code: string;
  message_fr: string;
  message_en: string;
}

/**
 * The one table of public error codes: HTTP status and a stable title in both languages.
 * The cause of an error goes to the log only; a response carries the public message.
 */
export const ERROR_CODES = {
  MALFORMED_JSON: { status: 400, en: 'Malformed JSON', fr: 'JSON mal formé' },
  EMPTY_BODY: { status: 400, en: 'Empty request body', fr: 'Corps de requête vide' },
  INVALID_PARAMETER: { status: 400, en: 'Invalid parameter', fr: 'Paramètre invalide' },
  INVALID_UPLOAD: { status: 400, en: 'Invalid upload', fr: 'Envoi de fichier invalide' },
  NOT_FOUND: { status: 404, en: 'Not found', fr: 'Introuvable' },
  UNKNOWN_DOCUMENT: { status: 404, en: 'Unknown document', fr: 'Document inconnu' },
  ENGINE_UNAVAILABLE: {
    status: 404,
    en: 'Engine not offered by this document',
    fr: 'Moteur non proposé pour ce document',
  },
  METHOD_NOT_ALLOWED: { status: 405, en: 'Method not allowed', fr: 'Méthode non autorisée' },
  PAYLOAD_TOO_LARGE: { status: 413, en: 'Payload too large', fr: 'Requête trop volumineuse' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    en: 'Unsupported media type',
    fr: 'Type de contenu non pris en charge',
  },
  NOT_A_PDF: { status: 415, en: 'Not a PDF file', fr: 'Le fichier n’est pas un PDF' },
  PDF_ENCRYPTED: { status: 422, en: 'Encrypted PDF', fr: 'PDF chiffré' },
  PDF_XFA_ONLY: { status: 422, en: 'XFA-only form', fr: 'Formulaire XFA uniquement' },
  PDF_UNREADABLE: { status: 422, en: 'Unreadable PDF', fr: 'PDF illisible' },
  PDF_NO_FORM: { status: 422, en: 'PDF without form', fr: 'PDF sans formulaire' },
  UNSUPPORTED_FILE_TYPE: {
    status: 415,
    en: 'Unsupported file type',
    fr: 'Type de fichier non pris en charge',
  },
  IMAGE_UNDECODABLE: { status: 422, en: 'Unreadable image', fr: 'Image illisible' },
  IMAGE_TOO_LARGE: { status: 422, en: 'Image too large', fr: 'Image trop grande' },
  TOO_MANY_PAGES: { status: 413, en: 'Too many annex pages', fr: 'Trop de pages annexes' },
  OFFICIAL_FORM_MISMATCH: {
    status: 422,
    en: 'Not the expected official form',
    fr: 'Ce n’est pas le formulaire officiel attendu',
  },
  VALIDATION_FAILED: { status: 422, en: 'Validation failed', fr: 'Données invalides' },
  RENDER_QUEUE_FULL: { status: 429, en: 'Too many renders', fr: 'Trop de rendus en cours' },
  INTERNAL: { status: 500, en: 'Internal error', fr: 'Erreur interne' },
  RENDERER_UNAVAILABLE: {
    status: 503,
    en: 'Renderer unavailable',
    fr: 'Moteur de rendu indisponible',
  },
  RENDER_TIMEOUT: { status: 503, en: 'Render timed out', fr: 'Délai de rendu dépassé' },
} as const satisfies Record<string, { status: number; en: string; fr: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface AppErrorOptions {
  detail_en: string;
  detail_fr: string;
  errors?: FieldIssue[];
  retryAfterSeconds?: number;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly detail_fr: string;
  readonly errors?: FieldIssue[];
  readonly retryAfterSeconds?: number;

  constructor(code: ErrorCode, options: AppErrorOptions) {
    super(options.detail_en, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.detail_fr = options.detail_fr;
    this.errors = options.errors;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function validationFailed(errors: FieldIssue[]): AppError {
  const fields = [...new Set(errors.map((issue) => issue.path || '(racine)'))].join(', ');
  return new AppError('VALIDATION_FAILED', {
    detail_en: `Invalid fields: ${fields}`,
    detail_fr: `Champs invalides : ${fields}`,
    errors,
  });
}
