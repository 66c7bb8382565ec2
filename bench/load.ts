/**
 * npm run load — the service under overload, over HTTP on loopback (127.0.0.1 only).
 *
 * Starts the real service as a child process (`node --import tsx src/main.ts`, or `node
 * dist/main.js` with --service=dist) on a free port with a small RENDER_QUEUE_LIMIT, waits for
 * /readyz, warms each engine, then for each engine (html, acroform) and each number of clients
 * (1×, 4×, 16× the pool's RENDER_CONCURRENCY) runs two client behaviours for a fixed time:
 * clients that honour Retry-After (sleeping at most --retry-cap seconds) and clients that post
 * again at once after a 429. Records docs/s, p50/p99 of the successful requests, 429s, any other
 * outcome, and the RSS of the service's process tree (Node + Chromium) before and after each run.
 * Prints a Markdown table and the ratio the 429 path is judged by, writes bench/results/load.json;
 * the service's log goes to bench/results/load-service.log. The child is stopped (SIGTERM, then
 * SIGKILL of its whole tree) in every case: end, error, Ctrl-C, or the run's overall time bound.
 *
 *   npm run load -- --duration 8 --queue-limit 4 --retry-cap 1 --levels 1,4,16 --engines html,acroform
 *
 * One run on a noisy machine, with the clients on the same cores as the service: read ratios.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { setMaxListeners } from 'node:events';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { projectRoot } from '../src/paths.js';
import { runLoad, type Behaviour, type LoadResult } from './load-clients.js';
import {
  freePort,
  sampleTree,
  startService,
  waitReady,
  type Service,
  type StopReport,
  type TreeSample,
} from './load-service.js';
import { megabytes, round } from './stats.js';

const DOCUMENT = 'attestation-atmp-stage-etranger';
const ENGINES = ['html', 'acroform'] as const;
const BEHAVIOURS: readonly Behaviour[] = ['retry-after', 'immediate'];

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string' },
    'queue-limit': { type: 'string' },
    pool: { type: 'string' },
    levels: { type: 'string' },
    engines: { type: 'string' },
    'retry-cap': { type: 'string' },
    settle: { type: 'string' },
    service: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (flags.help) {
  console.log(`npm run load -- [options]   (each option also read from the environment variable shown)
  --duration S      seconds per run (LOAD_DURATION_S, 8)
  --queue-limit N   the service's RENDER_QUEUE_LIMIT (LOAD_QUEUE_LIMIT, 4)
  --pool N          the service's RENDER_CONCURRENCY (RENDER_CONCURRENCY, 2)
  --levels A,B,C    clients as multiples of the pool (LOAD_LEVELS, 1,4,16)
  --engines E,F     html and/or acroform (LOAD_ENGINES, html,acroform)
  --retry-cap S     longest sleep of a Retry-After client (LOAD_RETRY_CAP_S, 1)
  --settle S        pause between runs (LOAD_SETTLE_S, 1)
  --service W       src (node --import tsx src/main.ts) or dist (node dist/main.js) (LOAD_SERVICE, src)`);
  process.exit(0);
}

function numberOption(flag: string | undefined, env: string, fallback: number, min: number) {
  const text = flag ?? process.env[env];
  const value = text === undefined ? fallback : Number(text);
  if (!Number.isFinite(value) || value < min)
    throw new Error(`${env}: ${text} is not a number ≥ ${min}`);
  return value;
}
function listOption(flag: string | undefined, env: string, fallback: string) {
  return (flag ?? process.env[env] ?? fallback)
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

const durationS = numberOption(flags.duration, 'LOAD_DURATION_S', 8, 1);
const queueLimit = Math.floor(numberOption(flags['queue-limit'], 'LOAD_QUEUE_LIMIT', 4, 0));
const retryCapS = numberOption(flags['retry-cap'], 'LOAD_RETRY_CAP_S', 1, 0);
const settleS = numberOption(flags.settle, 'LOAD_SETTLE_S', 1, 0);
const levels = listOption(flags.levels, 'LOAD_LEVELS', '1,4,16').map((level) => {
  const value = Number(level);
  if (!Number.isInteger(value) || value < 1 || value > 64) throw new Error(`level ${level}: 1–64`);
  return value;
});
const engines = listOption(flags.engines, 'LOAD_ENGINES', ENGINES.join(',')).map((engine) => {
  if (!(ENGINES as readonly string[]).includes(engine)) throw new Error(`engine ${engine}?`);
  return engine as (typeof ENGINES)[number];
});
const entry = flags.service ?? process.env.LOAD_SERVICE ?? 'src';
if (entry !== 'src' && entry !== 'dist') throw new Error(`--service ${entry}: src or dist`);

// The configuration the child will read (same environment plus ours): its pool and Chromium.
const serviceEnv: Record<string, string> = {
  RENDER_QUEUE_LIMIT: String(queueLimit),
  // Renders still in flight at SIGTERM get this long (the service's default is 10 s).
  SHUTDOWN_TIMEOUT_MS: '2000',
  // Thousands of requests from one address: the rate limit would answer them, not Chromium.
  RATE_LIMIT: '0',
};
if (flags.pool) serviceEnv.RENDER_CONCURRENCY = flags.pool;
const config = loadConfig({ ...process.env, ...serviceEnv });
const pool = config.RENDER_CONCURRENCY;

const body = readFileSync(join(projectRoot, 'samples', `${DOCUMENT}.json`));
const pathOf = (engine: string) =>
  `/v1/documents/${DOCUMENT}${engine === 'html' ? '' : `?engine=${engine}`}`;

const runs = engines.length * levels.length * BEHAVIOURS.length;
const plannedS = runs * (durationS + settleS);
// Everything (start, warm-up, runs, stop) must end within this, or the run is abandoned.
const boundS = plannedS + 180;
const resultsDir = join(projectRoot, 'bench', 'results');
mkdirSync(resultsDir, { recursive: true });

interface Row {
  engine: string;
  multiple: number;
  clients: number;
  behaviour: Behaviour;
  result: LoadResult;
  docsPerSecond: number;
  before: TreeSample;
  after: TreeSample;
  peakRss: number;
  /** CPU seconds of the service's tree during the run, per second of run. */
  serviceCpu: number;
  /** CPU seconds of this script (the clients) during the run, per second of run. */
  clientCpu: number;
}

const abort = new AbortController();
// Every sleeping Retry-After client listens on it (up to 16× the pool at once).
setMaxListeners(1000, abort.signal);
let service: Service | undefined;
let stopping: Promise<StopReport> | undefined;
const stopService = () =>
  (stopping ??= service
    ? service.stop()
    : Promise.resolve({ exit: 'never started', tracked: 0, strays: [] }));

let interrupted = 0;
const onSignal = (name: NodeJS.Signals) => {
  interrupted += 1;
  console.error(`\n${name}: stopping the clients and the service…`);
  abort.abort(new Error(name));
  if (interrupted > 1 && service) {
    // A second Ctrl-C: no more waiting.
    try {
      process.kill(service.pid, 'SIGKILL');
    } catch {
      // gone
    }
    process.exit(130);
  }
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
// Last resort if this script dies some other way while the service runs.
process.on('exit', () => {
  if (service && !service.exited()) {
    try {
      process.kill(service.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
});
const watchdog = setTimeout(() => {
  console.error(`\nthe load test went over its bound of ${boundS} s: abandoning`);
  abort.abort(new Error('time bound'));
}, boundS * 1000);
watchdog.unref();

console.log(
  `Load test · ${DOCUMENT} · engines ${engines.join(', ')} · pool ${pool} · queue limit ${queueLimit} · ` +
    `clients ${levels.map((level) => `${level}× (${level * pool})`).join(', ')} · ${durationS} s per run · ` +
    `${runs} runs, about ${Math.ceil(plannedS + 20)} s · Retry-After capped at ${retryCapS} s`,
);

const rows: Row[] = [];
let readyMs = 0;
const warm: Record<string, number> = {};
let stopReport: StopReport | undefined;
let failure: unknown;
try {
  const port = await freePort();
  service = startService({
    root: projectRoot,
    entry,
    port,
    env: serviceEnv,
    logFile: join(resultsDir, 'load-service.log'),
  });
  readyMs = await waitReady(service);
  console.log(
    `service pid ${service.pid} on 127.0.0.1:${port}, ready in ${round(readyMs / 1000)} s`,
  );

  // Warm-up, not measured: Chromium's first pages, the acroform engine's fillable forms.
  for (const engine of engines) {
    const started = performance.now();
    const result = await runLoad({
      port,
      path: pathOf(engine),
      body,
      clients: 1,
      behaviour: 'retry-after',
      durationMs: 60_000,
      retryCapMs: retryCapS * 1000,
      maxRequestsPerClient: 5,
      requestTimeoutMs: 60_000,
      signal: abort.signal,
    });
    if (result.documents !== 5) {
      throw new Error(
        `warm-up of ${engine} failed: ${result.otherSamples.join(' | ') || 'aborted'}`,
      );
    }
    warm[engine] = performance.now() - started;
  }
  console.log(
    `warm-up (5 renders each): ${Object.entries(warm)
      .map(([engine, ms]) => `${engine} ${round(ms / 1000)} s`)
      .join(', ')}\n`,
  );

  for (const engine of engines) {
    for (const multiple of levels) {
      for (const behaviour of BEHAVIOURS) {
        if (abort.signal.aborted) throw abort.signal.reason;
        if (service.exited()) throw new Error(`the service exited (${service.exited()})`);
        await sleep(settleS * 1000);
        const clients = multiple * pool;
        const before = await sampleTree(service.pid);
        let peakRss = before.nodeRss + before.chromiumRss;
        const pid = service.pid;
        const sampler = setInterval(() => {
          void sampleTree(pid).then((sample) => {
            peakRss = Math.max(peakRss, sample.nodeRss + sample.chromiumRss);
          });
        }, 500);
        const clientCpuBefore = process.cpuUsage();
        let result: LoadResult;
        try {
          result = await runLoad({
            port,
            path: pathOf(engine),
            body,
            clients,
            behaviour,
            durationMs: durationS * 1000,
            retryCapMs: retryCapS * 1000,
            maxRequestsPerClient: 100_000,
            requestTimeoutMs: config.RENDER_TIMEOUT_MS + 15_000,
            signal: abort.signal,
          });
        } finally {
          clearInterval(sampler);
        }
        // A run cut short (Ctrl-C, time bound) is not a figure.
        if (abort.signal.aborted) throw abort.signal.reason;
        const clientCpu = process.cpuUsage(clientCpuBefore);
        const after = await sampleTree(service.pid);
        peakRss = Math.max(peakRss, after.nodeRss + after.chromiumRss);
        const seconds = result.elapsedMs / 1000;
        const row: Row = {
          engine,
          multiple,
          clients,
          behaviour,
          result,
          docsPerSecond: result.documents / seconds,
          before,
          after,
          peakRss,
          serviceCpu: (after.cpuSeconds - before.cpuSeconds) / seconds,
          clientCpu: (clientCpu.user + clientCpu.system) / 1e6 / seconds,
        };
        rows.push(row);
        console.log(progressLine(row));
      }
    }
  }
} catch (error) {
  failure = error;
} finally {
  stopReport = await stopService();
  clearTimeout(watchdog);
}

function behaviourLabel(behaviour: Behaviour) {
  return behaviour === 'retry-after' ? `Retry-After (≤ ${retryCapS} s)` : 'immediate retry';
}
function errorCount(row: Row) {
  return Object.values(row.result.others).reduce((total, count) => total + count, 0);
}
function progressLine(row: Row) {
  const { result } = row;
  const others = errorCount(row)
    ? ` · OTHER ${JSON.stringify(result.others)} ${result.otherSamples.join(' | ')}`
    : '';
  return (
    `${row.engine} ${row.multiple}× (${row.clients}) ${row.behaviour}: ${round(row.docsPerSecond)} docs/s · ` +
    `p50 ${round(result.latencyMs.p50)} ms p99 ${round(result.latencyMs.p99)} ms · ${result.requests} requests, ` +
    `${result.rejected429} × 429 · CPU service ${round(row.serviceCpu)} clients ${round(row.clientCpu)} cores${others}`
  );
}

const rss = (sample: TreeSample) => megabytes(sample.nodeRss + sample.chromiumRss);
const table = [
  '| engine | concurrency | clients | docs/s | p50 | p99 | 429s | errors | service RSS before → after (Node) |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    (row) =>
      `| ${row.engine} | ${row.multiple}× (${row.clients}) | ${behaviourLabel(row.behaviour)} | ` +
      `${round(row.docsPerSecond)} | ${Math.round(row.result.latencyMs.p50)} ms | ` +
      `${Math.round(row.result.latencyMs.p99)} ms | ${row.result.rejected429} | ${errorCount(row)} | ` +
      `${rss(row.before)} → ${rss(row.after)} MB (${megabytes(row.before.nodeRss)} → ${megabytes(row.after.nodeRss)}) |`,
  ),
];

// The figure the 429 path is judged by: html throughput under an immediate-retry storm at the
// highest level, against the throughput with no retry at all (pool-sized clients, nothing refused).
const find = (engine: string, multiple: number, behaviour: Behaviour) =>
  rows.find(
    (row) => row.engine === engine && row.multiple === multiple && row.behaviour === behaviour,
  );
const top = Math.max(...levels);
const base = Math.min(...levels);
const noRetryRows = BEHAVIOURS.map((behaviour) => find('html', base, behaviour)).filter(
  (row): row is Row => row !== undefined,
);
const noRetry = noRetryRows.length
  ? noRetryRows.reduce((total, row) => total + row.docsPerSecond, 0) / noRetryRows.length
  : NaN;
const storm = find('html', top, 'immediate');
const polite = find('html', top, 'retry-after');
const ratio = storm ? storm.docsPerSecond / noRetry : NaN;
const ratioLines: string[] = [];
if (storm && noRetryRows.length) {
  const refusedAtBase = noRetryRows.reduce((total, row) => total + row.result.rejected429, 0);
  ratioLines.push(
    `html, immediate retry at ${top}× (${storm.clients} clients): ${round(storm.docsPerSecond)} docs/s = ` +
      `${(ratio * 100).toFixed(0)} % of the no-retry figure (${round(noRetry)} docs/s: ${base}× the pool, ` +
      `mean of its two runs, ${refusedAtBase} × 429) · target ≥ 80 %: ${ratio >= 0.8 ? 'met' : 'NOT met'}`,
  );
  if (polite) {
    ratioLines.push(
      `html, Retry-After clients at ${top}×: ${round(polite.docsPerSecond)} docs/s = ` +
        `${((polite.docsPerSecond / noRetry) * 100).toFixed(0)} % of the no-retry figure; immediate / Retry-After ` +
        `at ${top}×: ×${(storm.docsPerSecond / polite.docsPerSecond).toFixed(2)}`,
    );
  }
}

if (rows.length) {
  console.log(`\n${table.join('\n')}\n`);
  for (const line of ratioLines) console.log(line);
  const strange = rows.filter((row) => errorCount(row) > 0);
  console.log(
    strange.length
      ? `OTHER OUTCOMES than 200 and 429 in ${strange.length} runs: ${strange
          .map(
            (row) =>
              `${row.engine} ${row.multiple}× ${row.behaviour} ${JSON.stringify(row.result.others)}`,
          )
          .join('; ')}`
      : 'no outcome other than 200 (a PDF) and 429 in any run',
  );
}
console.log(
  `service stopped: ${stopReport?.exit}; of the ${stopReport?.tracked} processes seen in its tree, left behind: ${
    stopReport?.strays.length ? `${stopReport.strays.join(', ')} (killed)` : 'none'
  }`,
);

if (rows.length) {
  const gitHead = (() => {
    try {
      const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
        cwd: projectRoot,
        encoding: 'utf8',
      });
      const dirty = execFileSync('git', ['status', '--porcelain', 'src'], {
        cwd: projectRoot,
        encoding: 'utf8',
      });
      return `${head.trim()}${dirty.trim() ? ' (src modified)' : ''}`;
    } catch {
      return 'unknown';
    }
  })();
  writeFileSync(
    join(resultsDir, 'load.json'),
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        commit: gitHead,
        machine: { cpus: cpus().length, memoryBytes: totalmem() },
        document: DOCUMENT,
        service: entry,
        chromium: config.CHROMIUM_PATH,
        pool,
        queueLimit,
        durationS,
        retryCapS,
        readyMs,
        warmUpMs: warm,
        ratio: { immediateAtTop: storm?.docsPerSecond, noRetry, ratio, top, base },
        complete: failure === undefined,
        rows,
        stop: stopReport,
      },
      null,
      2,
    )}\n`,
  );
  console.log('results: bench/results/load.json · service log: bench/results/load-service.log');
}

if (failure !== undefined) {
  console.error(
    `\nload test stopped early: ${failure instanceof Error ? failure.message : String(failure)}`,
  );
  const log = readFileSync(join(resultsDir, 'load-service.log'), 'utf8').trim().split('\n');
  console.error(`last lines of bench/results/load-service.log:\n${log.slice(-6).join('\n')}`);
  process.exitCode = interrupted ? 130 : 1;
}
