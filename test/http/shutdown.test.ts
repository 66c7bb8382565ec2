import { execFileSync, spawn } from 'node:child_process';
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
});
