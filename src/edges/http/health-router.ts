import { Router } from 'express';

export interface Readiness {
  checkReady(): Promise<boolean>;
}

/** /healthz: the process answers. /readyz: Chromium can render now (cached briefly by the pool). */
export function healthRouter(readiness: Readiness): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const ready = await readiness.checkReady().catch(() => false);
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'unavailable', renderer: ready });
  });
  return router;
}
