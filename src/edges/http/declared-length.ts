import type { Request } from 'express';
import { CoreError } from '../../core/errors.js';

/**
 * A request whose `Content-Length` already says it is too large is refused before a byte of its
 * body is read: the answer goes out at once, and the problem handler closes the connection
 * (`Connection: close`) rather than reading the rest to keep it alive.
 */
export function declaredLength(req: Request): number | undefined {
  const header = req.headers['content-length'];
  if (header === undefined) return undefined;
  const length = Number(header);
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
}

/** `limit` is in bytes; `setting` names what sets it (BODY_LIMIT, UPLOAD_FILE_LIMIT…). */
export function declaredTooLarge(limit: number, setting: string): CoreError {
  return new CoreError('PAYLOAD_TOO_LARGE', {
    detail_en: `The request body is over the limit of ${limit} bytes (${setting}).`,
    detail_fr: `Le corps de la requête dépasse la limite de ${limit} octets (${setting}).`,
  });
}
