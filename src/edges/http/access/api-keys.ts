import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { CoreError } from '../../../core/errors.js';

/** A key as configured (API_KEYS): its name and the SHA-256 of the key, never the key itself. */
export interface ApiKey {
  name: string;
  sha256: string;
}

/**
 * Who a request comes from: the name of the valid API key it carries, else its address (behind
 * TRUST_PROXY proxies, the one they forwarded). Rate limits and Idempotency-Keys are counted and
 * scoped by it.
 */
export interface Client {
  id: string;
  /** What the request presented: no key, a configured one, or a key nobody configured. */
  credential: 'none' | 'valid' | 'invalid';
}

const clients = new WeakMap<Request, Client>();

export function clientOf(req: Request): Client {
  return clients.get(req) ?? { id: `address:${req.ip ?? 'unknown'}`, credential: 'none' };
}

/** The key a request presents: `Authorization: Bearer <key>`, else `X-API-Key: <key>`. */
function presentedKey(req: Request): string | undefined {
  const bearer = /^Bearer[ ]+(\S+)\s*$/i.exec(req.get('authorization') ?? '')?.[1];
  return bearer ?? (req.get('x-api-key')?.trim() || undefined);
}

/**
 * The name of the configured key whose hash is the presented key's. Every configured hash is
 * compared, in constant time, so the answer's timing says nothing of which one nearly matched.
 */
function keyName(keys: readonly ApiKey[], presented: string): string | undefined {
  const hash = createHash('sha256').update(presented, 'utf8').digest();
  let found: string | undefined;
  for (const key of keys) {
    if (timingSafeEqual(hash, Buffer.from(key.sha256, 'hex'))) found ??= key.name;
  }
  return found;
}

/** Names the client of every request (see Client); refuses nothing. */
export function identifyClient(keys: readonly ApiKey[]): RequestHandler {
  return (req, _res, next) => {
    const presented = presentedKey(req);
    const name = presented === undefined ? undefined : keyName(keys, presented);
    clients.set(
      req,
      name === undefined
        ? {
            id: `address:${req.ip ?? 'unknown'}`,
            credential: presented === undefined ? 'none' : 'invalid',
          }
        : { id: `key:${name}`, credential: 'valid' },
    );
    next();
  };
}

/** Reading the catalog is the same for every caller and carries nothing of theirs. */
const PUBLIC_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * With keys configured, every /v1 request that sends data (POST) needs one of them: 401 with
 * `WWW-Authenticate: Bearer` otherwise (RFC 6750: `error="invalid_token"` for a key nobody
 * configured). GETs stay public: the list, schemas, blank forms and model spreadsheets, which the
 * web pages link to. Without keys, nothing is refused.
 */
export function requireApiKey(keys: readonly ApiKey[]): RequestHandler {
  return (req, res, next) => {
    if (keys.length === 0 || PUBLIC_METHODS.has(req.method)) {
      next();
      return;
    }
    const { credential } = clientOf(req);
    if (credential === 'valid') {
      next();
      return;
    }
    const invalid = credential === 'invalid';
    res.set(
      'WWW-Authenticate',
      `Bearer realm="paperasse"${invalid ? ', error="invalid_token"' : ''}`,
    );
    next(
      new CoreError(
        'UNAUTHORIZED',
        invalid
          ? {
              detail_en: 'This API key is not one of the service’s.',
              detail_fr: 'Cette clé d’API n’est pas une clé du service.',
            }
          : {
              detail_en: 'Send an API key: Authorization: Bearer <key>, or X-API-Key: <key>.',
              detail_fr:
                'Envoyez une clé d’API : Authorization: Bearer <clé>, ou X-API-Key: <clé>.',
            },
      ),
    );
  };
}
