import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Double-submit token: a random token in a SameSite=Strict, HttpOnly cookie and the same token
 * in the form's hidden field; a post is accepted when both are there and equal (compared in
 * constant time). Nothing is stored on the server. Another site can neither read the cookie nor
 * make the browser send it with a cross-site post (SameSite=Strict), so it cannot forge the pair.
 * A post the browser marks as cross-site (Sec-Fetch-Site) is refused outright.
 */
export const CSRF_COOKIE = 'paperasse_csrf';
export const CSRF_FIELD = '_csrf';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The browser's token if its Cookie header holds a well-formed one; else undefined. */
export function existingToken(cookieHeader: string | undefined): string | undefined {
  const token = cookieOf(cookieHeader, CSRF_COOKIE);
  return token && TOKEN.test(token) ? token : undefined;
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** True when the post carries the cookie's token in its field and is not cross-site. */
export function csrfValid(post: {
  cookieHeader: string | undefined;
  field: unknown;
  fetchSite: string | undefined;
}): boolean {
  if (post.fetchSite === 'cross-site') return false;
  const cookie = existingToken(post.cookieHeader);
  const { field } = post;
  if (!cookie || typeof field !== 'string' || !TOKEN.test(field)) return false;
  return timingSafeEqual(Buffer.from(cookie), Buffer.from(field));
}

/** One cookie's value from a Cookie header (no cookie parser for a single cookie). */
function cookieOf(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const equals = pair.indexOf('=');
    if (equals > 0 && pair.slice(0, equals).trim() === name) return pair.slice(equals + 1).trim();
  }
  return undefined;
}
