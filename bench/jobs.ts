/**
 * npm run bench:jobs (also run by `npm run bench`) — jobs on BullMQ and Redis, one run:
 * 5,000 AT/MP rows (engine=acroform) as one job, through 1 and then 2 `paperasse worker`
 * processes on this machine, against the same rows through the synchronous POST /v1/batch:
 * documents/s and time to the job's end; Redis memory per queued row (the job waiting, no
 * worker yet); Redis commands per row while the job runs (its round trips). The API runs in
 * this process, Redis is Debian's redis-server on a free port, the result store a temporary
 * folder. Writes bench/results/jobs.json. Ratios, not absolutes: the machine is noisy.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { loadConfig } from '../src/config.js';
import { createRuntime } from '../src/edges/http/runtime.js';
import type { JobStatus } from '../src/jobs/job-queue.js';
import { createLogger } from '../src/logger.js';
import { projectRoot } from '../src/paths.js';
import { startWorkerProcess, type WorkerProcess } from '../test/helpers/job-worker-process.js';
import { startRedis } from '../test/helpers/redis-server.js';
import { sample } from './pipeline.js';
import { megabytes, round } from './stats.js';

const ID = 'attestation-atmp-stage-etranger';
const ROWS = Number(process.env.BENCH_JOB_ROWS ?? 5_000);
const redis = await startRedis();
const store = mkdtempSync(join(tmpdir(), 'paperasse-bench-store-'));
const env = {
  REDIS_URL: redis.url,
  JOBS_STORE_DIR: store,
  BATCH_MAX_ROWS: String(ROWS),
  BATCH_MAX_BYTES: '64mb',
  LOG_LEVEL: 'warn',
};
const config = loadConfig({ ...process.env, ...env });
const runtime = createRuntime(config, createLogger(config.LOG_LEVEL));
const server = runtime.app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const client = new Redis(redis.url);
const payload = sample(ID) as { eleve: Record<string, unknown> };
const body = JSON.stringify(
  Array.from({ length: ROWS }, (_, index) => ({
    ...payload,
    eleve: { ...payload.eleve, nomNaissance: `Élève${index}`, prenom: 'Zoé' },
  })),
);
const post = (path: string) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  });

async function info(field: string): Promise<number> {
  const text = await client.info();
  return Number(new RegExp(`^${field}:(\\d+)`, 'm').exec(text)?.[1] ?? NaN);
}

/** Until the job ends: its status then, and when its last row was reported (chunks done). */
async function finished(location: string): Promise<JobStatus & { rowsOutAt: number }> {
  let rowsOutAt = NaN;
  for (;;) {
    const status = (await (await fetch(`${base}${location}`)).json()) as JobStatus;
    if (Number.isNaN(rowsOutAt) && status.report.length === status.rows) {
      rowsOutAt = performance.now();
    }
    if (status.state === 'done' || status.state === 'failed') return { ...status, rowsOutAt };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** One timed job through `count` worker processes (started and warmed beforehand). */
async function throughWorkers(count: number) {
  const workers: WorkerProcess[] = await Promise.all(
    Array.from({ length: count }, () => startWorkerProcess({ ...env, LOG_LEVEL: 'info' })),
  );
  const warm = await fetch(`${base}/v1/jobs/${ID}?engine=acroform`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(Array.from({ length: 100 * count }, () => payload)),
  });
  await finished(warm.headers.get('location') as string);
  const commandsBefore = await info('total_commands_processed');
  const started = performance.now();
  const answer = await post(`/v1/jobs/${ID}?engine=acroform`);
  const status = await finished(answer.headers.get('location') as string);
  const seconds = (performance.now() - started) / 1000;
  const assembleSeconds = (performance.now() - status.rowsOutAt) / 1000;
  const commands = (await info('total_commands_processed')) - commandsBefore;
  const downloadStarted = performance.now();
  const zip = await (await fetch(`${base}${answer.headers.get('location')}/result`)).arrayBuffer();
  const downloadSeconds = (performance.now() - downloadStarted) / 1000;
  await Promise.all(workers.map((worker) => worker.stop()));
  return {
    workers: count,
    state: status.state,
    rendered: status.done,
    seconds: round(seconds),
    documentsPerSecond: round(ROWS / seconds),
    // The last step alone: the ZIP written from the rows' PDFs, once every chunk is done.
    assembleSeconds: round(assembleSeconds),
    redisCommandsPerRow: round(commands / ROWS),
    zipMb: megabytes(zip.byteLength),
    downloadSeconds: round(downloadSeconds),
  };
}

// 1. The synchronous batch: the same rows, the same engine, one HTTP answer.
const syncStarted = performance.now();
const sync = await post(`/v1/batch/${ID}?engine=acroform`);
await sync.arrayBuffer();
const syncSeconds = (performance.now() - syncStarted) / 1000;

// 2. Redis memory per queued row: the job waiting, no worker running yet.
const memoryBefore = await info('used_memory');
const queued = await post(`/v1/jobs/${ID}?engine=acroform`);
const memoryQueued = await info('used_memory');
await fetch(`${base}${queued.headers.get('location')}`, { method: 'DELETE' });
const memoryAfterDelete = await info('used_memory');

// 3. The job through 1, then 2 workers.
const one = await throughWorkers(1);
const two = await throughWorkers(2);

const results = {
  rows: ROWS,
  engine: 'acroform',
  chunkRows: config.JOBS_CHUNK_ROWS,
  syncBatch: {
    status: sync.status,
    seconds: round(syncSeconds),
    documentsPerSecond: round(ROWS / syncSeconds),
  },
  redisMemory: {
    bytesPerQueuedRow: Math.round((memoryQueued - memoryBefore) / ROWS),
    queuedJobMb: round((memoryQueued - memoryBefore) / 1024 / 1024),
    afterDeleteMb: round((memoryAfterDelete - memoryBefore) / 1024 / 1024),
  },
  oneWorker: one,
  twoWorkers: two,
  ratios: {
    twoWorkersOverOne: round(one.seconds / two.seconds),
    oneWorkerOverSyncBatch: round(syncSeconds / one.seconds),
    twoWorkersOverSyncBatch: round(syncSeconds / two.seconds),
  },
};
console.log(JSON.stringify(results, null, 2));
const dir = join(projectRoot, 'bench', 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'jobs.json'), `${JSON.stringify(results, null, 2)}\n`);

client.disconnect();
server.close();
await runtime.close();
await redis.close();
rmSync(store, { recursive: true, force: true });
process.exit(0);
