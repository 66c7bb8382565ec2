import type { Request } from 'express';

/**
 * What probes, scrapers and people reading the docs ask: never rate-limited nor guarded by keys.
 * Health checks must answer a load balancer even when a client has used up its limit.
 */
const EXEMPT = ['/healthz', '/readyz', '/livez', '/metrics', '/openapi.json', '/docs'];

export function isExempt(req: Request): boolean {
  return EXEMPT.some((path) => req.path === path || req.path.startsWith(`${path}/`));
}
