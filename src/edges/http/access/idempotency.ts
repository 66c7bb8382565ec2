import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { CoreError } from '../../../core/errors.js';
import { captureAnswer } from './answer-capture.js';
import { clientOf } from './api-keys.js';
import { BodyFingerprint } from './body-fingerprint.js';
import { IdempotencyStore, type Entry } from './idempotency-store.js';

export interface IdempotencyOptions {
  /** IDEMPOTENCY_TTL_SECONDS; 0: the header is ignored. */
  ttlSeconds: number;
  /** IDEMPOTENCY_STORE_LIMIT, in bytes. */
  storeLimit: number;
  /** IDEMPOTENCY_ANSWER_LIMIT, in bytes. */
  answerLimit: number;
  now?: () => number;
}

/** The header says a replay, as Stripe's API does: the answer was made once, earlier. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/**
 * `Idempotency-Key` on the routes that render (IETF httpapi draft): the first request with a key
 * runs and its successful answer is kept; a retry with the same key and the same request (see
 * BodyFingerprint) gets that answer again, status, headers and bytes, without a second render;
 * while the first runs, 409; with another request, 422. Keys are scoped by client (API key, else
 * address): two clients never see each other's answers. A failed first request (4xx, 5xx, client
 * gone) keeps nothing: its retry runs anew.
 */
export function idempotency(options: IdempotencyOptions): RequestHandler | undefined {
  if (options.ttlSeconds === 0) return undefined;
  const store = new IdempotencyStore({
    ttlMs: options.ttlSeconds * 1000,
    maxBytes: options.storeLimit,
    ...(options.now ? { now: options.now } : {}),
  });
  const answerLimit = Math.min(options.answerLimit, options.storeLimit);
  return (req, res, next) => {
    const header = req.get('idempotency-key');
    if (header === undefined) {
      next();
      return;
    }
    const scoped = `${clientOf(req).id}\n${idempotencyKey(header)}`;
    const entry = store.lookup(scoped);
    if (!entry) {
      first(req, res, { store, scoped, answerLimit });
      next();
    } else if (entry.state === 'running') next(inProgress());
    else replayIfSame(req, res, next, entry);
  };
}

/** The key, as a structured-field string (`"abc"`) or bare as most clients send it. */
function idempotencyKey(header: string): string {
  const key = /^"([\x21\x23-\x5B\x5D-\x7E]{1,255})"$/.exec(header.trim())?.[1] ?? header.trim();
  if (/^[\x21-\x7E]{1,255}$/.test(key)) return key;
  throw new CoreError('INVALID_PARAMETER', {
    detail_en: 'Idempotency-Key must be 1 to 255 printable ASCII characters (a UUID, say).',
    detail_fr:
      'Idempotency-Key doit compter de 1 à 255 caractères ASCII imprimables (un UUID, par exemple).',
  });
}

/**
 * The first request with a key: its body hashed as the route's own parser reads it (by watching
 * the request's 'data' events, whoever listens: body-parser, busboy through multer), its answer
 * copied as it is written, both kept once it has been answered with a success.
 */
function first(
  req: Request,
  res: Response,
  context: { store: IdempotencyStore; scoped: string; answerLimit: number },
): void {
  const { store, scoped } = context;
  store.begin(scoped);
  const fingerprint = new BodyFingerprint(req);
  let digest: string | undefined;
  const emit = req.emit.bind(req) as (event: string | symbol, ...args: unknown[]) => boolean;
  req.emit = ((event: string | symbol, ...args: unknown[]) => {
    if (event === 'data') fingerprint.update(args[0] as Buffer);
    else if (event === 'end') digest ??= fingerprint.digest();
    return emit(event, ...args);
  }) as Request['emit'];
  const answer = captureAnswer(res, context.answerLimit);
  res.once('close', () => {
    const succeeded = res.writableFinished && res.statusCode >= 200 && res.statusCode < 300;
    if (!succeeded || digest === undefined) {
      store.forget(scoped);
      return;
    }
    const kept = answer();
    store.finish(scoped, {
      fingerprint: digest,
      bytes: fingerprint.bytes,
      ...(kept ? { answer: kept } : {}),
    });
  });
}

/**
 * A retry: its body is hashed (never parsed nor kept) and compared. The same request gets the
 * kept answer; another one 422, as soon as it reads longer than the first.
 */
function replayIfSame(
  req: Request,
  res: Response,
  next: NextFunction,
  entry: Extract<Entry, { state: 'done' }>,
): void {
  const fingerprint = new BodyFingerprint(req);
  let settled = false;
  const settle = (error?: unknown): void => {
    if (settled) return;
    settled = true;
    req.off('data', onData);
    req.off('end', onEnd);
    if (error !== undefined) {
      req.pause();
      next(error);
    } else replay(res, entry);
  };
  const onData = (chunk: Buffer): void => {
    fingerprint.update(chunk);
    if (fingerprint.bytes > entry.bytes) settle(reused());
  };
  const onEnd = (): void => {
    if (fingerprint.digest() !== entry.fingerprint) settle(reused());
    else if (!entry.answer) settle(notKept());
    else settle();
  };
  req.on('data', onData);
  req.on('end', onEnd);
  req.once('error', (error) => settle(error));
}

function replay(res: Response, entry: Extract<Entry, { state: 'done' }>): void {
  const answer = entry.answer;
  if (!answer) return;
  res.status(answer.status).set(answer.headers).set(REPLAYED_HEADER, 'true').send(answer.body);
}

function inProgress(): CoreError {
  return new CoreError('IDEMPOTENCY_IN_PROGRESS', {
    detail_en: 'The first request with this Idempotency-Key is still running; retry shortly.',
    detail_fr:
      'La première requête avec cette Idempotency-Key est encore en cours ; réessayez dans un instant.',
    retryAfterSeconds: 1,
  });
}

function reused(): CoreError {
  return new CoreError('IDEMPOTENCY_KEY_REUSED', {
    detail_en:
      'This Idempotency-Key was used for another request (method, path, query or body differ); use a new key for a new request.',
    detail_fr:
      'Cette Idempotency-Key a servi pour une autre requête (méthode, chemin, paramètres ou corps différents) ; prenez une nouvelle clé pour une nouvelle requête.',
  });
}

function notKept(): CoreError {
  return new CoreError('IDEMPOTENCY_ANSWER_NOT_KEPT', {
    detail_en:
      'This request was answered, but its answer was too large to keep (IDEMPOTENCY_ANSWER_LIMIT); send it with a new Idempotency-Key to have it made again.',
    detail_fr:
      'Cette requête a reçu sa réponse, trop volumineuse pour être conservée (IDEMPOTENCY_ANSWER_LIMIT) ; envoyez-la avec une nouvelle Idempotency-Key pour la refaire.',
  });
}
