import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useRuntime } from '../../helpers/app.js';
import { ID, students } from './job-helpers.js';

/**
 * A callback must not make the service reach its own network: without JOBS_WEBHOOK_PRIVATE, a
 * URL naming a loopback, private or link-local address is refused before any job is made.
 */
const runtime = useRuntime({ JOBS_WEBHOOK_SECRET: 'secret-de-test-du-webhook' });
const JOBS = `/v1/jobs/${ID}?engine=acroform`;

describe('a callback to an address that is not public', () => {
  it.each([
    ['loopback, with a port', 'http://127.0.0.1:6379/'],
    ['the cloud metadata', 'http://169.254.169.254/latest'],
    ['IPv4-mapped loopback', 'http://[::ffff:127.0.0.1]/'],
    ['IPv6 loopback', 'http://[::1]:8080/paperasse'],
    ['private, as a decimal number', 'http://167772165/'],
    ['localhost', 'https://localhost/paperasse'],
    ['a name under localhost', 'http://redis.localhost./'],
  ])('refuses %s (%s): 422 naming callback, no job made', async (_case, callback) => {
    const answer = await request(runtime.app)
      .post(`${JOBS}&callback=${encodeURIComponent(callback)}`)
      .send(students(1));
    expect(answer.status).toBe(422);
    expect(answer.headers.location).toBeUndefined();
    expect(answer.body.errors[0]).toMatchObject({
      path: 'callback',
      code: 'WEBHOOK_PRIVATE_ADDRESS',
      message_en: expect.stringContaining('JOBS_WEBHOOK_PRIVATE'),
      message_fr: expect.stringContaining('JOBS_WEBHOOK_PRIVATE'),
    });
  });
});
