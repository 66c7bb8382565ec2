import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Request bodies and rendered HTML are never logged. The redaction list is a second line of
 * defence, should a personal field ever be passed to the logger by mistake.
 */
const REDACTED_PATHS = [
  'body',
  'html',
  'input',
  '*.nir',
  '*.*.nir',
  '*.dateNaissance',
  '*.*.dateNaissance',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
];

/**
 * JSON lines on stdout (the service); `stderr` for a command whose stdout is its output (the CLI);
 * or a stream (tests that read what the service would log).
 */
export function createLogger(
  level: string,
  to: 'stdout' | 'stderr' | DestinationStream = 'stdout',
): Logger {
  const options = {
    level,
    base: { service: 'paperasse' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  // Synchronous on stderr: a line logged just before the command exits is not lost.
  if (typeof to === 'object') return pino(options, to);
  return to === 'stdout' ? pino(options) : pino(options, pino.destination({ dest: 2, sync: true }));
}
