import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths.js';

/** The CLI from its sources, as bin/paperasse.mjs runs it without a build. */
export const CLI = ['--import', 'tsx', join(projectRoot, 'src', 'edges', 'cli', 'main.ts')];
export const LAUNCHER = join(projectRoot, 'bin', 'paperasse.mjs');

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
}

/** The environment of a user's shell: LOG_LEVEL unset, so the CLI's own default (warn) applies. */
export function userEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  if (!('LOG_LEVEL' in extra)) delete env.LOG_LEVEL;
  delete env.PAPERASSE_DEBUG;
  return env;
}

export function startCli(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; launcher?: boolean } = {},
): ChildProcess & { finished: Promise<Finished> } {
  const argv = options.launcher ? [LAUNCHER, ...args] : [...CLI, ...args];
  const child = spawn(process.execPath, argv, {
    cwd: options.cwd ?? projectRoot,
    env: options.env ?? userEnv(),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stdout: Buffer[] = [];
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const finished = once(child, 'close').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
    stdout: Buffer.concat(stdout),
    stderr,
  }));
  return Object.assign(child, { finished });
}

/** Runs the CLI to its end; `input` is written to its stdin (closed either way). */
export function runCli(
  args: readonly string[],
  options: {
    cwd?: string;
    env?: NodeJS.ProcessEnv;
    input?: string | Buffer;
    launcher?: boolean;
  } = {},
): Promise<Finished> {
  const child = startCli(args, options);
  child.stdin?.end(options.input);
  return child.finished;
}

/** All descendants of a process, from ps (Chromium's zygote and renderers are grandchildren). */
export function descendants(pid: number): { pid: number; command: string }[] {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,comm='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => {
      const [child = '', parent = '', ...command] = line.trim().split(/\s+/);
      return { pid: Number(child), ppid: Number(parent), command: command.join(' ') };
    });
  const found: { pid: number; command: string }[] = [];
  const visit = (parent: number) => {
    for (const row of rows) {
      if (row.ppid !== parent) continue;
      found.push({ pid: row.pid, command: row.command });
      visit(row.pid);
    }
  };
  visit(pid);
  return found;
}

/** Running, not a zombie. */
export function alive(pid: number): boolean {
  try {
    const state = execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], {
      encoding: 'utf8',
    }).trim();
    return state !== '' && !state.startsWith('Z');
  } catch {
    return false;
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
