import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { FAKE_LETTER } from '../../helpers/fake-core.js';
import { accessApp } from './access-app.js';

/**
 * The class page's upload (POST /classe/{id}) is bounded as POST /v1/batch/{id} is: each file
 * within BATCH_MAX_BYTES, all of them within twice that, a declared length over it refused unread.
 */
const PAGE = `/classe/${FAKE_LETTER.id}`;
const batch = {
  limits: { maxRows: 10, maxBytes: 1000, concurrency: 1, maxFiles: 4 },
  reportFont: new Uint8Array(),
  readSheet: () => Promise.reject(new Error('not read in these tests')),
};

describe('the class page’s upload limits', () => {
  it('refuses files that are each within BATCH_MAX_BYTES but over twice it together', async () => {
    const { app } = accessApp({}, { deps: { batch } });
    const response = await request(app)
      .post(PAGE)
      .attach('file', Buffer.alloc(900, 0x61), 'classe.csv')
      .attach('cachet', Buffer.alloc(900, 0x62), 'cachet.png')
      .attach('signature', Buffer.alloc(900, 0x63), 'signature.png');
    expect(response.status).toBe(413);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.text).toContain('trop volumineux');
  });

  it('refuses a declared length over that budget before reading it, closing the connection', async () => {
    const { app } = accessApp({}, { deps: { batch } });
    const response = await request(app)
      .post(PAGE)
      .set('Content-Type', 'multipart/form-data; boundary=x')
      .set('Content-Length', String(10 * 1024 * 1024))
      .send(Buffer.alloc(0))
      .catch((error: { response?: request.Response }) => error.response);
    expect(response?.status).toBe(413);
  });

  it('still reads files within the budget (the page then checks its CSRF pair)', async () => {
    const { app } = accessApp({}, { deps: { batch } });
    const response = await request(app)
      .post(PAGE)
      .attach('file', Buffer.alloc(900, 0x61), 'classe.csv')
      .attach('cachet', Buffer.alloc(900, 0x62), 'cachet.png');
    expect(response.status).toBe(403);
  });
});
