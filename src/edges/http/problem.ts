import type { ErrorRequestHandler, Request, Response } from 'express';
import { CoreError, ERROR_CODES, type ErrorCode } from '../../core/errors.js';
import { unsupportedEncoding } from './content-encoding.js';
import { noteProblem } from './ops/problem-code.js';
import { routeLabel, type DocumentEngines } from './ops/route-label.js';
import { HTTP_STATUS } from './statuses.js';
import type { Logger } from '../../logger.js';

const PROBLEM_TYPE_BASE = '/problems/';

/** RFC 9457 problem details, with the French text beside the English one. */
export function sendProblem(res: Response, error: CoreError, instance?: string): void {
  noteProblem(res, error.code);
  if (error.retryAfterSeconds !== undefined)
    res.set('Retry-After', String(error.retryAfterSeconds));
  res
    .status(HTTP_STATUS[error.code])
    .type('application/problem+json')
    .send(JSON.stringify(problemBody(error, instance)));
}

/** The body of a problem answer: what sendProblem sends, and the OpenAPI examples show. */
export function problemBody(error: CoreError, instance?: string): Record<string, unknown> {
  const entry = ERROR_CODES[error.code];
  const status = HTTP_STATUS[error.code];
  return {
    type: problemType(error.code),
    title: entry.en,
    title_fr: entry.fr,
    status,
    code: error.code,
    detail: error.message,
    detail_fr: error.detail_fr,
    ...(instance ? { instance } : {}),
    ...(error.errors ? { errors: error.errors } : {}),
  };
}

/** `/problems/validation-failed` for VALIDATION_FAILED. */
export function problemType(code: ErrorCode): string {
  return PROBLEM_TYPE_BASE + code.toLowerCase().replaceAll('_', '-');
}

/** body-parser's errors carry a `type`; map them to ours, never echoing the body back. */
function fromBodyParser(error: {
  type?: string;
  status?: number;
  limit?: number;
  encoding?: string;
}): CoreError | null {
  switch (error.type) {
    case 'entity.parse.failed':
      return new CoreError('MALFORMED_JSON', {
        detail_en: 'The request body is not valid JSON.',
        detail_fr: "Le corps de la requête n'est pas un JSON valide.",
      });
    case 'request.size.invalid':
      return new CoreError('MALFORMED_JSON', {
        detail_en: 'The request body does not have the length its Content-Length declares.',
        detail_fr: 'Le corps de la requête n’a pas la longueur que déclare son Content-Length.',
      });
    case 'entity.too.large':
      return new CoreError('PAYLOAD_TOO_LARGE', {
        detail_en: `The request body is over the limit of ${error.limit} bytes.`,
        detail_fr: `Le corps de la requête dépasse la limite de ${error.limit} octets.`,
      });
    case 'encoding.unsupported':
      return unsupportedEncoding(error.encoding ?? 'unknown', 'json');
    case 'charset.unsupported':
      return new CoreError('UNSUPPORTED_MEDIA_TYPE', {
        detail_en: 'Send the JSON body encoded in UTF-8.',
        detail_fr: 'Envoyez le corps JSON encodé en UTF-8.',
      });
    default:
      return null;
  }
}

/**
 * A path that is not valid percent-encoded UTF-8 (`%ZZ`, a cut sequence, an overlong `%C0%AE`):
 * Express cannot decode its parameters. A 400 of its own, before any route.
 */
export function badPathEncoding(): CoreError {
  return new CoreError('INVALID_PARAMETER', {
    detail_en: 'The path is not valid percent-encoded UTF-8.',
    detail_fr: 'Le chemin n’est pas de l’UTF-8 valide encodé en pourcent (percent-encoding).',
  });
}

/**
 * The client is gone: it hung up during its upload (body-parser's "request aborted", busboy's
 * "Unexpected end of form" or multer's "Request aborted" as the stream breaks) or while its
 * answer was being made (its render aborted). Nobody is left to read an answer.
 */
function clientGone(error: unknown, req: Request, res: Response): boolean {
  if (res.destroyed || req.socket.destroyed) return true;
  const { type, code } = (error ?? {}) as { type?: unknown; code?: unknown };
  return type === 'request.aborted' || code === 'ECONNRESET' || code === 'ECONNABORTED';
}

export function problemHandler(logger: Logger, documents: DocumentEngines): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const target = { requestId: req.id, method: req.method, ...routeLabel(req, documents) };
    if (clientGone(error, req, res)) {
      // An ordinary event, not a fault: no stack, and no answer (the socket is gone).
      logger.info({ ...target, during: req.complete ? 'answer' : 'upload' }, 'client went away');
      res.destroy();
      return;
    }
    if (res.headersSent) {
      logger.warn({ ...target, err: errorName(error) }, 'error after the answer started');
      if (!res.writableEnded) res.end();
      return;
    }
    // Answered before its body was read (a declared length over the limit, a full queue, an
    // unknown document): close the connection rather than read the rest to keep it alive.
    if (!req.complete) res.set('Connection', 'close');
    const known =
      error instanceof CoreError
        ? error
        : error instanceof URIError
          ? badPathEncoding()
          : fromBodyParser(error as { type?: string; limit?: number });
    if (known) {
      if (HTTP_STATUS[known.code] >= 500)
        logger.error({ err: known.cause ?? known, code: known.code, ...target }, known.message);
      sendProblem(res, known, req.originalUrl.split('?')[0]);
      return;
    }
    logger.error({ err: error, ...target }, 'unhandled error');
    sendProblem(
      res,
      new CoreError('INTERNAL', {
        detail_en: 'An unexpected error occurred; it has been logged.',
        detail_fr: 'Une erreur inattendue est survenue ; elle a été journalisée.',
      }),
    );
  };
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
