/**
 * The service under load, as a child process on loopback: a free port, the start, /readyz, the
 * memory and CPU of its process tree (Node and the Chromium it launched, read from /proc), and a
 * stop that leaves nothing behind (SIGTERM, then SIGKILL of every process of the tree).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Loopback only: the service binds here and every request goes here. */
export const LOOPBACK = '127.0.0.1';

/** A port free now on loopback: bind port 0, read what the kernel gave, close. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port given'))));
    });
  });
}

export interface ServiceOptions {
  root: string;
  /** `src`: `node --import tsx src/main.ts`; `dist`: `node dist/main.js` (built beforehand). */
  entry: 'src' | 'dist';
  port: number;
  env: Record<string, string>;
  /** The service's stdout and stderr (pino's JSON lines) go to this file. */
  logFile: string;
}

export interface Service {
  pid: number;
  port: number;
  /** Set once the child has exited (with its code or signal). */
  exited: () => string | undefined;
  /** SIGTERM, then SIGKILL of the whole tree after `graceMs`; resolves with the survivors killed. */
  stop(graceMs?: number): Promise<StopReport>;
}

export interface StopReport {
  /** How the service ended. */
  exit: string;
  /** Processes seen in its tree (Node, esbuild for tsx, Chromium's). */
  tracked: number;
  /** Processes of its tree still alive 3 s after its exit (then SIGKILLed): should be none. */
  strays: string[];
}

export function startService(options: ServiceOptions): Service {
  const args =
    options.entry === 'dist'
      ? [join(options.root, 'dist', 'main.js')]
      : ['--import', 'tsx', join(options.root, 'src', 'main.ts')];
  const log = openSync(options.logFile, 'w');
  let child: ChildProcess;
  try {
    child = spawn(process.execPath, args, {
      cwd: options.root,
      env: {
        ...process.env,
        ...options.env,
        HOST: LOOPBACK,
        PORT: String(options.port),
      },
      // Its own process group: a Ctrl-C in the terminal reaches this script, which stops it.
      detached: true,
      stdio: ['ignore', log, log],
    });
  } finally {
    closeSync(log);
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${process.execPath} ${args.join(' ')}`);
  let exit: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = signal ? `signal ${signal}` : `code ${code}`;
      resolve();
    });
  });
  // Every process seen in the tree, with its start time (so a recycled pid is never killed).
  const seen = new Map<number, string>();
  const remember = async () => {
    for (const proc of await tree(pid)) seen.set(proc.pid, proc.start);
  };
  const timer = setInterval(() => void remember(), 1000);
  timer.unref();

  return {
    pid,
    port: options.port,
    exited: () => exit,
    async stop(graceMs = 5000) {
      clearInterval(timer);
      await remember();
      if (exit === undefined) {
        signal(pid, 'SIGTERM');
        const graceful = await Promise.race([exited.then(() => true), sleep(graceMs, false)]);
        if (!graceful) {
          await remember();
          for (const [other, start] of seen) await killIfSame(other, start);
          await Promise.race([exited, sleep(2000)]);
        }
      }
      // Chromium is detached by puppeteer (its own process group) and esbuild (tsx's) is a child
      // too: they get a few seconds to follow the service out, then whatever of the tree is still
      // alive is killed by pid and reported.
      const others = [...seen].filter(([other]) => other !== pid);
      const alive = async () => {
        const names = await Promise.all(others.map(([other, start]) => sameProcess(other, start)));
        return others.flatMap(([other, start], i) => {
          const name = names[i];
          return name ? [{ pid: other, start, name }] : [];
        });
      };
      for (let waited = 0; waited < 3000 && (await alive()).length > 0; waited += 100) {
        await sleep(100);
      }
      const strays: string[] = [];
      for (const proc of await alive()) {
        strays.push(`${proc.pid} ${proc.name}`);
        await killIfSame(proc.pid, proc.start);
      }
      return { exit: exit ?? 'still running after SIGKILL', tracked: seen.size, strays };
    },
  };
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

/** The process's command name if `pid` is still the process that started at `start`. */
async function sameProcess(pid: number, start: string): Promise<string | undefined> {
  const proc = await readStat(pid);
  return proc && proc.start === start ? proc.comm : undefined;
}

async function killIfSame(pid: number, start: string): Promise<void> {
  if (await sameProcess(pid, start)) signal(pid, 'SIGKILL');
}

/** GET /readyz until 200; fails if the child exits or `timeoutMs` passes. */
export async function waitReady(service: Service, timeoutMs = 60_000): Promise<number> {
  const started = performance.now();
  let last = 'no answer';
  while (performance.now() - started < timeoutMs) {
    const exit = service.exited();
    if (exit) throw new Error(`the service exited (${exit}) before it was ready`);
    const status = await getStatus(service.port, '/readyz').catch((error: Error) => error.message);
    if (status === 200) return performance.now() - started;
    last = String(status);
    await sleep(200);
  }
  throw new Error(`the service was not ready within ${timeoutMs} ms (last: ${last})`);
}

function getStatus(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: LOOPBACK, port, path, method: 'GET', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

interface Stat {
  pid: number;
  ppid: number;
  comm: string;
  /** Field 22, the start time in ticks since boot: with the pid, names one process. */
  start: string;
  /** utime + stime + cutime + cstime, in clock ticks (reaped children included). */
  cpuTicks: number;
}

async function readStat(pid: number): Promise<Stat | undefined> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so cut at the last ')'.
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  const fields = text.slice(close + 2).split(' '); // fields[0] is field 3 (state)
  const at = (field: number) => Number(fields[field - 3]);
  return {
    pid,
    ppid: at(4),
    comm: text.slice(text.indexOf('(') + 1, close),
    start: fields[22 - 3] ?? '',
    cpuTicks: at(14) + at(15) + at(16) + at(17),
  };
}

/** `root` and all its descendants, from the pid/ppid table of /proc. */
async function tree(root: number): Promise<Stat[]> {
  const entries = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  const all = (await Promise.all(entries.map((name) => readStat(Number(name))))).filter(
    (proc): proc is Stat => proc !== undefined,
  );
  const children = new Map<number, Stat[]>();
  for (const proc of all) children.set(proc.ppid, [...(children.get(proc.ppid) ?? []), proc]);
  const found = all.filter((proc) => proc.pid === root);
  for (let i = 0; i < found.length; i++) found.push(...(children.get(found[i]!.pid) ?? []));
  return found;
}

async function rssBytes(pid: number): Promise<number> {
  const text = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const match = /^VmRSS:\s+(\d+) kB/m.exec(text);
  return match ? Number(match[1]) * 1024 : 0;
}

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

export interface TreeSample {
  /** VmRSS of the Node process. */
  nodeRss: number;
  /** Summed VmRSS of its descendants (Chromium): shared pages counted once per process. */
  chromiumRss: number;
  processes: number;
  /** CPU seconds used so far by the processes alive now (their reaped children included). */
  cpuSeconds: number;
}

/** The service's tree now: Node's RSS, its descendants' summed RSS, CPU time. */
export async function sampleTree(pid: number): Promise<TreeSample> {
  const procs = await tree(pid);
  const rss = await Promise.all(procs.map((proc) => rssBytes(proc.pid)));
  let nodeRss = 0;
  let chromiumRss = 0;
  procs.forEach((proc, i) => {
    if (proc.pid === pid) nodeRss = rss[i] ?? 0;
    else chromiumRss += rss[i] ?? 0;
  });
  const ticks = procs.reduce((total, proc) => total + proc.cpuTicks, 0);
  return { nodeRss, chromiumRss, processes: procs.length, cpuSeconds: ticks / clockTicks() };
}
