import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../src/edges/http/runtime.js';

/**
 * The real application, in-process, with real Chromium; one per test file. Without a rate limit
 * unless `env` sets one: a test file sends hundreds of requests from one address (the limit has
 * its own tests, test/http/access/).
 */
export function startRuntime(
  env: Record<string, string> = {},
  options: RuntimeOptions = {},
): Runtime {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', RATE_LIMIT: '0', ...env });
  return createRuntime(config, createLogger(config.LOG_LEVEL), options);
}

/**
 * One real runtime per test file: started before its tests, closed after (Chromium included).
 * The object answers for the runtime of the moment, so tests write `runtime.app` as usual.
 */
export function useRuntime(
  env: Record<string, string> = {},
  options: RuntimeOptions | (() => RuntimeOptions) = {},
): Runtime {
  let current: Runtime | undefined;
  beforeAll(() => {
    current = startRuntime(env, typeof options === 'function' ? options() : options);
  });
  afterAll(async () => {
    await current?.close();
  });
  const get = (): Runtime => {
    if (!current) throw new Error('the runtime is used outside the tests of its file');
    return current;
  };
  return {
    get app() {
      return get().app;
    },
    get jobs() {
      return get().jobs;
    },
    get core() {
      return get().core;
    },
    get engines() {
      return get().engines;
    },
    get pool() {
      return get().pool;
    },
    get html() {
      return get().html;
    },
    get reportFont() {
      return get().reportFont;
    },
    close: () => get().close(),
    beginShutdown: () => get().beginShutdown(),
  };
}
