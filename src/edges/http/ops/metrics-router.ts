import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, type Request } from 'express';
import { CoreError } from '../../../core/errors.js';
import type { Metrics } from './metrics.js';

/**
 * GET /metrics in Prometheus' text format. Meant for the operator's scraper on a private network,
 * not the public: with METRICS_TOKEN set, only `Authorization: Bearer <token>` sees it, and any
 * other caller gets the 404 of an unknown route (nothing says it exists).
 */
export function metricsRouter(metrics: Metrics, token?: string): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    if (token !== undefined && !bearerIs(req, token)) throw notFound(req);
    res.type(metrics.contentType).send(await metrics.text());
  });
  return router;
}

/** Compared as digests, in constant time: neither the token nor its length leaks. */
function bearerIs(req: Request, token: string): boolean {
  const [scheme, sent = ''] = (req.headers.authorization ?? '').split(' ');
  if (scheme?.toLowerCase() !== 'bearer') return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(sent), digest(token));
}

function notFound(req: Request): CoreError {
  return new CoreError('NOT_FOUND', {
    detail_en: `No route for ${req.method} ${req.path}.`,
    detail_fr: `Aucune route pour ${req.method} ${req.path}.`,
  });
}
