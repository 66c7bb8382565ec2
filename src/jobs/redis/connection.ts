import { Redis } from 'ioredis';

/**
 * Redis connections and BullMQ's names, alike for the API and the workers.
 *
 * The API's connection fails fast: with Redis away, a command is refused at once (no offline
 * queue) and the request hears 503 with Retry-After, instead of hanging while ioredis
 * reconnects. A worker's connection waits for Redis as long as it takes (BullMQ asks for
 * `maxRetriesPerRequest: null`): its chunks resume once Redis is back.
 */

/** The queue every job's chunks and last step go through. */
export const QUEUE_NAME = 'jobs';
/** BullMQ's keys beside the job records (`paperasse:job:*`): one namespace for Paperasse. */
export const QUEUE_PREFIX = 'paperasse:bull';
/** BullMQ's event stream is trimmed hard: nobody here reads it. */
export const EVENTS_MAX_LENGTH = 100;

export type ConnectionRole = 'api' | 'worker';

export function connect(url: string, role: ConnectionRole): Redis {
  const common = {
    connectionName: `paperasse-${role}`,
    // Reconnect forever, at most every 2 s: Redis restarting is not a reason to stop.
    retryStrategy: (times: number) => Math.min(100 * times, 2_000),
  };
  if (role === 'worker') return new Redis(url, { ...common, maxRetriesPerRequest: null });
  return new Redis(url, {
    ...common,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 5_000,
  });
}

/** Whether a connection can take a command now. */
export function isReady(redis: Redis): boolean {
  return redis.status === 'ready';
}
