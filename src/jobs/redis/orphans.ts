import type { Queue } from 'bullmq';
import type { JobRecords } from './job-records.js';

/**
 * Chunks whose job is gone (deleted, or its record expired: a day after its creation at the
 * latest, job-records.ts) while no worker took them: their rows are personal data waiting in
 * Redis for nobody. A worker would drop such a chunk when it came to it; with no worker running
 * (an API started with REDIS_URL and no `paperasse worker`) nothing would, so the API removes
 * them, looking at most `limit` waiting entries at a time.
 */
export async function dropOrphanChunks(
  queue: Queue,
  records: JobRecords,
  limit = 1_000,
): Promise<number> {
  const waiting = await queue.getJobs(
    ['waiting', 'delayed', 'prioritized', 'waiting-children'],
    0,
    limit - 1,
  );
  let dropped = 0;
  const known = new Map<string, boolean>();
  for (const entry of waiting) {
    const job = (entry.data as { job?: unknown } | undefined)?.job;
    if (typeof job !== 'string') continue;
    if (!known.has(job)) known.set(job, await records.exists(job));
    if (known.get(job)) continue;
    // A parent removes its children with it; a chunk already removed that way is skipped.
    const removed = await entry.remove({ removeChildren: true }).then(
      () => true,
      () => false,
    );
    if (removed) dropped += 1;
  }
  return dropped;
}
