import type { Express } from 'express';
import type { Logger } from '../../../logger.js';
import { identifyClient, requireApiKey, type ApiKey } from './api-keys.js';
import { crossOrigin } from './cross-origin.js';
import { idempotency, type IdempotencyOptions } from './idempotency.js';
import { rateLimited, type RateLimitOptions } from './rate-limit.js';
import { securityHeaders } from './security-headers.js';

/** Who may call the API and how often (README, "Access and limits"). Absent: open, unlimited. */
export interface AccessOptions {
  /** API_KEYS; none: /v1 is open (and the start-up log says so). */
  apiKeys?: readonly ApiKey[];
  /** TRUST_PROXY: proxies whose X-Forwarded-For names the client. */
  trustProxy?: number;
  rateLimit?: RateLimitOptions;
  /** CORS_ORIGINS; none: no CORS header. */
  corsOrigins?: readonly string[];
  idempotency?: IdempotencyOptions;
}

/** The routes an Idempotency-Key makes safe to retry: those that render, or submit a job. */
const IDEMPOTENT_ROUTES = ['/v1/documents/:id', '/v1/batch/:id', '/v1/jobs/:id'];

/**
 * Installed before every route, in this order: security headers; CORS (a preflight is answered
 * here); the client named (its API key, else its address); its rate limit (before the key check,
 * so that guessing keys is limited too); the key check on /v1; Idempotency-Key on the renders.
 */
export function installAccess(app: Express, options: AccessOptions, logger: Logger): void {
  const keys = options.apiKeys ?? [];
  app.set('trust proxy', options.trustProxy ?? 0);
  app.use(securityHeaders());
  const cors = crossOrigin(options.corsOrigins ?? []);
  if (cors) app.use('/v1', cors);
  app.use(identifyClient(keys));
  const limit = options.rateLimit && rateLimited(options.rateLimit, logger);
  if (limit) app.use(limit);
  app.use('/v1', requireApiKey(keys));
  const retries = options.idempotency && idempotency(options.idempotency);
  // One route each (not an array): the request log names a replay by its route's pattern.
  if (retries) for (const route of IDEMPOTENT_ROUTES) app.post(route, retries);
  if (keys.length === 0) {
    logger.warn('No API key configured (API_KEYS): the API under /v1 is open to every client');
  } else {
    logger.info({ keys: keys.map((key) => key.name) }, 'API keys required on /v1');
  }
}
