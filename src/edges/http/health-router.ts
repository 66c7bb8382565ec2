import { Router, type RequestHandler } from 'express';

export interface Readiness {
  /** Can Chromium render now (cached briefly by the pool)? */
  checkReady(): Promise<boolean>;
  /** Every Chromium page busy and the queue full: a render now would be refused (429). */
  saturated?(): boolean;
  /** The service is shutting down: it finishes what it has and takes nothing new. */
  stopping?(): boolean;
}

/**
 * /livez (and its older name /healthz): the process answers; a failing one is restarted.
 * /readyz: this instance should be sent renders now: Chromium can render, the render queue has
 * room, and the service is not shutting down; a failing one is taken out of the rotation.
 */
export function healthRouter(readiness: Readiness): Router {
  const router = Router();
  const live: RequestHandler = (_req, res) => {
    res.json({ status: 'ok' });
  };
  // Two routes, not one with two paths: logs and metrics label each by its own pattern.
  router.get('/livez', live);
  router.get('/healthz', live);
  router.get('/readyz', async (_req, res) => {
    // Neither waits for Chromium: a full queue would make the probe wait behind the renders.
    const refusal = readiness.stopping?.()
      ? 'stopping'
      : readiness.saturated?.()
        ? 'saturated'
        : '';
    if (refusal) {
      res.status(503).json({ status: refusal });
      return;
    }
    const ready = await readiness.checkReady().catch(() => false);
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'unavailable', renderer: ready });
  });
  return router;
}
