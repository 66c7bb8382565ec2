import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useRuntime } from '../helpers/app.js';
import { fieldTreeDag, objectStreamBomb, pageTreeDag } from '../helpers/raw-pdf.js';
import { loadSample } from '../helpers/samples.js';
import { multiPagePdf } from '../uploads/pdf-fixtures.js';

/**
 * Hostile PDFs of a few kilobytes, made here, against a listening service: each is refused with
 * a 422 naming the limit it crosses, and the service keeps answering /healthz within 200 ms while
 * it is read, its memory back afterwards. Uploaded PDFs are read in worker threads under limits
 * (src/pdf/untrusted/): before that, the depth-40 page tree grew Node to 2 GB and killed it.
 */
const runtime = useRuntime();
const DOCUMENT = 'attestation-hebergement';
const sample = loadSample(DOCUMENT);

let server: Server;
let base: string;
let bomb: Uint8Array;
beforeAll(async () => {
  server = runtime.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  bomb = await objectStreamBomb(512 * 1024 * 1024);
  // Connections and workers up before anything is timed.
  await (await fetch(`${base}/healthz`)).arrayBuffer();
  await honestAnnex();
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

interface Answer {
  status: number;
  body: { code?: string; detail?: string; detail_fr?: string; fields?: unknown[] };
  ms: number;
  /** The slowest /healthz answer while the request was in flight. */
  healthMs: number;
}

/** Sends `form` to `path` while /healthz is asked every 20 ms. */
async function watched(path: string, form: FormData): Promise<Answer> {
  const [answer] = await watchedAll([[path, form]]);
  return answer as Answer;
}

/** Sends every request at once while /healthz is asked every 20 ms. */
async function watchedAll(requests: readonly [string, FormData][]): Promise<Answer[]> {
  const started = performance.now();
  let done = false;
  const health: number[] = [];
  const watcher = (async () => {
    while (!done) {
      const asked = performance.now();
      const answer = await fetch(`${base}/healthz`);
      await answer.arrayBuffer();
      health.push(performance.now() - asked);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const answers = await Promise.all(
    requests.map(async ([path, form]) => {
      const response = await fetch(`${base}${path}`, { method: 'POST', body: form });
      const body = (await response.json()) as Answer['body'];
      return { status: response.status, body, ms: performance.now() - started };
    }),
  );
  done = true;
  await watcher;
  return answers.map((answer) => ({ ...answer, healthMs: Math.max(...health) }));
}

function withAnnex(pdf: Uint8Array): FormData {
  const form = new FormData();
  form.append('data', JSON.stringify(sample));
  form.append(
    'attachments',
    new Blob([Buffer.from(pdf)], { type: 'application/pdf' }),
    'annexe.pdf',
  );
  return form;
}

function honestAnnex(): Promise<Answer> {
  return multiPagePdf(3).then((pdf) =>
    watched(`/v1/documents/${DOCUMENT}/validate`, withAnnex(pdf)),
  );
}

function withForm(pdf: Uint8Array, values?: object): FormData {
  const form = new FormData();
  form.append('file', new Blob([Buffer.from(pdf)], { type: 'application/pdf' }), 'formulaire.pdf');
  if (values) form.append('values', JSON.stringify(values));
  return form;
}

function residentMb(): number {
  return process.memoryUsage().rss / (1024 * 1024);
}

/** The resident size once it is under `target`, or after 3 s, whichever comes first. */
async function settledResidentMb(target: number): Promise<number> {
  const until = performance.now() + 3_000;
  while (residentMb() >= target && performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return residentMb();
}

describe('hostile PDFs', () => {
  it('refuses an annex whose page tree names each level twice (depth 40, a few KB), /healthz answering', async () => {
    const pdf = pageTreeDag(40);
    expect(pdf.length).toBeLessThan(5_000);
    const answer = await watched(`/v1/documents/${DOCUMENT}/validate`, withAnnex(pdf));
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('PDF_TOO_COMPLEX');
    expect(answer.body.detail).toContain('"attachments[0]"');
    expect(answer.body.detail).toContain('page tree');
    expect(answer.body.detail_fr).toContain('arborescence de pages');
    expect(answer.healthMs).toBeLessThan(200);
  });

  it('refuses the same page tree when rendering, before anything is printed', async () => {
    const answer = await watched(`/v1/documents/${DOCUMENT}`, withAnnex(pageTreeDag(40)));
    expect([answer.status, answer.body.code]).toEqual([422, 'PDF_TOO_COMPLEX']);
  });

  it('refuses a form whose field tree names each level twice on /v1/pdf/fields (2 KB)', async () => {
    const pdf = fieldTreeDag(24);
    expect(pdf.length).toBeLessThan(3_000);
    const answer = await watched('/v1/pdf/fields', withForm(pdf));
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('PDF_TOO_COMPLEX');
    expect(answer.body.detail).toContain('field tree');
    expect(answer.healthMs).toBeLessThan(200);
  });

  it('refuses the same field tree sent as a filled form to read back, /healthz answering', async () => {
    const answer = await watched(
      '/v1/documents/convention-au-pair/read',
      withForm(fieldTreeDag(24)),
    );
    expect([answer.status, answer.body.code]).toEqual([422, 'PDF_TOO_COMPLEX']);
    expect(answer.healthMs).toBeLessThan(200);
  });

  it('answers 422, not 500, when filling a form whose fields share children', async () => {
    const answer = await watched('/v1/pdf/fill', withForm(fieldTreeDag(2), { leaf: 'x' }));
    expect([answer.status, answer.body.code]).toEqual([422, 'PDF_TOO_COMPLEX']);
  });

  it('refuses an object stream that inflates to 512 MB, without the memory staying taken', async () => {
    expect(bomb.length).toBeLessThan(1024 * 1024);
    // Once first, then an honest file for the worker that replaced the refused one: the baseline
    // holds a worker with its code loaded, as after the measured file.
    await watched(`/v1/documents/${DOCUMENT}/validate`, withAnnex(bomb));
    await honestAnnex();
    const before = residentMb();
    const answer = await watched(`/v1/documents/${DOCUMENT}/validate`, withAnnex(bomb));
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('PDF_TOO_COMPLEX');
    expect(answer.body.detail).toContain('inflates past 32 MB');
    expect(answer.healthMs).toBeLessThan(200);
    // The refused file's worker is replaced; its thread's memory goes back once it has exited.
    expect(await settledResidentMb(before * 1.1)).toBeLessThan(before * 1.1);
  });

  it('refuses four bombs sent at once while /healthz keeps answering', async () => {
    const path = `/v1/documents/${DOCUMENT}/validate`;
    const answers = await watchedAll([1, 2, 3, 4].map(() => [path, withAnnex(bomb)] as const));
    for (const answer of answers) {
      expect(answer.status).toBe(422);
      expect(answer.healthMs).toBeLessThan(200);
    }
  });

  it('still reads an honest annex afterwards', async () => {
    expect((await honestAnnex()).status).toBe(200);
  });
});
