import type { Request } from 'express';
import { CoreError } from '../../core/errors.js';

/**
 * `Content-Encoding` of a request body. A JSON body may be gzip or deflate (inflated within
 * BODY_LIMIT, see json-body.ts); a multipart body is read as sent, never decompressed.
 */
export function contentEncoding(req: Request): string {
  return (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase() || 'identity';
}

const HINTS = {
  json: {
    en: 'send the JSON as is, or gzip or deflate it',
    fr: 'envoyez le JSON tel quel, ou compressé en gzip ou deflate',
  },
  multipart: {
    en: 'send the multipart body as is, uncompressed',
    fr: 'envoyez le corps multipart tel quel, sans compression',
  },
} as const;

/** 415 naming the coding, and what the route takes instead. */
export function unsupportedEncoding(encoding: string, body: keyof typeof HINTS): CoreError {
  const hint = HINTS[body];
  return new CoreError('UNSUPPORTED_MEDIA_TYPE', {
    detail_en: `Content-Encoding "${encoding}" is not supported: ${hint.en}.`,
    detail_fr: `Le Content-Encoding « ${encoding} » n’est pas pris en charge : ${hint.fr}.`,
  });
}
