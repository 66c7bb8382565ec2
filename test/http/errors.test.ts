import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/edges/http/runtime.js';
import { startRuntime } from '../helpers/app.js';
import { loadSample } from '../helpers/samples.js';

/** Bad input is answered with the right 4xx problem, never a 500, never a stack trace. */
let runtime: Runtime;
beforeAll(() => {
  runtime = startRuntime({ BODY_LIMIT: '64kb' });
});
afterAll(async () => {
  await runtime.close();
});

const ID = 'attestation-atmp-stage-etranger';
const sample = loadSample(ID);

interface Case {
  name: string;
  send: (agent: request.Agent) => request.Test;
  status: number;
  code: string;
}

const cases: Case[] = [
  {
    name: 'an empty body',
    send: (agent) => agent.post(`/v1/documents/${ID}`).set('Content-Type', 'application/json'),
    status: 400,
    code: 'EMPTY_BODY',
  },
  {
    name: 'malformed JSON',
    send: (agent) =>
      agent.post(`/v1/documents/${ID}`).set('Content-Type', 'application/json').send('{"eleve": '),
    status: 400,
    code: 'MALFORMED_JSON',
  },
  {
    name: 'a body that is not JSON',
    send: (agent) =>
      agent.post(`/v1/documents/${ID}`).set('Content-Type', 'text/plain').send('bonjour'),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'a body over the limit',
    send: (agent) =>
      agent
        .post(`/v1/documents/${ID}`)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ padding: 'é'.repeat(70_000) })),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'an unknown document',
    send: (agent) => agent.post('/v1/documents/formulaire-inconnu').send(sample),
    status: 404,
    code: 'UNKNOWN_DOCUMENT',
  },
  {
    name: 'the schema of an unknown document',
    send: (agent) => agent.get('/v1/documents/formulaire-inconnu/schema'),
    status: 404,
    code: 'UNKNOWN_DOCUMENT',
  },
  {
    name: 'an unknown route',
    send: (agent) => agent.get('/v2/nothing'),
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: 'a GET where a document is rendered with POST',
    send: (agent) => agent.get(`/v1/documents/${ID}`),
    status: 405,
    code: 'METHOD_NOT_ALLOWED',
  },
  {
    name: 'a POST on the list of documents',
    send: (agent) => agent.post('/v1/documents').send({}),
    status: 405,
    code: 'METHOD_NOT_ALLOWED',
  },
  {
    name: 'an engine the document does not offer',
    send: (agent) => agent.post(`/v1/documents/${ID}?engine=fax`).send(sample),
    status: 400,
    code: 'INVALID_PARAMETER',
  },
  {
    name: 'a JSON array instead of an object',
    send: (agent) => agent.post(`/v1/documents/${ID}`).send([1, 2]),
    status: 422,
    code: 'VALIDATION_FAILED',
  },
];

describe('bad requests', () => {
  it.each(cases)('answers $status $code to $name', async ({ send, status, code }) => {
    const response = await send(request.agent(runtime.app));
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(response.text) as Record<string, unknown>;
    expect(problem).toMatchObject({ status, code });
    expect(problem.title).toEqual(expect.any(String));
    expect(problem.detail).toEqual(expect.any(String));
    expect(problem.detail_fr).toEqual(expect.any(String));
    expect(response.text).not.toMatch(/at .*\.(ts|js):\d+/);
  });
});

describe('validation errors', () => {
  async function problemFor(body: unknown) {
    const response = await request(runtime.app)
      .post(`/v1/documents/${ID}/validate`)
      .send(body as object);
    expect(response.status).toBe(422);
    return JSON.parse(response.text) as { errors: Array<Record<string, string>> };
  }

  it('names every missing field of an empty object', async () => {
    const problem = await problemFor({});
    expect(problem.errors.map((error) => error.path).sort()).toEqual([
      'eleve',
      'etablissement',
      'stage',
    ]);
    for (const error of problem.errors) {
      expect(error).toMatchObject({ code: 'REQUIRED', message_fr: 'Champ obligatoire.' });
      expect(error.message_en).toBeTruthy();
    }
  });

  it('names each field of the wrong type, in French and English', async () => {
    const body = structuredClone(sample) as Record<string, Record<string, unknown>>;
    (body.eleve as Record<string, unknown>).prenom = 42;
    (body.stage as Record<string, unknown>).dateDebut = '11/01/2027';
    (body.stage as Record<string, unknown>).remunereAuDelaGratification = 'oui';
    const problem = await problemFor(body);
    const byPath = Object.fromEntries(problem.errors.map((error) => [error.path, error]));
    expect(byPath['eleve.prenom']).toMatchObject({ code: 'INVALID_TYPE' });
    expect(byPath['eleve.prenom']?.message_fr).toContain('chaîne de caractères');
    expect(byPath['stage.dateDebut']).toMatchObject({ code: 'DATE_FORMAT' });
    expect(byPath['stage.dateDebut']?.message_fr).toContain('AAAA-MM-JJ');
    expect(byPath['stage.remunereAuDelaGratification']).toMatchObject({ code: 'INVALID_TYPE' });
  });

  it('names an unknown field instead of ignoring it', async () => {
    const body = { ...sample, signataire: 'M. Dupont' };
    const problem = await problemFor(body);
    expect(problem.errors).toEqual([
      expect.objectContaining({ path: 'signataire', code: 'UNKNOWN_FIELD' }),
    ]);
  });

  it('names a postal code that is not five digits', async () => {
    const body = structuredClone(sample) as { eleve: { adresse: Record<string, unknown> } };
    body.eleve.adresse.codePostal = '6900';
    const problem = await problemFor(body);
    expect(problem.errors).toEqual([
      expect.objectContaining({ path: 'eleve.adresse.codePostal', code: 'POSTAL_CODE' }),
    ]);
  });
});

describe('service endpoints', () => {
  it('answers /healthz and /readyz', async () => {
    expect((await request(runtime.app).get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await request(runtime.app).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.renderer).toBe(true);
  });
});
