import { Writable } from 'node:stream';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { createRuntime, type Runtime } from '../../../src/edges/http/runtime.js';
import { createLogger } from '../../../src/logger.js';
import { fakeApp, fakeCore, FAKE_LETTER } from '../../helpers/fake-core.js';
import { asBytes } from '../../helpers/http.js';
import { loadSample } from '../../helpers/samples.js';
import { transparentSignature } from '../../uploads/image-fixtures.js';
import { csrfOf, sampleFields } from '../../web/form-fields.js';

/**
 * Requests full of personal data, on every way in (JSON, multipart with an upload named after
 * the person, the web form, a class spreadsheet) and on the error paths (422, malformed JSON, a
 * fault of ours): not one log line, at debug level, holds a name, NIR, birth date, address or
 * file name. The logger is the service's own (createLogger, its redaction included).
 */
function capture() {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger: createLogger('debug', sink), lines, clear: () => chunks.splice(0) };
}

const ATMP = 'attestation-atmp-stage-etranger';
const HEBERGEMENT = 'attestation-hebergement';
const FILE_NAME = 'signature-Heloise-Lefevre-née-1995.png';

/** Every personal value the requests below carry, as sent and as a date would be printed. */
const PERSONAL = [
  'Lefèvre',
  'Lefevre',
  "N'Diaye",
  'Héloïse',
  'Heloise',
  '2 95 10 99 126 111 93',
  '295109912611193',
  '951099',
  "rue de l'Église",
  'Bâtiment C',
  'Lefèbvre-Château',
  'Françoise',
  'Anatole-France',
  '1961-02-14',
  '14/02/1961',
  "N'Guessan",
  '1998-04-03',
  'Abidjan',
  FILE_NAME,
  'classe-Lefevre',
  'née-1995',
];

const log = capture();
let runtime: Runtime;
beforeAll(() => {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'debug', RENDER_CONCURRENCY: '1' });
  runtime = createRuntime(config, log.logger);
});
afterAll(async () => {
  await runtime.close();
});

/** Waits for the request line of each request sent (written when its response closes). */
async function requestLines(count: number): Promise<Record<string, unknown>[]> {
  const end = Date.now() + 5_000;
  const answered = () => log.lines().filter((line) => line.msg === 'request');
  while (answered().length < count && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return answered();
}

function expectNoPersonalData(lines: readonly Record<string, unknown>[]): void {
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) {
    const text = JSON.stringify(line).toLowerCase();
    for (const value of PERSONAL) {
      expect(text.includes(value.toLowerCase()), `${value} in ${JSON.stringify(line)}`).toBe(false);
    }
  }
}

describe('what the log says of requests carrying personal data', () => {
  it('renders from JSON and from multipart with an upload named after the person', async () => {
    log.clear();
    const json = await asBytes(request(runtime.app).post(`/v1/documents/${HEBERGEMENT}`)).send(
      loadSample(HEBERGEMENT),
    );
    expect(json.status).toBe(200);
    const multipart = await asBytes(
      request(runtime.app)
        .post(`/v1/documents/${ATMP}`)
        .field('data', JSON.stringify(loadSample(ATMP)))
        .attach('signature', Buffer.from(await transparentSignature()), FILE_NAME),
    );
    expect(multipart.status, multipart.text).toBe(200);
    const lines = await requestLines(2);
    expect(
      lines.map(({ route, document, engine, status }) => ({ route, document, engine, status })),
    ).toEqual([
      { route: '/v1/documents/:id', document: HEBERGEMENT, engine: 'html', status: 200 },
      { route: '/v1/documents/:id', document: ATMP, engine: 'html', status: 200 },
    ]);
    expect(lines[1]).toMatchObject({ method: 'POST', bytesIn: expect.any(Number) as number });
    expect(lines[1]?.bytesOut as number).toBeGreaterThan(multipart.body.length);
    expectNoPersonalData(log.lines());
  });

  it('posts the web form, checked and then downloaded', async () => {
    log.clear();
    const form = await request(runtime.app).get(`/formulaire/${HEBERGEMENT}`);
    const { cookie, token } = csrfOf(form);
    for (const action of ['verifier', 'telecharger']) {
      const answer = await request(runtime.app)
        .post(`/formulaire/${HEBERGEMENT}`)
        .set('Cookie', cookie)
        .type('form')
        .send({ ...sampleFields(HEBERGEMENT), _csrf: token, action });
      expect(answer.status).toBe(200);
    }
    const lines = await requestLines(3);
    expect(lines.map((line) => line.route)).toEqual([
      '/formulaire/:id',
      '/formulaire/:id',
      '/formulaire/:id',
    ]);
    expectNoPersonalData(log.lines());
  });

  it('renders a class spreadsheet whose file name is personal', async () => {
    log.clear();
    const model = await asBytes(request(runtime.app).get(`/v1/batch/${ATMP}/template.csv`));
    // The model's example row is the sample: Héloïse Lefèvre, her NIR, her address.
    expect((model.body as Buffer).toString('utf8')).toContain('Lefèvre');
    const batch = await asBytes(
      request(runtime.app)
        .post(`/v1/batch/${ATMP}`)
        .attach('file', model.body as Buffer, 'classe-Lefevre-Heloise.csv'),
    );
    expect(batch.status, batch.text).toBe(200);
    const lines = await requestLines(2);
    expect(lines[1]).toMatchObject({ route: '/v1/batch/:id', document: ATMP, status: 200 });
    expectNoPersonalData(log.lines());
  });

  it('refuses invalid data (422) and malformed JSON (400)', async () => {
    log.clear();
    const sample = loadSample(ATMP) as { eleve: { nir: string } };
    const badKey = { ...sample, eleve: { ...sample.eleve, nir: '2 95 10 99 126 111 94' } };
    const invalid = await request(runtime.app).post(`/v1/documents/${ATMP}`).send(badKey);
    expect(invalid.status).toBe(422);
    expect(invalid.text).toContain('eleve.nir');
    const malformed = await request(runtime.app)
      .post(`/v1/documents/${HEBERGEMENT}/validate`)
      .type('json')
      .send('{"hebergeant": {"nomNaissance": "Lefèbvre-Château", "dateNaissance": "1961-02-14"');
    expect(malformed.status).toBe(400);
    const lines = await requestLines(2);
    expect(lines.map(({ status, code }) => ({ status, code }))).toEqual([
      { status: 422, code: 'VALIDATION_FAILED' },
      { status: 400, code: 'MALFORMED_JSON' },
    ]);
    expectNoPersonalData(log.lines());
  });
});

describe('what the log says of a fault of ours', () => {
  it('logs the error with its stack and the request id, not the data', async () => {
    const faulty = capture();
    const core = fakeCore({
      render: () =>
        Promise.reject(new TypeError("Cannot read properties of undefined (reading 'x')")),
    });
    const app = fakeApp(core, { logger: faulty.logger });
    const answer = await request(app)
      .post(`/v1/documents/${FAKE_LETTER.id}`)
      .set('X-Request-Id', 'fault-42')
      .send({ nom: 'Lefèbvre-Château' });
    expect(answer.status).toBe(500);
    const lines = faulty.lines();
    const fault = lines.find((line) => line.msg === 'unhandled error');
    expect(fault).toMatchObject({ level: 50, requestId: 'fault-42' });
    expect(JSON.stringify(fault)).toContain('TypeError');
    expect(lines.find((line) => line.msg === 'request')).toMatchObject({
      requestId: 'fault-42',
      status: 500,
      code: 'INTERNAL',
    });
    expectNoPersonalData(lines);
  });
});
