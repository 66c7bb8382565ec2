import express, { type RequestHandler } from 'express';
import { CoreError } from '../../core/errors.js';

/**
 * A JSON body, or a clear 4xx: 400 when there is none, 415 when it is not JSON, then
 * body-parser's own errors (malformed: 400, too large: 413) mapped by the problem handler.
 */
export function jsonBody(limit: string): RequestHandler[] {
  const requireJson: RequestHandler = (req, _res, next) => {
    const length = req.headers['content-length'];
    const hasBody =
      req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
    if (!hasBody) {
      next(
        new CoreError('EMPTY_BODY', {
          detail_en: 'Send the document data as a JSON object (Content-Type: application/json).',
          detail_fr: 'Envoyez les données du document en JSON (Content-Type: application/json).',
        }),
      );
      return;
    }
    if (!req.is('application/json')) {
      next(
        new CoreError('UNSUPPORTED_MEDIA_TYPE', {
          detail_en: `Content-Type must be application/json, not ${req.headers['content-type'] ?? 'none'}.`,
          detail_fr: `Le Content-Type doit être application/json, et non ${req.headers['content-type'] ?? 'absent'}.`,
        }),
      );
      return;
    }
    next();
  };
  return [requireJson, express.json({ limit, strict: true, type: () => true })];
}
