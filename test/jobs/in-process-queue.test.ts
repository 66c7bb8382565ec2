import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreError } from '../../src/core/errors.js';
import { createInProcessQueue } from '../../src/jobs/in-process-queue.js';
import type { JobQueue, JobStatus, JobSubmission } from '../../src/jobs/job-queue.js';
import { createLogger } from '../../src/logger.js';
import { coreErrorOf } from '../batch/sheets.js';
import { FAKE_LETTER, fakeCore, rendered, type FakeCoreOptions } from '../helpers/fake-core.js';

/** The in-process queue on its own, around a fake core: its bounds, failures and files. */
const queues: JobQueue[] = [];
afterEach(async () => {
  await Promise.all(queues.splice(0).map((queue) => queue.close()));
});

function queueOf(answers: FakeCoreOptions, maxJobs = 10) {
  const queue = createInProcessQueue({
    core: fakeCore(answers),
    reportFont: new Uint8Array(),
    rowConcurrency: 2,
    concurrency: 1,
    maxJobs,
    ttlSeconds: 60,
    logger: createLogger('silent'),
  });
  queues.push(queue);
  return queue;
}

const submission = (rows = 2): JobSubmission => ({
  batch: {
    document: FAKE_LETTER.id,
    rows: Array.from({ length: rows }, (_, index) => ({ row: index + 1, data: { nom: 'Dupont' } })),
    files: { assembling: false, images: [], attachments: [] },
    output: 'zip',
  },
});

async function settled(queue: JobQueue, id: string): Promise<JobStatus> {
  for (;;) {
    const status = await queue.status(id);
    if (status.state !== 'queued' && status.state !== 'running') return status;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A render that waits until it is aborted. */
const endless: FakeCoreOptions['render'] = (_request, signal) =>
  new Promise((_resolve, reject) => {
    signal?.addEventListener('abort', () => reject(signal.reason as Error));
  });

describe('the in-process queue', () => {
  it('refuses a job beyond JOBS_MAX with JOB_QUEUE_FULL and a Retry-After', async () => {
    const queue = queueOf({ render: endless }, 2);
    await queue.submit(submission());
    await queue.submit(submission());
    const refused = await coreErrorOf(() => queue.submit(submission()));
    expect(refused.code).toBe('JOB_QUEUE_FULL');
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('writes the result 0600 in a folder of its own, removed at close', async () => {
    const queue = queueOf({ render: () => Promise.resolve(rendered()) });
    const { id } = await queue.submit(submission());
    expect(await settled(queue, id)).toMatchObject({ state: 'done', done: 2, failed: 0 });
    const folder = queue.folder as string;
    expect(((await stat(folder)).mode & 0o777).toString(8)).toBe('700');
    expect(((await stat(join(folder, `${id}.zip`))).mode & 0o777).toString(8)).toBe('600');
    const result = await queue.result(id);
    expect(result.size).toBeGreaterThan(0);
    await queue.close();
    await expect(stat(folder)).rejects.toThrow(/ENOENT/);
  });

  it('fails a job on a fault of ours, saying nothing of it, and has no result for it', async () => {
    const queue = queueOf({ render: () => Promise.reject(new Error('Dupont broke it')) });
    const { id } = await queue.submit(submission());
    const failed = await settled(queue, id);
    expect(failed.state).toBe('failed');
    expect(failed.error?.code).toBe('INTERNAL');
    expect(JSON.stringify(failed)).not.toContain('Dupont');
    const error = await coreErrorOf(() => queue.result(id));
    expect(error).toBeInstanceOf(CoreError);
    expect(error.code).toBe('JOB_FAILED');
  });

  it('runs one job at a time: the next waits queued', async () => {
    const queue = queueOf({ render: endless });
    const first = await queue.submit(submission());
    const second = await queue.submit(submission());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await queue.status(first.id)).state).toBe('running');
    expect((await queue.status(second.id)).state).toBe('queued');
    await queue.cancel(first.id);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await queue.status(second.id)).state).toBe('running');
  });
});
