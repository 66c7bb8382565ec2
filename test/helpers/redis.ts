import { afterAll, beforeAll } from 'vitest';
import { startRedis, type TestRedis } from './redis-server.js';

/** One Redis per test file. */
export function useRedis(): { readonly current: TestRedis } {
  let redis: TestRedis | undefined;
  beforeAll(async () => {
    redis = await startRedis();
  }, 20_000);
  afterAll(async () => {
    await redis?.close();
  });
  return {
    get current() {
      if (!redis) throw new Error('Redis is used outside the tests of its file');
      return redis;
    },
  };
}
