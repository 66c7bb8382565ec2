import { spawnSync } from 'node:child_process';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { JobStatus } from '../../../src/jobs/job-queue.js';
import { QUEUE_NAME, QUEUE_PREFIX } from '../../../src/jobs/redis/connection.js';
import { JobRecords, keysOf } from '../../../src/jobs/redis/job-records.js';
import { dropOrphanChunks } from '../../../src/jobs/redis/orphans.js';
import { projectRoot } from '../../../src/paths.js';
import { useRedisJobs } from '../../helpers/redis-jobs.js';
import { ID, students } from '../../http/jobs/job-helpers.js';

/**
 * With REDIS_URL and no worker running, a job waits; once its record is gone (deleted, or
 * expired a day after its creation), its chunks, which hold its rows, are removed by the API.
 */
const jobs = useRedisJobs({ env: { JOBS_CHUNK_ROWS: '2' }, worker: false });

describe('chunks whose job is gone', () => {
  it('are kept while their job exists, and removed once it is gone', async () => {
    const submitted = await request(jobs.runtime.app)
      .post(`/v1/jobs/${ID}?engine=acroform`)
      .send(students(4));
    expect(submitted.status).toBe(202);
    const id = (submitted.body as JobStatus).id;
    const client = new Redis(jobs.redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUE_NAME, { connection: client, prefix: QUEUE_PREFIX });
    const records = new JobRecords(client);
    try {
      const bullKeys = async () => (await client.keys(`${QUEUE_PREFIX}:*${id}*`)).sort();
      expect((await bullKeys()).length).toBeGreaterThanOrEqual(3);
      expect(await dropOrphanChunks(queue, records)).toBe(0);
      // The row data is in the waiting chunks.
      expect(
        JSON.stringify(await client.hgetall(`${QUEUE_PREFIX}:${QUEUE_NAME}:${id}.0`)),
      ).toContain('Zoé0');

      const keys = keysOf(id);
      await client.del(keys.record, keys.report, keys.files);
      expect(await dropOrphanChunks(queue, records)).toBeGreaterThanOrEqual(1);
      expect(await bullKeys()).toEqual([]);
    } finally {
      await queue.close();
      client.disconnect();
    }
  });
});

describe('paperasse worker without REDIS_URL', () => {
  it('exits 2 and says that jobs then run in the service', () => {
    const env = { ...process.env };
    delete env.REDIS_URL;
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/edges/cli/main.ts', 'worker'],
      { cwd: projectRoot, env, encoding: 'utf8', timeout: 30_000 },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('REDIS_URL n’est pas défini');
  });
});
