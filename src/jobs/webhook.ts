import { createHmac } from 'node:crypto';
import { promises as dns } from 'node:dns';
import { isIP } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { CoreError, validationFailed } from '../core/errors.js';
import { isPublicAddress } from './public-address.js';

/**
 * The webhook a job calls at its end: its status JSON POSTed to the caller's URL, signed as
 * Stripe signs its own (`Paperasse-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>">`), so that the receiver knows it comes from us and is recent. A delivery that
 * fails (no answer, or not 2xx) is tried again after a wait doubled each time. A receiver on a
 * private, loopback or link-local address is refused (unless JOBS_WEBHOOK_PRIVATE): the URL is
 * the caller's, and must not make the service reach what only it can reach.
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
  /** JOBS_WEBHOOK_PRIVATE: receivers on private and loopback addresses allowed (an internal one). */
  allowPrivate: boolean;
}

/** What came of a webhook. */
export interface Delivery {
  delivered: boolean;
  /** Deliveries tried: requests sent, or lost before an answer. */
  attempts: number;
  /** The receiver's last answer. */
  status?: number;
  /** Why delivery stopped before sending: the host resolved to a non-public `address`. */
  reason?: 'private-address';
  address?: string;
}

/** `t=…,v1=…` for this body at this time. */
export function signature(secret: string, body: string, seconds: number): string {
  const mac = createHmac('sha256', secret).update(`${seconds}.${body}`).digest('hex');
  return `t=${seconds},v1=${mac}`;
}

/**
 * The callback a request names, refused (422 naming `callback`) when the service signs no
 * webhook (no JOBS_WEBHOOK_SECRET), when it is not an http(s) URL without credentials, or when
 * its host is plainly not public (an IP literal, `localhost`) and `allowPrivate` is false. A DNS
 * name is judged at each delivery instead: what it resolves to can change after the submission.
 */
export function checkCallback(
  callback: string,
  secret: string | undefined,
  allowPrivate: boolean,
): string {
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
  if (!allowPrivate && plainlyPrivate(url.hostname)) {
    throw callbackRefused(
      'WEBHOOK_PRIVATE_ADDRESS',
      'callback must not name a private, loopback or link-local address (JOBS_WEBHOOK_PRIVATE is not set).',
      'callback ne doit pas viser une adresse privée, locale ou de lien local (JOBS_WEBHOOK_PRIVATE n’est pas défini).',
    );
  }
  return url.href;
}

/** A URL's host (`[::1]` as URL writes it) that names no public address, without DNS. */
function plainlyPrivate(hostname: string): boolean {
  const host = bare(hostname);
  if (isIP(host)) return !isPublicAddress(host);
  // `localhost.` is `localhost` too: the root's dot changes no resolver's answer.
  const name = host.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

/** A URL's hostname without the brackets of an IPv6 literal. */
function bare(hostname: string): string {
  return hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
}

function callbackRefused(code: string, message_en: string, message_fr: string): CoreError {
  return validationFailed([{ path: 'callback', code, message_fr, message_en }]);
}

/**
 * Delivers `body` to `url`, up to `attempts` times. Resolves with whether a delivery was taken
 * (2xx); never rejects but when `signal` aborts (shutdown, the job deleted). Before each attempt
 * the host is resolved, and a non-public address stops the delivery for good (unless
 * `allowPrivate`): nothing is sent, nothing tried again.
 */
export async function deliver(
  url: string,
  body: string,
  options: WebhookOptions & { signal?: AbortSignal },
): Promise<Delivery> {
  let status: number | undefined;
  for (let attempt = 1; attempt <= options.attempts; attempt += 1) {
    options.signal?.throwIfAborted();
    const refused = options.allowPrivate ? undefined : await privateAddressOf(url);
    if (refused !== undefined) {
      return {
        delivered: false,
        attempts: attempt - 1,
        ...(status ? { status } : {}),
        reason: 'private-address',
        address: refused,
      };
    }
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

/**
 * The first address of the URL's host that is not public, or undefined when all are (or the name
 * does not resolve now: the attempt then fails as an unreachable receiver's, and is tried again).
 * The connection resolves the name again: a DNS answer changed in between (rebinding) escapes
 * this check, a limit README states.
 */
async function privateAddressOf(url: string): Promise<string | undefined> {
  const host = bare(new URL(url).hostname);
  let addresses: { address: string }[];
  try {
    addresses = await dns.lookup(host, { all: true });
  } catch {
    return undefined;
  }
  return addresses.find(({ address }) => !isPublicAddress(address))?.address;
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
