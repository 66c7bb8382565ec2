import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { CoreError, validationFailed } from '../core/errors.js';

/**
 * The webhook a job calls at its end: its status JSON POSTed to the caller's URL, signed as
 * Stripe signs its own (`Paperasse-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>">`), so that the receiver knows it comes from us and is recent. A delivery that
 * fails (no answer, or not 2xx) is tried again after a wait doubled each time.
 */

export const SIGNATURE_HEADER = 'Paperasse-Signature';
/** Each delivery's deadline: a slow receiver holds no job's slot (delivery runs apart anyway). */
const DELIVERY_TIMEOUT_MS = 10_000;

export interface WebhookOptions {
  secret: string;
  /** Deliveries tried in all. */
  attempts: number;
  /** The wait before the second delivery, doubled before each next one. */
  backoffMs: number;
}

/** `t=…,v1=…` for this body at this time. */
export function signature(secret: string, body: string, seconds: number): string {
  const mac = createHmac('sha256', secret).update(`${seconds}.${body}`).digest('hex');
  return `t=${seconds},v1=${mac}`;
}

/**
 * The callback a request names, refused (422 naming `callback`) when the service signs no
 * webhook (no JOBS_WEBHOOK_SECRET) or when it is not an http(s) URL without credentials.
 */
export function checkCallback(callback: string, secret: string | undefined): string {
  if (!secret) {
    throw callbackRefused(
      'WEBHOOK_NOT_CONFIGURED',
      'This service sends no webhook (JOBS_WEBHOOK_SECRET is not set): poll the job instead.',
      'Ce service n’envoie pas de webhook (JOBS_WEBHOOK_SECRET n’est pas défini) : interrogez la tâche.',
    );
  }
  let url: URL | undefined;
  try {
    url = new URL(callback);
  } catch {
    url = undefined;
  }
  const http = url && (url.protocol === 'https:' || url.protocol === 'http:');
  if (!url || !http || url.username || url.password || callback.length > 2000) {
    throw callbackRefused(
      'WEBHOOK_URL',
      'callback must be an https or http URL, without user or password, of at most 2000 characters.',
      'callback doit être une URL https ou http, sans utilisateur ni mot de passe, d’au plus 2000 caractères.',
    );
  }
  return url.href;
}

function callbackRefused(code: string, message_en: string, message_fr: string): CoreError {
  return validationFailed([{ path: 'callback', code, message_fr, message_en }]);
}

/**
 * Delivers `body` to `url`, up to `attempts` times. Resolves with whether a delivery was taken
 * (2xx); never rejects but when `signal` aborts (shutdown, the job deleted).
 */
export async function deliver(
  url: string,
  body: string,
  options: WebhookOptions & { signal?: AbortSignal },
): Promise<{ delivered: boolean; attempts: number; status?: number }> {
  let status: number | undefined;
  for (let attempt = 1; attempt <= options.attempts; attempt += 1) {
    options.signal?.throwIfAborted();
    status = await post(url, body, options);
    if (status !== undefined && status >= 200 && status < 300) {
      return { delivered: true, attempts: attempt, status };
    }
    if (attempt < options.attempts) {
      const wait = options.backoffMs * 2 ** (attempt - 1);
      await sleep(wait, undefined, options.signal ? { signal: options.signal } : {});
    }
  }
  return { delivered: false, attempts: options.attempts, ...(status ? { status } : {}) };
}

/** One delivery: the receiver's status, or undefined when it could not be reached in time. */
async function post(
  url: string,
  body: string,
  options: WebhookOptions & { signal?: AbortSignal },
): Promise<number | undefined> {
  const seconds = Math.floor(Date.now() / 1000);
  const deadline = AbortSignal.timeout(DELIVERY_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  try {
    const answer = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Paperasse-Webhook',
        [SIGNATURE_HEADER]: signature(options.secret, body, seconds),
      },
      body,
      signal,
      // A redirect could take the signed status elsewhere: the URL given is the one called.
      redirect: 'manual',
    });
    await answer.body?.cancel();
    return answer.status;
  } catch {
    // Unreachable, refused, or past its deadline: tried again; stopped only by our own signal.
    options.signal?.throwIfAborted();
    return undefined;
  }
}
