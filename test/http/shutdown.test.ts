import { execFileSync, spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';

/** All descendants of a process, from ps (Chromium's zygote and renderers are grandchildren). */
function descendants(pid: number): number[] {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const [child, ppid] of rows) {
      if (ppid === parent) {
        found.push(child);
        visit(child);
      }
    }
  };
  visit(pid);
  return found;
}

/** Running, not a zombie: a dead child reparented to a PID 1 that does not reap is gone too. */
function alive(pid: number): boolean {
  try {
    const state = execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], {
      encoding: 'utf8',
    }).trim();
    return state !== '' && !state.startsWith('Z');
  } catch {
    return false; // ps exits 1 when the process does not exist
  }
}

interface Service {
  child: ChildProcessByStdio<null, Readable, Readable>;
  port: number;
  output(): string;
}

/** `npm start`'s entry point on a free port; resolves once it listens. */
async function startService(env: Record<string, string>): Promise<Service> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: projectRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 20_000;
  while (!output.includes('Paperasse listening') && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(output).toContain('Paperasse listening');
  return { child, port, output: () => output };
}

const SAMPLE = readFileSync(join(projectRoot, 'samples', 'attestation-atmp-stage-etranger.json'));

function render(port: number, path = '/v1/documents/attestation-atmp-stage-etranger') {
  return fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: SAMPLE,
  });
}

describe('the service process', () => {
  it('starts, renders, and on SIGTERM exits 0 leaving no Chromium process behind', async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: projectRoot,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const deadline = Date.now() + 20_000;
      while (!output.includes('Paperasse listening') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(output).toContain('Paperasse listening');

      const sample = readFileSync(
        join(projectRoot, 'samples', 'attestation-atmp-stage-etranger.json'),
      );
      const response = await fetch(
        `http://127.0.0.1:${port}/v1/documents/attestation-atmp-stage-etranger`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: sample,
        },
      );
      expect(response.status).toBe(200);
      await response.arrayBuffer();

      const browsers = descendants(child.pid as number);
      expect(browsers.length).toBeGreaterThan(0);
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(browsers.filter(alive)).toEqual([]);
      // Logs carry no personal data from the request.
      expect(output).not.toContain('Lefèvre');
      expect(output).not.toMatch(/2\s?95\s?10\s?99/);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 40_000);

  it('on SIGTERM finishes the renders in flight and queued, then exits 0', async () => {
    const service = await startService({ RENDER_CONCURRENCY: '1', SHUTDOWN_TIMEOUT_MS: '10000' });
    try {
      const renders = Array.from({ length: 4 }, () =>
        render(service.port).then(async (response) => ({
          status: response.status,
          bytes: Buffer.from(await response.arrayBuffer()),
        })),
      );
      // The first answer is out: the other three are printing or waiting for the one page.
      await Promise.race(renders);
      const signalled = Date.now();
      service.child.kill('SIGTERM');
      const exited = once(service.child, 'exit') as Promise<[number | null]>;
      const answers = await Promise.all(renders);
      const answered = Date.now();
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        expect(answer.bytes.subarray(0, 5).toString()).toBe('%PDF-');
      }
      const [code] = await exited;
      expect(code).toBe(0);
      expect(Date.now() - signalled).toBeLessThan(10_000);
      // Not held by the clients' kept-alive connections once their answers are out.
      expect(Date.now() - answered).toBeLessThan(2_000);
      expect(service.output()).toMatch(/"msg":"shutting down"[\s\S]*"msg":"stopped"/);
    } finally {
      if (service.child.exitCode === null) service.child.kill('SIGKILL');
    }
  }, 60_000);

  it('cuts what is still running when SHUTDOWN_TIMEOUT_MS is over, and still exits 0', async () => {
    const service = await startService({ RENDER_CONCURRENCY: '1', SHUTDOWN_TIMEOUT_MS: '300' });
    try {
      // A class of 40 rows takes seconds on one page: far more than the grace period.
      const rows = JSON.stringify(Array.from({ length: 40 }, () => JSON.parse(SAMPLE.toString())));
      const url = `http://127.0.0.1:${service.port}/v1/batch/attestation-atmp-stage-etranger`;
      // Its headers are out once the ZIP starts streaming, its first row printed.
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: rows,
      });
      expect(response.status).toBe(200);
      const zip = response.arrayBuffer().then(
        (bytes) => Buffer.from(bytes),
        () => null,
      );
      const signalled = Date.now();
      service.child.kill('SIGTERM');
      const [code] = (await once(service.child, 'exit')) as [number | null];
      expect(code).toBe(0);
      // The grace period, then Chromium closed (killed after 3 s at worst).
      expect(Date.now() - signalled).toBeLessThan(300 + 5_000);
      expect(service.output()).toContain('grace period over, closing connections');
      // The client saw its answer cut: a network error, or a ZIP without its central directory.
      const received = await zip;
      const endOfZip = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
      expect(received === null || !received.includes(endOfZip)).toBe(true);
    } finally {
      if (service.child.exitCode === null) service.child.kill('SIGKILL');
    }
  }, 60_000);
});
