/** A field-level problem, in both languages, named by its JSON path (`eleve.nir`, `enfants[0].prenom`). */
export interface FieldIssue {
  path: string;
  code: string;
  message_fr: string;
  message_en: string;
}

/**
 * The one table of public error codes, each with a stable title in both languages. Codes are the
 * core's words: each edge says them its own way (HTTP maps them to statuses in
 * src/edges/http/statuses.ts, the CLI to exit codes). The cause of an error goes to the log
 * only; an answer carries the public message.
 */
export const ERROR_CODES = {
  MALFORMED_JSON: { en: 'Malformed JSON', fr: 'JSON mal formé' },
  EMPTY_BODY: { en: 'Empty request body', fr: 'Corps de requête vide' },
  INVALID_PARAMETER: { en: 'Invalid parameter', fr: 'Paramètre invalide' },
  INVALID_UPLOAD: { en: 'Invalid upload', fr: 'Envoi de fichier invalide' },
  NOT_FOUND: { en: 'Not found', fr: 'Introuvable' },
  UNKNOWN_DOCUMENT: { en: 'Unknown document', fr: 'Document inconnu' },
  ENGINE_UNAVAILABLE: {
    en: 'Engine not offered by this document',
    fr: 'Moteur non proposé pour ce document',
  },
  METHOD_NOT_ALLOWED: { en: 'Method not allowed', fr: 'Méthode non autorisée' },
  PAYLOAD_TOO_LARGE: { en: 'Payload too large', fr: 'Requête trop volumineuse' },
  UNSUPPORTED_MEDIA_TYPE: {
    en: 'Unsupported media type',
    fr: 'Type de contenu non pris en charge',
  },
  NOT_A_PDF: { en: 'Not a PDF file', fr: 'Le fichier n’est pas un PDF' },
  PDF_ENCRYPTED: { en: 'Encrypted PDF', fr: 'PDF chiffré' },
  PDF_XFA_ONLY: { en: 'XFA-only form', fr: 'Formulaire XFA uniquement' },
  PDF_UNREADABLE: { en: 'Unreadable PDF', fr: 'PDF illisible' },
  PDF_NO_FORM: { en: 'PDF without form', fr: 'PDF sans formulaire' },
  PDF_TOO_COMPLEX: { en: 'PDF too complex to read', fr: 'PDF trop complexe à lire' },
  SHEET_TOO_COMPLEX: { en: 'Spreadsheet too complex to read', fr: 'Tableur trop complexe à lire' },
  UNSUPPORTED_FILE_TYPE: {
    en: 'Unsupported file type',
    fr: 'Type de fichier non pris en charge',
  },
  IMAGE_UNDECODABLE: { en: 'Unreadable image', fr: 'Image illisible' },
  IMAGE_TOO_LARGE: { en: 'Image too large', fr: 'Image trop grande' },
  TOO_MANY_PAGES: { en: 'Too many annex pages', fr: 'Trop de pages annexes' },
  OFFICIAL_FORM_MISMATCH: {
    en: 'Not the expected official form',
    fr: 'Ce n’est pas le formulaire officiel attendu',
  },
  VALIDATION_FAILED: { en: 'Validation failed', fr: 'Données invalides' },
  RENDER_QUEUE_FULL: { en: 'Too many renders', fr: 'Trop de rendus en cours' },
  INTERNAL: { en: 'Internal error', fr: 'Erreur interne' },
  RENDERER_UNAVAILABLE: {
    en: 'Renderer unavailable',
    fr: 'Moteur de rendu indisponible',
  },
  RENDER_TIMEOUT: { en: 'Render timed out', fr: 'Délai de rendu dépassé' },
  // Asynchronous batch jobs (src/jobs/).
  UNKNOWN_JOB: { en: 'Unknown job', fr: 'Tâche inconnue' },
  JOB_NOT_FINISHED: { en: 'Job not finished', fr: 'Tâche non terminée' },
  JOB_FAILED: { en: 'Job failed', fr: 'Tâche échouée' },
  JOB_QUEUE_FULL: { en: 'Too many jobs', fr: 'Trop de tâches' },
  JOBS_UNAVAILABLE: { en: 'Job queue unavailable', fr: 'File des tâches indisponible' },
  // The HTTP API's access controls (src/edges/http/access/): no other edge meets them.
  UNAUTHORIZED: { en: 'API key required', fr: 'Clé d’API requise' },
  RATE_LIMITED: { en: 'Too many requests', fr: 'Trop de requêtes' },
  IDEMPOTENCY_IN_PROGRESS: {
    en: 'A request with this Idempotency-Key is in progress',
    fr: 'Une requête avec cette Idempotency-Key est en cours',
  },
  IDEMPOTENCY_KEY_REUSED: {
    en: 'Idempotency-Key reused for another request',
    fr: 'Idempotency-Key réutilisée pour une autre requête',
  },
  IDEMPOTENCY_ANSWER_NOT_KEPT: {
    en: 'Answer too large to be sent again',
    fr: 'Réponse trop volumineuse pour être renvoyée',
  },
} as const satisfies Record<string, { en: string; fr: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface CoreErrorOptions {
  detail_en: string;
  detail_fr: string;
  errors?: FieldIssue[];
  retryAfterSeconds?: number;
  cause?: unknown;
}

export class CoreError extends Error {
  readonly code: ErrorCode;
  readonly detail_fr: string;
  readonly errors?: FieldIssue[];
  readonly retryAfterSeconds?: number;

  constructor(code: ErrorCode, options: CoreErrorOptions) {
    super(options.detail_en, { cause: options.cause });
    this.name = 'CoreError';
    this.code = code;
    this.detail_fr = options.detail_fr;
    this.errors = options.errors;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function validationFailed(errors: FieldIssue[]): CoreError {
  const fields = [...new Set(errors.map((issue) => issue.path || '(racine)'))].join(', ');
  return new CoreError('VALIDATION_FAILED', {
    detail_en: `Invalid fields: ${fields}`,
    detail_fr: `Champs invalides : ${fields}`,
    errors,
  });
}

/** Runs `work`, rethrowing the failures `translate` knows as what it returns (others as they are). */
export async function translating<T>(
  work: () => Promise<T>,
  translate: (error: unknown) => unknown,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw translate(error);
  }
}

/** Every worker reading uploaded PDFs is busy and their queue is full: come back shortly. */
export function workersBusy(retryAfterSeconds: number): CoreError {
  return new CoreError('RENDER_QUEUE_FULL', {
    detail_en: `Every worker reading uploaded PDFs is busy; retry in ${retryAfterSeconds} s.`,
    detail_fr: `Tous les lecteurs de PDF envoyés sont occupés ; réessayez dans ${retryAfterSeconds} s.`,
    retryAfterSeconds,
  });
}
