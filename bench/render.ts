/**
 * npm run bench — renders each document's sample through the real pipeline (validation, view
 * model, Handlebars, Chromium, pdf-lib metadata), no HTTP: the first render (Chromium launch
 * included), then warm renders at concurrency 1 and at the pool's size. Prints a table and
 * writes bench/results/render.json. One run on a noisy machine: compare ratios, not absolutes.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { projectRoot } from '../src/paths.js';
import { createRuntime } from '../src/runtime.js';

const WARM_RENDERS = Number(process.env.BENCH_RENDERS ?? 60);
const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
const runtime = createRuntime(config, createLogger(config.LOG_LEVEL));

interface Row {
  document: string;
  firstMs: number;
  p50Ms: number;
  p95Ms: number;
  docsPerSecond1: number;
  docsPerSecondPool: number;
  bytes: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function throughput(render: () => Promise<unknown>, concurrency: number): Promise<number> {
  let remaining = WARM_RENDERS;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (remaining-- > 0) await render();
    }),
  );
  return (WARM_RENDERS / (performance.now() - started)) * 1000;
}

const rows: Row[] = [];
let peakRss = process.memoryUsage().rss;
try {
  for (const document of runtime.service.list()) {
    const body: unknown = JSON.parse(
      readFileSync(join(projectRoot, 'samples', `${document.id}.json`), 'utf8'),
    );
    const render = () => runtime.service.render(document.id, body);
    let started = performance.now();
    const first = await render();
    const firstMs = performance.now() - started;

    const latencies: number[] = [];
    for (let i = 0; i < WARM_RENDERS; i++) {
      started = performance.now();
      await render();
      latencies.push(performance.now() - started);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }
    latencies.sort((a, b) => a - b);
    rows.push({
      document: document.id,
      firstMs,
      p50Ms: percentile(latencies, 50),
      p95Ms: percentile(latencies, 95),
      docsPerSecond1: await throughput(render, 1),
      docsPerSecondPool: await throughput(render, config.RENDER_CONCURRENCY),
      bytes: first.pdf.length,
    });
  }
} finally {
  await runtime.close();
}

const round = (value: number) => Math.round(value * 10) / 10;
console.log(
  `engine html · ${WARM_RENDERS} warm renders · pool of ${config.RENDER_CONCURRENCY} pages · ${config.CHROMIUM_PATH}`,
);
console.table(
  rows.map((row) => ({
    document: row.document,
    'first (ms)': round(row.firstMs),
    'p50 (ms)': round(row.p50Ms),
    'p95 (ms)': round(row.p95Ms),
    'docs/s c=1': round(row.docsPerSecond1),
    [`docs/s c=${config.RENDER_CONCURRENCY}`]: round(row.docsPerSecondPool),
    'size (KB)': round(row.bytes / 1024),
  })),
);
console.log(
  `peak RSS of the Node process: ${Math.round(peakRss / 1024 / 1024)} MB (Chromium not included)`,
);
mkdirSync(join(projectRoot, 'bench', 'results'), { recursive: true });
writeFileSync(
  join(projectRoot, 'bench', 'results', 'render.json'),
  JSON.stringify(
    { date: new Date().toISOString(), chromium: config.CHROMIUM_PATH, rows, peakRss },
    null,
    2,
  ),
);
