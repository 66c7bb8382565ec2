import type { Request, RequestHandler } from 'express';

/**
 * What logs and metrics may say of a request's target: the pattern of the route it matched
 * (`/v1/documents/:id/schema`), and for a document route the id when it is one of the catalog's,
 * with the engine a render uses. Never the path itself: a client can put anything there (a NIR, a
 * name), and a log line outlives the request. The problem body still echoes the path to the
 * client: that is its own data.
 */
export interface RouteLabel {
  route: string;
  document?: string;
  /** For a POST naming a catalog document: the engine asked (when it is one of the document's), else its first. */
  engine?: string;
}

/** The catalog as labels see it: each document's id and its engines, the default first. */
export type DocumentEngines = ReadonlyMap<string, readonly string[]>;

export const NO_ROUTE = '(no route)';
const UNKNOWN = '(unknown)';
const mounts = new WeakMap<Request, string>();

/** Placed before a router mounted under a path: its routes are labelled under that path. */
export function mountPoint(): RequestHandler {
  return (req, _res, next) => {
    mounts.set(req, req.baseUrl);
    next();
  };
}

/** The request's route as logs and metrics name it (see RouteLabel). */
export function routeLabel(req: Request, documents: DocumentEngines): RouteLabel {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern !== 'string') return { route: NO_ROUTE };
  const route = `${mounts.get(req) ?? ''}${pattern === '/' ? '' : pattern}` || '/';
  // The `:id` segment, raw as sent: named only if it is one of the catalog's documents.
  const index = route.split('/').indexOf(':id');
  if (index < 0) return { route };
  const segment = decoded(req.originalUrl.split('?')[0]?.split('/')[index] ?? '');
  const engines = documents.get(segment);
  if (!engines) return { route, document: UNKNOWN };
  if (req.method !== 'POST') return { route, document: segment };
  return { route, document: segment, engine: engineOf(req, engines) };
}

/** As the core chooses (the one asked, else the document's first); a value it would refuse is not echoed. */
function engineOf(req: Request, engines: readonly string[]): string {
  const asked = (req.query as Record<string, unknown> | undefined)?.engine;
  if (asked === undefined) return engines[0] ?? UNKNOWN;
  return typeof asked === 'string' && engines.includes(asked) ? asked : UNKNOWN;
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}
