import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useRuntime } from '../../helpers/app.js';
import { sha256 } from '../access/access-app.js';
import { ID, pollUntil, students } from './job-helpers.js';

/** With API_KEYS, a job is its key's: another key, or none, is told it does not exist. */
const ECOLE = { Authorization: 'Bearer cle-de-l-ecole-a' };
const AUTRE = { 'X-API-Key': 'cle-de-l-ecole-b' };
const runtime = useRuntime({
  API_KEYS: `ecole-a:${sha256('cle-de-l-ecole-a')},ecole-b:${sha256('cle-de-l-ecole-b')}`,
});

describe('a job made with an API key', () => {
  it('is seen, fetched and deleted with that key only', async () => {
    const submitted = await request(runtime.app)
      .post(`/v1/jobs/${ID}?engine=acroform`)
      .set(ECOLE)
      .send(students(1));
    expect(submitted.status).toBe(202);
    const location = submitted.headers.location as string;
    expect((await pollUntil(runtime.app, location, ['done'], ECOLE)).state).toBe('done');

    for (const headers of [AUTRE, {}]) {
      for (const path of [location, `${location}/result`]) {
        const answer = await request(runtime.app).get(path).set(headers);
        expect(answer.status, path).toBe(404);
        expect(answer.body.code).toBe('UNKNOWN_JOB');
      }
    }
    expect((await request(runtime.app).delete(location).set(AUTRE)).status).toBe(404);
    expect((await request(runtime.app).delete(location)).status).toBe(401);
    expect((await request(runtime.app).get(`${location}/result`).set(ECOLE)).status).toBe(200);
    expect((await request(runtime.app).delete(location).set(ECOLE)).status).toBe(204);
    expect((await request(runtime.app).get(location).set(ECOLE)).status).toBe(404);
  });

  it('cannot be submitted without a key: 401', async () => {
    const answer = await request(runtime.app).post(`/v1/jobs/${ID}`).send(students(1));
    expect(answer.status).toBe(401);
  });
});
