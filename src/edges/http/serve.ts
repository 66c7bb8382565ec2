import type { Server } from 'node:http';
import { loadConfigOrExit } from '../../config.js';
import { createLogger, type Logger } from '../../logger.js';
import { createRuntime, type Runtime } from './runtime.js';

/**
 * The HTTP service: config from the environment → logger → core and HTTP edge → listen, and a
 * graceful shutdown on SIGTERM/SIGINT. What `npm start` (src/main.ts) and `paperasse serve` run.
 * An invalid configuration stops the process (exit 1), naming the variable.
 */
export function serve(env: NodeJS.ProcessEnv = process.env): Server {
  const config = loadConfigOrExit(env);
  const logger = createLogger(config.LOG_LEVEL);
  const runtime = createRuntime(config, logger);
  const server = runtime.app.listen(config.PORT, config.HOST, () => {
    logger.info({ port: config.PORT, chromium: config.CHROMIUM_PATH }, 'Paperasse listening');
    // Launch Chromium now so the first request does not pay for it; /readyz reports failures.
    runtime.pool
      .warmUp()
      .catch((error: unknown) => logger.error({ err: error }, 'Chromium warm-up failed'));
  });
  // A slow client cannot hold a connection: the whole request (upload included) must arrive
  // within the render deadline plus a margin, the headers within 15 s.
  server.requestTimeout = config.RENDER_TIMEOUT_MS + 30_000;
  server.headersTimeout = 15_000;
  server.on('error', (error) => {
    logger.fatal({ err: error }, 'cannot listen');
    void runtime.close().finally(() => process.exit(1));
  });
  installShutdown(server, runtime, logger, config.SHUTDOWN_TIMEOUT_MS);
  return server;
}

/** SIGTERM/SIGINT: stop accepting, let renders finish, close Chromium; no child survives. */
function installShutdown(server: Server, runtime: Runtime, logger: Logger, graceMs: number): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // A connection kept alive by a load balancer may still ask /readyz: it hears 503 from now.
    runtime.beginShutdown();
    const force = setTimeout(() => {
      logger.warn('grace period over, closing connections');
      server.closeAllConnections();
    }, graceMs);
    force.unref();
    // close() ends the connections idle now; one kept alive after its render finishes would hold
    // the exit until its keep-alive timeout (seconds): end those too, as they become idle.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    sweep.unref();
    server.close(() => {
      clearInterval(sweep);
      void runtime.close().finally(() => {
        logger.info('stopped');
        process.exit(0);
      });
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
