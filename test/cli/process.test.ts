import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { alive, descendants, sleep, startCli, userEnv } from './cli-process.js';

const work = mkdtempSync(join(tmpdir(), 'paperasse-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the paperasse process', () => {
  it('on Ctrl-C during a render closes Chromium, then exits 130', async () => {
    // The first acroform render of a process builds the fillable forms (a Chromium print and
    // measure, then pdf-lib work): a few seconds with Chromium up.
    const output = join(work, 'interrompu.pdf');
    const child = startCli([
      'render',
      'convention-au-pair',
      'samples/convention-au-pair.json',
      '--engine',
      'acroform',
      '-o',
      output,
    ]);
    child.stdin?.end();
    const pid = child.pid as number;
    const seen = new Map<number, string>();
    try {
      let firstChromium = 0;
      const deadline = Date.now() + 20_000;
      while (child.exitCode === null && Date.now() < deadline) {
        for (const process of descendants(pid)) seen.set(process.pid, process.command);
        const chromium = [...seen.values()].some((command) => command.includes('chrom'));
        if (chromium && firstChromium === 0) firstChromium = Date.now();
        // Let Chromium start its own children (zygote, renderer) too.
        if (firstChromium && Date.now() - firstChromium > 300) break;
        await sleep(25);
      }
      expect([...seen.values()].join(' ')).toContain('chrom');
      expect(child.exitCode).toBeNull();
      child.kill('SIGINT');
      const run = await child.finished;
      expect(run.code).toBe(130);
      expect(run.stderr).toContain('Interrompu.');
      expect(run.stderr).not.toMatch(/^\{"level"/m);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(output)).toBe(false);
      await sleep(300);
      expect([...seen.keys()].filter(alive)).toEqual([]);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 40_000);

  it('`paperasse serve` is the service: it listens, and on SIGTERM exits 0 leaving no Chromium', async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const child = startCli(['serve', '--port', String(port), '--host', '127.0.0.1'], {
      env: userEnv({ LOG_LEVEL: 'info' }),
    });
    child.stdin?.end();
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const deadline = Date.now() + 20_000;
      while (!output.includes('Paperasse listening') && Date.now() < deadline) await sleep(100);
      expect(output).toContain('Paperasse listening');
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      // The service launches Chromium at start (warm-up): wait for it, then stop.
      let chromium: number[] = [];
      while (chromium.length === 0 && Date.now() < deadline) {
        chromium = descendants(child.pid as number).map((process) => process.pid);
        await sleep(100);
      }
      expect(chromium.length).toBeGreaterThan(0);
      child.kill('SIGTERM');
      const run = await child.finished;
      expect(run.code).toBe(0);
      await sleep(300);
      expect(chromium.filter(alive)).toEqual([]);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 40_000);
});
