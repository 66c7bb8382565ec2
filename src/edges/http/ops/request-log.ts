import type { Request, RequestHandler, Response } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../../../logger.js';
import type { Metrics } from './metrics.js';
import { problemCodeOf } from './problem-code.js';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id.js';
import { NO_ROUTE, routeLabel, type DocumentEngines } from './route-label.js';

/** Probes and scrapes come every few seconds: their lines are debug, not info. */
const QUIET_ROUTES = new Set(['/healthz', '/livez', '/readyz', '/metrics']);

/** Methods Node's parser accepts beyond these are labelled OTHER: a label set stays small. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export interface RequestLogOptions {
  logger: Logger;
  documents: DocumentEngines;
  metrics?: Metrics;
}

/**
 * One line per request, written when the response closes (so that a request the client abandoned
 * is logged too), and its duration in the metrics. The line says the request id, method, route
 * pattern, catalog document and engine, status, problem code, duration and sizes: never a path,
 * query string, header, body or file name. Every line logged through `req.log` carries the id.
 */
export function requestLog(options: RequestLogOptions): RequestHandler {
  const { documents, metrics } = options;
  const sent = new WeakMap<Request, number>();
  const facts = (req: Request, res: Response) => {
    const label = routeLabel(req, documents);
    const answered = res.writableFinished;
    const code = problemCodeOf(res);
    const declared = Number(req.headers['content-length']);
    return {
      method: req.method,
      ...label,
      ...(answered ? { status: res.statusCode } : {}),
      ...(code ? { code } : {}),
      ...(Number.isSafeInteger(declared) ? { bytesIn: declared } : {}),
      // What went on the wire for this answer, headers included (a streamed ZIP has no length).
      bytesOut: req.socket.bytesWritten - (sent.get(req) ?? 0),
    };
  };
  const log = pinoHttp({
    logger: options.logger,
    genReqId: (req, res) => {
      const id = requestIdOf(req.headers['x-request-id']);
      res.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    // Lines through `req.log` (and this one) carry `requestId`, and nothing else of the request.
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { reqId: 'requestId', responseTime: 'ms' },
    wrapSerializers: false,
    serializers: { req: safeRequest, res: () => undefined },
    customLogLevel: (req) =>
      QUIET_ROUTES.has(routeLabel(req as Request, documents).route) ? 'debug' : 'info',
    customSuccessObject: (req: Request, res: Response, value: { ms: number }) => ({
      ...facts(req, res),
      ms: value.ms,
    }),
    customSuccessMessage: (_req, res) =>
      res.writableFinished ? 'request' : 'request closed unanswered',
    // A 5xx or a broken response stream: the same line (the problem handler logs the fault).
    customErrorObject: (req: Request, res: Response, _error, value: { ms: number }) => ({
      ...facts(req, res),
      ms: value.ms,
    }),
    customErrorMessage: (_req, res) => (res.writableFinished ? 'request' : 'request failed'),
  });
  return (req, res, next) => {
    sent.set(req, req.socket.bytesWritten);
    if (metrics) timeRequest(req, res, documents, metrics);
    log(req, res, next);
  };
}

/** What a `req` in a log line may say, should one ever be logged. */
function safeRequest(req: { id?: unknown; method?: unknown }) {
  return { id: req.id, method: req.method };
}

function timeRequest(req: Request, res: Response, documents: DocumentEngines, metrics: Metrics) {
  const started = process.hrtime.bigint();
  res.once('close', () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const route = routeLabel(req, documents).route;
    const method = METHODS.has(req.method) ? req.method : 'OTHER';
    // 499, as nginx says it: the client went away before its answer.
    const status = res.writableFinished ? res.statusCode : 499;
    metrics.request({ route: route || NO_ROUTE, method, status }, seconds);
    const code = problemCodeOf(res);
    if (code) metrics.problem(code);
  });
}
