import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { JobStatus } from '../../../src/jobs/job-queue.js';
import { useRedisJobs } from '../../helpers/redis-jobs.js';
import { ID, pollUntil, students } from '../../http/jobs/job-helpers.js';

/**
 * A poisoned row: its data is valid, but rendering it faults every time (a bug of ours, a font
 * missing a glyph…). Its chunk is tried JOBS_CHUNK_ATTEMPTS times, then at the last try the row
 * is reported failed alone: the job ends, its other rows rendered, nothing retried forever.
 */
const POISON = 'Empoisonnée';
let poisonedRenders = 0;
const jobs = useRedisJobs({
  env: { JOBS_CHUNK_ROWS: '3', JOBS_CHUNK_ATTEMPTS: '2' },
  worker: { attempts: 2 },
  core: (core) => ({
    ...core,
    render: (renderRequest, signal) => {
      const data = renderRequest.data as { eleve: { prenom: string } };
      if (data.eleve.prenom !== POISON) return core.render(renderRequest, signal);
      poisonedRenders += 1;
      return Promise.reject(new TypeError('Cannot read properties of undefined'));
    },
  }),
});

describe('a row whose render faults every time', () => {
  it('is reported failed after its chunk’s last try; the job ends with the other rows', async () => {
    const rows = students(6);
    (rows[4] as { eleve: { prenom: string } }).eleve.prenom = POISON;
    const submitted = await request(jobs.runtime.app)
      .post(`/v1/jobs/${ID}?engine=acroform`)
      .send(rows);
    expect(submitted.status).toBe(202);
    const id = (submitted.body as JobStatus).id;
    const done = await pollUntil(jobs.runtime.app, `/v1/jobs/${id}`);
    expect(done).toMatchObject({ state: 'done', rows: 6, done: 5, failed: 1 });
    const poisoned = done.report.find((line) => line.state === 'failed');
    expect(poisoned?.row).toBe(5);
    expect(poisoned?.errors[0]).toMatchObject({ code: 'INTERNAL' });
    expect(poisoned?.errors[0]?.message_fr).toContain('n’a pas pu être produite');
    // Its chunk's two tries, no more; the row's neighbours in that chunk were rendered.
    expect(poisonedRenders).toBe(2);
    expect(done.report.filter((line) => line.file)).toHaveLength(5);
  }, 60_000);
});
