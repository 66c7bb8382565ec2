import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Express } from 'express';
import { pino } from 'pino';
import type { AccessOptions } from '../../../src/edges/http/access/index.js';
import type { AppDeps } from '../../../src/edges/http/app.js';
import { fakeApp, fakeCore, type FakeCore } from '../../helpers/fake-core.js';

/** The SHA-256 of a key, as an operator puts it in API_KEYS. */
export function sha256(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The lines a logger wrote, parsed. */
export interface LogLines {
  lines: Record<string, unknown>[];
  text: () => string;
}

export function capturedLogger(): { logger: AppDeps['logger']; log: LogLines } {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw.push(chunk.toString());
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), log: { lines, text: () => raw.join('') } };
}

/** The HTTP edge around a fake core, with these access controls. */
export function accessApp(
  access: AccessOptions,
  options: { core?: FakeCore; deps?: Partial<Omit<AppDeps, 'core' | 'access'>> } = {},
): { app: Express; core: FakeCore } {
  const core = options.core ?? fakeCore();
  return { app: fakeApp(core, { ...options.deps, access }), core };
}
