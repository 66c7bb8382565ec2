import { randomUUID } from 'node:crypto';

/**
 * An `X-Request-Id` is taken as sent when it looks like an id: 1 to 128 characters among letters,
 * digits and `. _ : -` (a UUID, a ULID, a W3C trace id, a proxy's counter). Anything else (too
 * long, spaces, quotes, control characters that could forge a log line) gets a new UUID: the id
 * is echoed in a header and written to every log line of the request.
 */
const ACCEPTED = /^[A-Za-z0-9._:-]{1,128}$/;

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** The client's id when acceptable, else a new one. */
export function requestIdOf(sent: string | readonly string[] | undefined): string {
  return typeof sent === 'string' && ACCEPTED.test(sent) ? sent : randomUUID();
}
