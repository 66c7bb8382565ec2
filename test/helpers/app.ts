import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';

/** The real application, in-process, with real Chromium; one per test file. */
export function startRuntime(env: Record<string, string> = {}): Runtime {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', ...env });
  return createRuntime(config, createLogger(config.LOG_LEVEL));
}
