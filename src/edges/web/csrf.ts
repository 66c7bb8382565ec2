import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

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

/** The token of this browser (its cookie's), or a new one set in a cookie. */
export function csrfToken(req: Request, res: Response): string {
  const existing = cookieOf(req, CSRF_COOKIE);
  if (existing && TOKEN.test(existing)) return existing;
  const token = randomBytes(32).toString('base64url');
  res.cookie(CSRF_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/formulaire',
  });
  return token;
}

/** True when the post carries the cookie's token in its field, and is not cross-site. */
export function csrfValid(req: Request): boolean {
  if (req.get('sec-fetch-site') === 'cross-site') return false;
  const cookie = cookieOf(req, CSRF_COOKIE);
  const body = req.body as Record<string, unknown> | undefined;
  const field = body?.[CSRF_FIELD];
  if (!cookie || typeof field !== 'string' || !TOKEN.test(cookie) || !TOKEN.test(field)) {
    return false;
  }
  return timingSafeEqual(Buffer.from(cookie), Buffer.from(field));
}

/** One cookie's value from the Cookie header (no cookie parser for a single cookie). */
function cookieOf(req: Request, name: string): string | undefined {
  for (const pair of (req.get('cookie') ?? '').split(';')) {
    const equals = pair.indexOf('=');
    if (equals > 0 && pair.slice(0, equals).trim() === name) return pair.slice(equals + 1).trim();
  }
  return undefined;
}
