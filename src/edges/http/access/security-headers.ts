import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * helmet's headers on every answer, without its Content-Security-Policy: the web pages set their
 * own strict one (web-router.ts) and /docs (swagger-ui) its own; a PDF or JSON answer has nothing
 * a policy would govern. HSTS without includeSubDomains: the service cannot speak for its
 * neighbours' hosts (browsers ignore it over plain HTTP anyway).
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: false,
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: false },
  });
}
