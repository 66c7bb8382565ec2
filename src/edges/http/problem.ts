import type { ErrorRequestHandler, Response } from 'express';
import { CoreError, ERROR_CODES } from '../../core/errors.js';
import { HTTP_STATUS } from './statuses.js';
import type { Logger } from '../../logger.js';

const PROBLEM_TYPE_BASE = '/problems/';

/** RFC 9457 problem details, with the French text beside the English one. */
export function sendProblem(res: Response, error: CoreError, instance?: string): void {
  const entry = ERROR_CODES[error.code];
  const status = HTTP_STATUS[error.code];
  if (error.retryAfterSeconds !== undefined)
    res.set('Retry-After', String(error.retryAfterSeconds));
  res
    .status(status)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: PROBLEM_TYPE_BASE + error.code.toLowerCase().replaceAll('_', '-'),
        title: entry.en,
        title_fr: entry.fr,
        status,
        code: error.code,
        detail: error.message,
        detail_fr: error.detail_fr,
        ...(instance ? { instance } : {}),
        ...(error.errors ? { errors: error.errors } : {}),
      }),
    );
}

/** body-parser's errors carry a `type`; map them to ours, never echoing the body back. */
function fromBodyParser(error: {
  type?: string;
  status?: number;
  limit?: number;
}): CoreError | null {
  switch (error.type) {
    case 'entity.parse.failed':
      return new CoreError('MALFORMED_JSON', {
        detail_en: 'The request body is not valid JSON.',
        detail_fr: "Le corps de la requête n'est pas un JSON valide.",
      });
    case 'entity.too.large':
      return new CoreError('PAYLOAD_TOO_LARGE', {
        detail_en: `The request body is over the limit of ${error.limit} bytes.`,
        detail_fr: `Le corps de la requête dépasse la limite de ${error.limit} octets.`,
      });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new CoreError('UNSUPPORTED_MEDIA_TYPE', {
        detail_en: 'Send the JSON body encoded in UTF-8.',
        detail_fr: 'Envoyez le corps JSON encodé en UTF-8.',
      });
    default:
      return null;
  }
}

export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (res.headersSent || res.destroyed) {
      // The client went away (its render was aborted) or the answer already started.
      logger.info({ path: req.originalUrl.split('?')[0] }, 'request abandoned');
      if (!res.writableEnded) res.end();
      return;
    }
    const known =
      error instanceof CoreError
        ? error
        : fromBodyParser(error as { type?: string; limit?: number });
    if (known) {
      if (HTTP_STATUS[known.code] >= 500)
        logger.error({ err: known.cause ?? known, code: known.code }, known.message);
      sendProblem(res, known, req.originalUrl.split('?')[0]);
      return;
    }
    logger.error({ err: error, route: req.route?.path }, 'unhandled error');
    sendProblem(
      res,
      new CoreError('INTERNAL', {
        detail_en: 'An unexpected error occurred; it has been logged.',
        detail_fr: 'Une erreur inattendue est survenue ; elle a été journalisée.',
      }),
    );
  };
}
