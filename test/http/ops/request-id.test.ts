import { Writable } from 'node:stream';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import { fakeApp } from '../../helpers/fake-core.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function loggedApp() {
  let text = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      text += chunk.toString('utf8');
      callback();
    },
  });
  const app = fakeApp(undefined, { logger: createLogger('debug', sink) });
  const lines = () =>
    text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { app, lines };
}

describe('X-Request-Id', () => {
  it('takes the client’s id, echoes it and logs it on the request line', async () => {
    const { app, lines } = loggedApp();
    const id = 'f3c1a5e2-1b7d-4c0e-9a55-0e6c2f5d7b18';
    const answer = await request(app).get('/v1/documents').set('X-Request-Id', id);
    expect(answer.headers['x-request-id']).toBe(id);
    expect(lines().find((line) => line.msg === 'request')).toMatchObject({
      requestId: id,
      route: '/v1/documents',
      status: 200,
    });
  });

  it('generates a UUID when none is sent, on problems too', async () => {
    const { app } = loggedApp();
    const answers = await Promise.all([
      request(app).get('/livez'),
      request(app).get('/nowhere'),
      request(app).post('/v1/documents/lettre-factice').type('json').send('{'),
    ]);
    const ids = answers.map((answer) => answer.headers['x-request-id'] as string);
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(3);
    expect(answers.map((answer) => answer.status)).toEqual([200, 404, 400]);
  });

  it.each([
    ['too long', 'a'.repeat(129)],
    ['spaces', 'Jean Lefèvre'],
    ['quotes and braces', '"},{"level":60'],
    ['non-ASCII', 'réquête-1'],
    ['slashes', '../../etc'],
  ])('replaces an id with %s by a new one', async (_case, sent) => {
    const { app, lines } = loggedApp();
    const answer = await request(app).get('/livez').set('X-Request-Id', sent);
    const id = answer.headers['x-request-id'] as string;
    expect(id).toMatch(UUID);
    expect(lines().find((line) => line.msg === 'request')?.requestId).toBe(id);
    // Line by line: the lines' own JSON, put side by side, would spell `"},{"level":` too.
    for (const line of lines()) expect(JSON.stringify(line)).not.toContain(sent.slice(0, 12));
  });

  it('accepts ids up to 128 characters of letters, digits and . _ : -', async () => {
    const { app } = loggedApp();
    for (const sent of ['a'.repeat(128), 'req_01HZY.trace:span-7', '7']) {
      const answer = await request(app).get('/livez').set('X-Request-Id', sent);
      expect(answer.headers['x-request-id']).toBe(sent);
    }
  });

  it('logs probes at debug level only, so that info logs are not flooded', async () => {
    const { app, lines } = loggedApp();
    await request(app).get('/livez');
    await request(app).get('/readyz');
    await request(app).get('/v1/documents');
    const levels = lines()
      .filter((line) => line.msg === 'request')
      .map(({ route, level }) => ({ route, level }));
    expect(levels).toEqual([
      { route: '/livez', level: 20 },
      { route: '/readyz', level: 20 },
      { route: '/v1/documents', level: 30 },
    ]);
  });
});
