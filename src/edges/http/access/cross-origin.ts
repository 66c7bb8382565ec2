import cors from 'cors';
import type { RequestHandler } from 'express';

/** What a browser page on another origin needs to read from the API's answers. */
const EXPOSED = [
  'Content-Disposition',
  'Paperasse-Warnings',
  'Paperasse-Batch',
  'Retry-After',
  'RateLimit',
  'RateLimit-Policy',
  'Idempotent-Replayed',
  'Location',
];
const ALLOWED = [
  'Content-Type',
  'Content-Encoding',
  'Authorization',
  'X-API-Key',
  'Idempotency-Key',
];

/**
 * CORS for /v1, off unless origins are configured (CORS_ORIGINS): a page of one of them may call
 * the API (keys in a header, never cookies: no credentials), any other origin gets no
 * Access-Control-Allow-Origin and its browser keeps the answer from it. The web pages are
 * same-origin and need none.
 */
export function crossOrigin(origins: readonly string[]): RequestHandler | undefined {
  if (origins.length === 0) return undefined;
  return cors({
    origin: [...origins],
    // DELETE: a job's deletion (DELETE /v1/jobs/{jobId}).
    methods: ['GET', 'POST', 'DELETE'],
    allowedHeaders: ALLOWED,
    exposedHeaders: EXPOSED,
    credentials: false,
    maxAge: 600,
  });
}
