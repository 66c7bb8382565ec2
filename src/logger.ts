import { pino, type Logger } from 'pino';

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
];

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'paperasse' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  });
}
