import type { ErrorCode } from '../../core/errors.js';

/** The command's exit statuses, as `paperasse --help` and README list them. */
export const EXIT = {
  /** Done (warnings, if any, on stderr). */
  OK: 0,
  /** The data is refused: malformed JSON, or fields that fail the schema or the rules. */
  INVALID: 1,
  /** The command line: an unknown command or option, a missing or extra argument, a bad value. */
  USAGE: 2,
  /** It could not be done: a file missing or refused, an unknown document, Chromium unavailable… */
  FAILED: 3,
  /** A fault of ours (PAPERASSE_DEBUG=1 prints its stack). */
  INTERNAL: 4,
  /** Ctrl-C (SIGINT); SIGTERM gives 143, as a shell counts them. */
  INTERRUPTED: 130,
} as const;

/**
 * How the CLI says each of the core's error codes (HTTP has its statuses in
 * src/edges/http/statuses.ts). The `Record` makes a new code a compile error here until it has
 * its exit status.
 */
export const EXIT_STATUS: Readonly<Record<ErrorCode, number>> = {
  MALFORMED_JSON: EXIT.INVALID,
  EMPTY_BODY: EXIT.INVALID,
  VALIDATION_FAILED: EXIT.INVALID,
  INVALID_PARAMETER: EXIT.USAGE,
  INVALID_UPLOAD: EXIT.FAILED,
  NOT_FOUND: EXIT.FAILED,
  UNKNOWN_DOCUMENT: EXIT.FAILED,
  ENGINE_UNAVAILABLE: EXIT.FAILED,
  METHOD_NOT_ALLOWED: EXIT.FAILED,
  PAYLOAD_TOO_LARGE: EXIT.FAILED,
  TOO_MANY_PAGES: EXIT.FAILED,
  UNSUPPORTED_MEDIA_TYPE: EXIT.FAILED,
  NOT_A_PDF: EXIT.FAILED,
  UNSUPPORTED_FILE_TYPE: EXIT.FAILED,
  PDF_ENCRYPTED: EXIT.FAILED,
  PDF_XFA_ONLY: EXIT.FAILED,
  PDF_UNREADABLE: EXIT.FAILED,
  PDF_NO_FORM: EXIT.FAILED,
  PDF_TOO_COMPLEX: EXIT.FAILED,
  SHEET_TOO_COMPLEX: EXIT.FAILED,
  IMAGE_UNDECODABLE: EXIT.FAILED,
  IMAGE_TOO_LARGE: EXIT.FAILED,
  OFFICIAL_FORM_MISMATCH: EXIT.FAILED,
  RENDER_QUEUE_FULL: EXIT.FAILED,
  RENDERER_UNAVAILABLE: EXIT.FAILED,
  RENDER_TIMEOUT: EXIT.FAILED,
  INTERNAL: EXIT.INTERNAL,
  // Said by the HTTP API's access controls only; the command line never meets them.
  UNAUTHORIZED: EXIT.INTERNAL,
  RATE_LIMITED: EXIT.INTERNAL,
  IDEMPOTENCY_IN_PROGRESS: EXIT.INTERNAL,
  IDEMPOTENCY_KEY_REUSED: EXIT.INTERNAL,
  IDEMPOTENCY_ANSWER_NOT_KEPT: EXIT.INTERNAL,
  // Jobs are an HTTP API's (POST /v1/jobs); the command line renders its batches at once.
  UNKNOWN_JOB: EXIT.INTERNAL,
  JOB_NOT_FINISHED: EXIT.INTERNAL,
  JOB_FAILED: EXIT.INTERNAL,
  JOB_QUEUE_FULL: EXIT.INTERNAL,
  JOBS_UNAVAILABLE: EXIT.INTERNAL,
};

/** The exit statuses, for the help texts. */
export const EXIT_HELP = `Codes de sortie :
  0    fait (les avertissements sont écrits sur la sortie d’erreur)
  1    données refusées : JSON mal formé, champs invalides (chacun nommé)
  2    ligne de commande incorrecte (commande, option, argument)
  3    impossible : fichier introuvable ou refusé, document inconnu, Chromium indisponible…
  4    erreur interne (PAPERASSE_DEBUG=1 affiche la pile)
  130  interrompu (Ctrl-C ; 143 pour SIGTERM)`;

/**
 * A failure the CLI itself finds (a file it cannot read or write, a bad argument), with its exit
 * status; the core's own are CoreErrors.
 */
export class CliError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode: number = EXIT.FAILED, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** A bad command line: its message, then a pointer to the command's help. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT.USAGE);
    this.name = 'UsageError';
  }
}
