import { afterEach, describe, expect, it } from 'vitest';
import {
  createWorkerPool,
  WorkerLimitError,
  WorkerQueueFullError,
  type WorkerPool,
  type WorkerPoolOptions,
} from '../../src/shared/worker-pool.js';

const pools: WorkerPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

function pool(options: Partial<WorkerPoolOptions> = {}): WorkerPool {
  const created = createWorkerPool({
    script: new URL('../fixtures/test-worker.js', import.meta.url),
    size: 1,
    queueLimit: 4,
    timeoutMs: 5_000,
    heapMb: 64,
    ...options,
  });
  pools.push(created);
  return created;
}

describe('createWorkerPool', () => {
  it('runs tasks in a worker thread and answers their results, in order', async () => {
    const workers = pool();
    const answers = await Promise.all([1, 2, 3].map((n) => workers.run('echo', [{ n }])));
    expect(answers).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(workers.stats()).toMatchObject({ workers: 1, busy: 0, queued: 0, replaced: 0 });
  });

  it('passes a refusal back with its own fields, revived, and replaces the worker', async () => {
    const workers = pool({
      revive: (error) => Object.assign(new Error(error.message), { reason: error.reason }),
    });
    const error = await workers.run('refuse', ['encrypted']).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ message: 'refused: encrypted', reason: 'encrypted' });
    expect(workers.stats().replaced).toBe(1);
    await expect(workers.run('echo', ['next'])).resolves.toBe('next');
  });

  it('keeps the worker after a refusal that keepAfter calls ordinary', async () => {
    const workers = pool({ keepAfter: (error) => error.reason === 'damaged' });
    await workers.run('refuse', ['damaged']).catch(() => undefined);
    expect(workers.stats().replaced).toBe(0);
  });

  it('stops a task at its deadline, while the main thread keeps answering', async () => {
    const workers = pool({ timeoutMs: 300 });
    const started = performance.now();
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 20);
    const error = await workers.run('spin', []).catch((caught: unknown) => caught);
    clearInterval(ticker);
    expect(error).toBeInstanceOf(WorkerLimitError);
    expect((error as WorkerLimitError).limit).toBe('time');
    expect(performance.now() - started).toBeLessThan(3_000);
    // The event loop ran all along: about one tick per 20 ms of the 300 ms deadline.
    expect(ticks).toBeGreaterThanOrEqual(8);
    await expect(workers.run('echo', ['after'])).resolves.toBe('after');
  });

  it('stops a task that eats its heap, and a new worker serves the next', async () => {
    const workers = pool({ heapMb: 32, timeoutMs: 20_000 });
    const error = await workers.run('grow', []).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WorkerLimitError);
    expect((error as WorkerLimitError).limit).toBe('memory');
    await expect(workers.run('echo', ['alive'])).resolves.toBe('alive');
  });

  it('refuses at once past its queue, with a retry delay', async () => {
    const workers = pool({ queueLimit: 1, timeoutMs: 500 });
    const running = workers.run('spin', []).catch(() => 'stopped');
    const waiting = workers.run('echo', ['waited']);
    const refused = await workers.run('echo', ['refused']).catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(WorkerQueueFullError);
    expect((refused as WorkerQueueFullError).retryAfterSeconds).toBe(1);
    expect(await running).toBe('stopped');
    expect(await waiting).toBe('waited');
  });
});

describe('onLimit', () => {
  it('turns a task stopped for time into the caller’s own error', async () => {
    class TooSlow extends Error {}
    const workers = pool({ timeoutMs: 200, onLimit: (error) => new TooSlow(error.limit) });
    const error = await workers.run('spin', []).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TooSlow);
    expect((error as TooSlow).message).toBe('time');
  });
});
