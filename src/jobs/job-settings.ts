import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { WebhookOptions } from './webhook.js';

/** What the API and `paperasse worker` read alike from the config for jobs. */

/** JOBS_WEBHOOK_*: absent without a secret (no callback is then accepted). */
export function webhookOptions(config: Config): WebhookOptions | undefined {
  if (!config.JOBS_WEBHOOK_SECRET) return undefined;
  return {
    secret: config.JOBS_WEBHOOK_SECRET,
    attempts: config.JOBS_WEBHOOK_ATTEMPTS,
    backoffMs: config.JOBS_WEBHOOK_BACKOFF_MS,
    allowPrivate: config.JOBS_WEBHOOK_PRIVATE,
  };
}

/**
 * JOBS_STORE_DIR: the results' folder every process of a Redis-backed queue shares. By default
 * one under the system's temporary folder, which the API and workers of one machine share.
 */
export function jobsStoreDir(config: Config): string {
  return config.JOBS_STORE_DIR ?? join(tmpdir(), 'paperasse-jobs');
}
