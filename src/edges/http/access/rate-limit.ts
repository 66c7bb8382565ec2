import { ipKeyGenerator, rateLimit, type RateLimitInfo } from 'express-rate-limit';
import type { Request, RequestHandler } from 'express';
import { CoreError } from '../../../core/errors.js';
import type { Logger } from '../../../logger.js';
import { clientOf } from './api-keys.js';
import { isExempt } from './exempt-paths.js';

export interface RateLimitOptions {
  /** Requests per window and client (RATE_LIMIT); 0: no limit. */
  limit: number;
  windowSeconds: number;
}

/**
 * At most `limit` requests per window from one client (its API key, else its address), pages
 * included; health, metrics and docs exempt, and CORS preflights (the browser sends one before a
 * POST, which is counted). Over it: 429 RATE_LIMITED with `Retry-After`, the seconds until the
 * window resets, and the `RateLimit` headers (IETF draft 7) on every counted answer.
 * Counted in this process's memory: behind several instances, each counts its own.
 */
export function rateLimited(options: RateLimitOptions, logger: Logger): RequestHandler | undefined {
  if (options.limit === 0) return undefined;
  return rateLimit({
    windowMs: options.windowSeconds * 1000,
    limit: options.limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // Its configuration checks go to our log, not to the console.
    logger,
    // An IPv6 client is counted by its /56, as it can use any address of its network.
    keyGenerator: (req) => {
      const client = clientOf(req);
      return client.credential === 'valid' ? client.id : ipKeyGenerator(req.ip ?? 'unknown');
    },
    skip: (req) => req.method === 'OPTIONS' || isExempt(req),
    handler: (req, _res, next) => {
      const info = (req as Request & { rateLimit?: RateLimitInfo }).rateLimit;
      const reset = info?.resetTime?.getTime() ?? Date.now() + options.windowSeconds * 1000;
      const seconds = Math.max(1, Math.ceil((reset - Date.now()) / 1000));
      next(
        new CoreError('RATE_LIMITED', {
          detail_en: `Over ${options.limit} requests in ${options.windowSeconds} s; retry in ${seconds} s.`,
          detail_fr: `Plus de ${options.limit} requêtes en ${options.windowSeconds} s ; réessayez dans ${seconds} s.`,
          retryAfterSeconds: seconds,
        }),
      );
    },
  });
}
