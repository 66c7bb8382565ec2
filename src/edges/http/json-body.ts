import express, { type RequestHandler } from 'express';
import { sizeInBytes } from '../../config.js';
import { CoreError } from '../../core/errors.js';
import { contentEncoding, unsupportedEncoding } from './content-encoding.js';
import { declaredLength, declaredTooLarge } from './declared-length.js';

/**
 * The codings a JSON body may come in (`Content-Encoding`). gzip and deflate are inflated as they
 * arrive, and BODY_LIMIT counts the inflated bytes: a small gzip bomb stops at the limit. br and
 * zstd, which body-parser would also take, are refused with the rest: one less decoder exposed.
 */
const ACCEPTED_ENCODINGS: ReadonlySet<string> = new Set(['identity', 'gzip', 'deflate']);

/** Thrown by `verify` when the body, once read (and inflated), holds no byte. */
class EmptyBodyRead extends Error {}

/**
 * A JSON body, or a clear 4xx before a byte is read: 400 when there is none, 413 when its
 * declared length is over the limit, 415 when it is not JSON or comes in a coding we do not take.
 * Then body-parser's errors: malformed or not inflatable: 400, too large once inflated: 413, empty
 * (a chunked body of no byte, a gzip of nothing): 400 EMPTY_BODY.
 */
export function jsonBody(limit: string): RequestHandler[] {
  const maxBytes = sizeInBytes(limit);
  const parse = express.json({
    limit: maxBytes,
    strict: true,
    inflate: true,
    type: () => true,
    verify: (_req, _res, body) => {
      if (body.length === 0) throw new EmptyBodyRead();
    },
  });

  const requireJson: RequestHandler = (req, _res, next) => {
    const length = req.headers['content-length'];
    const hasBody =
      req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
    if (!hasBody) {
      next(emptyBody());
      return;
    }
    if ((declaredLength(req) ?? 0) > maxBytes) {
      next(declaredTooLarge(maxBytes, 'BODY_LIMIT'));
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
    const encoding = contentEncoding(req);
    if (!ACCEPTED_ENCODINGS.has(encoding)) {
      next(unsupportedEncoding(encoding, 'json'));
      return;
    }
    next();
  };

  const parseJson: RequestHandler = (req, res, next) => {
    parse(req, res, (error?: unknown) => {
      next(error === undefined ? undefined : readFailure(error, contentEncoding(req)));
    });
  };
  return [requireJson, parseJson];
}

function emptyBody(): CoreError {
  return new CoreError('EMPTY_BODY', {
    detail_en: 'Send the document data as a JSON object (Content-Type: application/json).',
    detail_fr: 'Envoyez les données du document en JSON (Content-Type: application/json).',
  });
}

/**
 * What body-parser reports, said as the client should hear it where we know better than its own
 * `type`: an empty body, and a body that does not inflate (zlib's `Z_*` errors carry no type).
 * The rest (malformed, too large, aborted) goes on to the problem handler as it is.
 */
function readFailure(error: unknown, encoding: string): unknown {
  if (error instanceof EmptyBodyRead) return emptyBody();
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return new CoreError('MALFORMED_JSON', {
      detail_en: `The request body cannot be decompressed as Content-Encoding "${encoding}" says.`,
      detail_fr: `Le corps de la requête ne peut être décompressé comme l’annonce le Content-Encoding « ${encoding} ».`,
    });
  }
  return error;
}
