import type { Logger } from '../../logger.js';
import type { JobRecords } from './job-records.js';
import type { ResultStore } from './result-store.js';

/**
 * Results go when their job's record goes: Redis expires the record TTL seconds after the job
 * ends (job-records.ts), and every API and worker process looks through the store now and then
 * for folders whose record is gone (expired, deleted, or a chunk that wrote after its job was
 * cancelled), and deletes them. A folder younger than a minute is left: its job may be being
 * created.
 */

const GRACE_MS = 60_000;
const LONGEST_PERIOD_MS = 60_000;

export function sweepStore(
  store: ResultStore,
  records: JobRecords,
  ttlSeconds: number,
  logger: Logger,
): { stop(): void; sweep(): Promise<number> } {
  const sweep = async (): Promise<number> => {
    let removed = 0;
    for (const job of await store.jobs()) {
      if (Date.now() - job.changedAt < GRACE_MS) continue;
      if (await records.exists(job.id)) continue;
      await store.remove(job.id);
      removed += 1;
    }
    return removed;
  };
  const period = Math.min(LONGEST_PERIOD_MS, ttlSeconds * 1000);
  const timer = setInterval(() => {
    sweep().catch((error: unknown) => logger.warn({ err: error }, 'job store sweep failed'));
  }, period);
  timer.unref();
  return { stop: () => clearInterval(timer), sweep };
}
