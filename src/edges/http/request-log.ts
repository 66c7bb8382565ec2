import type { Request, RequestHandler } from 'express';
import type { Logger } from '../../logger.js';

/**
 * What the log may say of a request's target: the pattern of the route it matched
 * (`/v1/documents/:id/schema`), and for a document route the id when it is one of the catalog's.
 * Never the path itself: a client can put anything there (a NIR, a name), and a log line outlives
 * the request. The problem body still echoes the path to the client: that is its own data.
 */
export interface RouteLabel {
  route: string;
  document?: string;
}

const NO_ROUTE = '(no route)';
const UNKNOWN_DOCUMENT = '(unknown)';
const mounts = new WeakMap<Request, string>();

/** Placed before a router mounted under a path: its routes are logged under that path. */
export function mountPoint(): RequestHandler {
  return (req, _res, next) => {
    mounts.set(req, req.baseUrl);
    next();
  };
}

/** The request's route as the log names it (see RouteLabel). */
export function routeLabel(req: Request, documentIds: ReadonlySet<string>): RouteLabel {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern !== 'string') return { route: NO_ROUTE };
  const route = `${mounts.get(req) ?? ''}${pattern === '/' ? '' : pattern}` || '/';
  // The `:id` segment, raw as sent: named only if it is one of the catalog's documents.
  const index = route.split('/').indexOf(':id');
  if (index < 0) return { route };
  const segment = decoded(req.originalUrl.split('?')[0]?.split('/')[index] ?? '');
  return { route, document: documentIds.has(segment) ? segment : UNKNOWN_DOCUMENT };
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

/**
 * One line per request: method, route, status, duration. Never bodies, query strings or paths.
 * Written when the response closes, so that a request the client abandoned is logged too.
 */
export function requestLog(logger: Logger, documentIds: ReadonlySet<string>): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('close', () => {
      const ms = Math.round(Number(process.hrtime.bigint() - started) / 1e6);
      const { route, document } = routeLabel(req, documentIds);
      const target = { method: req.method, route, ...(document ? { document } : {}) };
      if (res.writableFinished) {
        logger.info({ ...target, status: res.statusCode, ms }, 'request');
      } else {
        logger.info({ ...target, ms }, 'request closed unanswered');
      }
    });
    next();
  };
}
