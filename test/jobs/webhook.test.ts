import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreError } from '../../src/core/errors.js';
import { checkCallback, deliver, type WebhookOptions } from '../../src/jobs/webhook.js';

/** The webhook's guard against internal addresses: at submission, and at each delivery. */
const SECRET = 'secret-de-test-du-webhook';

/** A receiver on 127.0.0.1 that takes every delivery (200) and counts them. */
let received = 0;
let receiver: Server;
let port: number;
beforeAll(async () => {
  receiver = createServer((req, res) => {
    received += 1;
    req.resume();
    res.end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
});

const options = (allowPrivate: boolean): WebhookOptions => ({
  secret: SECRET,
  attempts: 3,
  backoffMs: 1,
  allowPrivate,
});

describe('deliver', () => {
  it('sends nothing to a name resolving to a loopback address, and tries no more', async () => {
    // `localhost` goes through DNS (the system's resolver): no IP literal to judge beforehand.
    const before = received;
    const sent = await deliver(`http://localhost:${port}/paperasse`, '{}', options(false));
    expect(sent).toMatchObject({ delivered: false, attempts: 0, reason: 'private-address' });
    expect(sent.address).toMatch(/^(127\.|::1$)/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toBe(before);
  });

  it('sends nothing to a loopback IP literal either (a URL taken before the guard)', async () => {
    const before = received;
    const sent = await deliver(`http://[::ffff:7f00:1]:${port}/`, '{}', options(false));
    expect(sent).toMatchObject({ delivered: false, reason: 'private-address' });
    expect(received).toBe(before);
  });

  it('delivers to the same receiver when JOBS_WEBHOOK_PRIVATE allows it', async () => {
    const before = received;
    const sent = await deliver(`http://127.0.0.1:${port}/paperasse`, '{}', options(true));
    expect(sent).toEqual({ delivered: true, attempts: 1, status: 200 });
    expect(received).toBe(before + 1);
  });
});

describe('checkCallback', () => {
  const refusal = (callback: string, allowPrivate = false): string | undefined => {
    try {
      checkCallback(callback, SECRET, allowPrivate);
      return undefined;
    } catch (error) {
      expect(error).toBeInstanceOf(CoreError);
      return JSON.stringify(error instanceof CoreError ? error.errors : error);
    }
  };

  it.each([
    'http://127.0.0.1:6379/',
    'http://0x7f.1/',
    'http://169.254.169.254/latest',
    'http://[::ffff:127.0.0.1]/',
    'http://[64:ff9b::a9fe:a9fe]/',
    'http://[fd00::1]/',
    'http://192.168.1.1/',
    'http://LOCALHOST/',
    'http://localhost./',
    'http://api.localhost/',
  ])('refuses %s without the flag', (callback) => {
    expect(refusal(callback)).toContain('WEBHOOK_PRIVATE_ADDRESS');
  });

  it.each(['http://127.0.0.1:6379/', 'http://localhost/', 'http://[::1]/'])(
    'takes %s with the flag',
    (callback) => {
      expect(refusal(callback, true)).toBeUndefined();
    },
  );

  it.each(['https://ecole.example/paperasse', 'http://93.184.216.34/', 'http://[2001:db8::1]/'])(
    'takes %s, public or a DNS name (judged at delivery)',
    (callback) => {
      expect(refusal(callback)).toBeUndefined();
    },
  );
});
