import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { JobGauges } from '../../../jobs/job-queue.js';
import type { Observer } from '../../../observer.js';

/**
 * The service's Prometheus metrics, in a registry of their own: one per app, so that two apps in
 * one process (tests) never share a count. Labels are bounded: route patterns, catalog ids,
 * engine ids, error codes, never a path or a value a client typed.
 */
export interface Metrics {
  /** This app's metrics (not the process's). */
  registry: Registry;
  /** What GET /metrics answers: this app's metrics, then the process's, in Prometheus text. */
  text(): Promise<string>;
  contentType: string;
  /** What the core, the Chromium pool and the batch report, turned into metrics. */
  observer: Observer;
  /** One answered (or abandoned) request. */
  request(labels: { route: string; method: string; status: number }, seconds: number): void;
  /** A problem+json answer, by its code. */
  problem(code: string): void;
}

/** The render queue as it is now, read at each scrape. */
export interface QueueState {
  queued: number;
  busy: number;
}

export interface MetricsOptions {
  /** The Chromium pool's queue (absent: no queue gauges, e.g. an app around a fake core). */
  queue?: () => QueueState;
  /** The jobs' queue as it is now (POST /v1/jobs), read at each scrape. */
  jobs?: () => Promise<JobGauges>;
}

/** Renders take 20 ms to a few seconds; a request up to the render deadline. */
const SECONDS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  const registers = [registry];
  const requests = new Histogram({
    name: 'paperasse_http_request_duration_seconds',
    help: 'HTTP requests by route pattern, method and status',
    labelNames: ['route', 'method', 'status'],
    buckets: SECONDS,
    registers,
  });
  const problems = new Counter({
    name: 'paperasse_errors_total',
    help: 'Problem answers (application/problem+json) by error code',
    labelNames: ['code'],
    registers,
  });
  if (options.queue) queueGauges(registry, options.queue);
  if (options.jobs) jobGauges(registry, options.jobs);
  return {
    registry,
    text: async () => `${await registry.metrics()}\n${await processMetrics().metrics()}`,
    contentType: registry.contentType,
    observer: observerOf(registry),
    request: (labels, seconds) => requests.observe(labels, seconds),
    problem: (code) => problems.inc({ code }),
  };
}

let processRegistry: Registry | undefined;

/**
 * prom-client's process metrics (CPU, memory, event loop lag, GC), collected once per process
 * however many apps it runs: they describe the process, and each collection adds its own
 * event-loop monitor and GC observer.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

function queueGauges(registry: Registry, queue: () => QueueState): void {
  new Gauge({
    name: 'paperasse_render_queue_depth',
    help: 'Renders waiting for a Chromium page',
    registers: [registry],
    collect() {
      this.set(queue().queued);
    },
  });
  new Gauge({
    name: 'paperasse_render_busy_pages',
    help: 'Chromium pages printing now',
    registers: [registry],
    collect() {
      this.set(queue().busy);
    },
  });
}

function jobGauges(registry: Registry, jobs: () => Promise<JobGauges>): void {
  // Read once per scrape for both gauges; a Redis that does not answer leaves them unset.
  let reading: Promise<JobGauges | undefined> | undefined;
  const read = () => {
    reading ??= jobs()
      .catch(() => undefined)
      .finally(() => setTimeout(() => (reading = undefined), 0));
    return reading;
  };
  const byState = (name: string, help: string, pick: (gauges?: JobGauges) => object) =>
    new Gauge({
      name,
      help,
      labelNames: ['state'],
      registers: [registry],
      async collect() {
        const counts = pick(await read());
        this.reset();
        for (const [state, count] of Object.entries(counts)) this.set({ state }, count as number);
      },
    });
  byState(
    'paperasse_jobs_held',
    'Jobs held (JOBS_MAX counts them): waiting, running, or finished and kept for their TTL',
    (gauges) => gauges?.jobs ?? {},
  );
  byState(
    'paperasse_job_chunks',
    'With REDIS_URL: chunks of rows waiting for a worker, in a worker, or waiting to be retried',
    (gauges) => gauges?.chunks ?? {},
  );
}

function observerOf(registry: Registry): Observer {
  const registers = [registry];
  const renders = new Histogram({
    name: 'paperasse_render_duration_seconds',
    help: 'Renders by document and engine (annexes and metadata included), by outcome',
    labelNames: ['document', 'engine', 'outcome'],
    buckets: SECONDS,
    registers,
  });
  const waits = new Histogram({
    name: 'paperasse_render_queue_wait_seconds',
    help: 'Time a render waited for a Chromium page',
    buckets: [0, 0.005, ...SECONDS],
    registers,
  });
  const restarts = new Counter({
    name: 'paperasse_chromium_restarts_total',
    help: 'Chromium launches that replaced a previous one (recycled or crashed)',
    registers,
  });
  const crashes = new Counter({
    name: 'paperasse_chromium_crashes_total',
    help: 'Chromium (kind=browser) or a page renderer (kind=page) that died under a render',
    labelNames: ['kind'],
    registers,
  });
  const rows = new Counter({
    name: 'paperasse_batch_rows_total',
    help: 'Batch rows by document and outcome (rendered, failed)',
    labelNames: ['document', 'outcome'],
    registers,
  });
  return {
    rendered: ({ document, engine, ms, ok }) =>
      renders.observe({ document, engine, outcome: ok ? 'ok' : 'error' }, ms / 1000),
    queueWaited: (ms) => waits.observe(ms / 1000),
    chromiumLaunched: ({ relaunch }) => {
      if (relaunch) restarts.inc();
    },
    chromiumCrashed: ({ kind }) => crashes.inc({ kind }),
    batchRow: ({ document, rendered }) =>
      rows.inc({ document, outcome: rendered ? 'rendered' : 'failed' }),
  };
}
