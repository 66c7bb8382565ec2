import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { JobStatus } from '../../../src/jobs/job-queue.js';
import { templateColumns } from '../../../src/edges/batch/index.js';
import { rowCells } from '../../../src/edges/batch/template-sheet.js';
import { useRuntime } from '../../helpers/app.js';
import { asBytes } from '../../helpers/http.js';
import { pdfText, squash } from '../../helpers/pdf.js';
import { loadSample } from '../../helpers/samples.js';
import { unzip } from '../../helpers/zip.js';
import { inputSchema, windows1252Csv } from '../../batch/sheets.js';
import { filesOnDisk, ID, pollUntil, students } from './job-helpers.js';

/**
 * POST /v1/jobs/{id}: a batch run later, with the real core (acroform engine). Its status and
 * report while it runs, its ZIP once done, its deletion, and what a wrong id or an early result
 * request get.
 */
const runtime = useRuntime({ BATCH_MAX_ROWS: '80', JOBS_CONCURRENCY: '1' });
const JOBS = `/v1/jobs/${ID}?engine=acroform`;

/** French Excel's CSV of these rows: French titles, Windows-1252, ids E1, E2… */
function classCsv(rows: readonly Record<string, unknown>[]): Uint8Array {
  const columns = templateColumns(inputSchema(ID), loadSample(ID));
  return windows1252Csv([
    ['ligne', ...columns.map((column) => column.header)],
    ...rows.map((row, index) => [`E${index + 1}`, ...rowCells(columns, row)]),
  ]);
}

describe('a job of three students, one with a wrong NIR', () => {
  it('is accepted (202, Location), runs, and reports 2 done and 1 failed with the field', async () => {
    const submitted = await request(runtime.app)
      .post(JOBS)
      .send(students(3, [1]));
    expect(submitted.status).toBe(202);
    const job = submitted.body as JobStatus;
    expect(job.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(submitted.headers.location).toBe(`/v1/jobs/${job.id}`);
    expect(job).toMatchObject({ document: ID, rows: 3, output: 'zip' });
    expect(['queued', 'running']).toContain(job.state);

    const done = await pollUntil(runtime.app, submitted.headers.location as string);
    expect(done).toMatchObject({ state: 'done', rows: 3, done: 2, failed: 1, progress: 1 });
    expect(done.expiresAt).toBeDefined();
    const failed = done.report.filter((line) => line.state === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.row).toBe(2);
    expect(failed[0]?.errors.map((issue) => issue.path)).toContain('eleve.nir');

    const result = await asBytes(request(runtime.app).get(`/v1/jobs/${job.id}/result`));
    expect(result.status).toBe(200);
    expect(result.headers['content-type']).toBe('application/zip');
    const files = unzip(result.body as Buffer);
    const pdfs = [...files.keys()].filter((name) => name.endsWith('.pdf'));
    expect(pdfs).toHaveLength(2);
    expect(files.has('rapport.csv')).toBe(true);
    const texts = pdfs.map((name) => squash(pdfText(files.get(name) as Buffer)));
    // squash() upper-cases: the form prints names in capitals.
    const student = (index: number) => (text: string) =>
      text.includes(squash(`Dubœuf${index}`)) && text.includes(squash(`Zoé${index}`));
    expect(texts.some(student(0))).toBe(true);
    expect(texts.some(student(2))).toBe(true);
    expect(texts.some(student(1))).toBe(false);
    expect(await filesOnDisk(runtime.jobs)).toContain(`${job.id}.zip`);
  });
});

describe('a job from a spreadsheet', () => {
  it('reads French Excel’s CSV (Windows-1252) and merges the class in one PDF', async () => {
    const csv = classCsv(students(2));
    const submitted = await request(runtime.app)
      .post(`${JOBS}&output=pdf`)
      .attach('file', Buffer.from(csv), 'classe.csv');
    expect(submitted.status).toBe(202);
    const done = await pollUntil(runtime.app, submitted.headers.location as string);
    expect(done).toMatchObject({ state: 'done', output: 'pdf', rows: 2, done: 2, failed: 0 });
    expect(done.report.map((line) => line.id)).toEqual(['E1', 'E2']);
    const result = await asBytes(request(runtime.app).get(`${submitted.headers.location}/result`));
    expect(result.headers['content-type']).toBe('application/pdf');
    const text = squash(pdfText(new Uint8Array(result.body as Buffer)));
    expect(text).toContain(squash('Zoé0'));
    expect(text).toContain(squash('Zoé1'));
  });
});

describe('refusals and deletion', () => {
  it('answers 404 UNKNOWN_JOB for an id it never gave', async () => {
    for (const path of ['', '/result']) {
      const answer = await request(runtime.app).get(`/v1/jobs/${crypto.randomUUID()}${path}`);
      expect(answer.status).toBe(404);
      expect(answer.body.code).toBe('UNKNOWN_JOB');
    }
    const deleted = await request(runtime.app).delete(`/v1/jobs/${crypto.randomUUID()}`);
    expect(deleted.status).toBe(404);
  });

  it('answers 409 JOB_NOT_FINISHED for the result of a job still queued or running', async () => {
    const running = await request(runtime.app).post(JOBS).send(students(40));
    const waiting = await request(runtime.app).post(JOBS).send(students(3));
    const early = await request(runtime.app).get(`${waiting.headers.location}/result`);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('JOB_NOT_FINISHED');
    expect(early.headers['retry-after']).toBe('1');
    for (const location of [running.headers.location, waiting.headers.location]) {
      expect(await request(runtime.app).delete(location as string)).toHaveProperty('status', 204);
    }
  });

  it('refuses a job whose rows are all wrong as a batch does: 422 naming each row', async () => {
    const answer = await request(runtime.app)
      .post(JOBS)
      .send(students(2, [0, 1]));
    expect(answer.status).toBe(422);
    expect(answer.body.errors.map((issue: { path: string }) => issue.path)).toContain(
      'lignes[1].eleve.nir',
    );
  });

  it('refuses a callback when the service signs no webhook: 422 naming callback', async () => {
    const callback = encodeURIComponent('https://ecole.example/paperasse');
    const answer = await request(runtime.app)
      .post(`${JOBS}&callback=${callback}`)
      .send(students(1));
    expect(answer.status).toBe(422);
    expect(answer.body.errors[0]).toMatchObject({ path: 'callback' });
  });

  it('reads the callback from a part beside the spreadsheet too', async () => {
    const answer = await request(runtime.app)
      .post(JOBS)
      .field('callback', 'https://ecole.example/paperasse')
      .attach('file', Buffer.from(classCsv(students(1))), 'classe.csv');
    expect(answer.status).toBe(422);
    expect(answer.body.errors[0]).toMatchObject({ path: 'callback' });
  });

  it('cancels a running job on DELETE: 204, then 404, and its file is gone from disk', async () => {
    const submitted = await request(runtime.app).post(JOBS).send(students(60));
    const location = submitted.headers.location as string;
    const id = (submitted.body as JobStatus).id;
    const running = await pollUntil(runtime.app, location, ['running', 'done', 'failed']);
    expect(running.state).toBe('running');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await filesOnDisk(runtime.jobs)).toContain(`${id}.zip`);
    const deleted = await request(runtime.app).delete(location);
    expect(deleted.status).toBe(204);
    expect(await filesOnDisk(runtime.jobs)).not.toContain(`${id}.zip`);
    expect((await request(runtime.app).get(location)).status).toBe(404);
    expect((await request(runtime.app).get(`${location}/result`)).status).toBe(404);
  });

  it('gives the same job to a retry with the same Idempotency-Key', async () => {
    const rows = students(2);
    const first = await request(runtime.app)
      .post(JOBS)
      .set('Idempotency-Key', 'classe-3b')
      .send(rows);
    const retry = await request(runtime.app)
      .post(JOBS)
      .set('Idempotency-Key', 'classe-3b')
      .send(rows);
    expect(first.status).toBe(202);
    expect(retry.status).toBe(202);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers.location).toBe(first.headers.location);
    expect(JSON.parse(retry.text as string).id).toBe((first.body as JobStatus).id);
    await pollUntil(runtime.app, first.headers.location as string);
  });
});
