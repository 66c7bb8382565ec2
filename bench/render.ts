/**
 * npm run bench — one run, warm figures, no HTTP:
 * 1. each document's sample through Paperasse's whole pipeline, with each of its engines (first
 *    render, then p50/p95 and docs/s at concurrency 1 and at the pool's size), with the peak RSS
 *    of Node and of the Chromium process tree;
 * 2. a bare puppeteer `page.pdf` of the same AT/MP HTML on one reused page (baselines.ts);
 * 3. Paperasse's `fillForm` and a bare pdf-lib fill of the same ~25-field form (acroform.ts).
 * Prints tables and the Paperasse/bare ratios; writes bench/results/{render,baselines,acroform}.json.
 * One run on a noisy 2-core machine: compare ratios, not absolutes. BENCH_RENDERS sets the warm
 * iterations per measurement (60).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { projectRoot } from '../src/paths.js';
import { createRuntime } from '../src/edges/http/runtime.js';
import { benchFills, buildBenchForm, FIELD_COUNT } from './acroform.js';
import { embedsLiberation, launchBare } from './baselines.js';
import { watchMemory, type MemoryPeaks } from './memory.js';
import { benchPipeline, sample, sampleHtml, type PipelineRow } from './pipeline.js';
import {
  interleavedLatency,
  megabytes,
  round,
  throughput,
  timed,
  WARM_RENDERS,
  type Latency,
} from './stats.js';

/** The bare page.pdf's figures (p50/p95 from the alternation with Paperasse). */
interface BareRow extends Latency {
  firstMs: number;
  docsPerSecond1: number;
  bytes: number;
  liberationEmbedded: boolean;
}

const BASELINE_DOCUMENT = 'attestation-atmp-stage-etranger';
const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
const pool = config.RENDER_CONCURRENCY;
const started = performance.now();

const runtime = createRuntime(config, createLogger(config.LOG_LEVEL));
let pipelinePeaks: MemoryPeaks;
let barePeaks: MemoryPeaks;
let rows: PipelineRow[];
let baseline: { paperasse: Latency; bare: BareRow };
try {
  // 1. Paperasse's HTML pipeline on every sample; memory sampled throughout.
  const poolMemory = watchMemory();
  rows = await benchPipeline(runtime, config);
  pipelinePeaks = await poolMemory.stop();

  // 2. The bare page.pdf of the same AT/MP HTML, alternated with Paperasse's render of it (the
  // pool's Chromium stays up, idle but for its half); the bare tree's memory is sampled alone.
  const html = sampleHtml(runtime, BASELINE_DOCUMENT);
  const body = sample(BASELINE_DOCUMENT);
  const bare = await launchBare(config.CHROMIUM_PATH);
  const bareMemory = watchMemory({ root: bare.pid });
  try {
    const first = await timed(() => bare.print(html));
    const [paperasse, barePrint] = await interleavedLatency(
      () => runtime.core.render({ document: BASELINE_DOCUMENT, data: body }),
      () => bare.print(html),
    );
    baseline = {
      paperasse,
      bare: {
        firstMs: first.ms,
        ...barePrint,
        docsPerSecond1: await throughput(() => bare.print(html), 1),
        bytes: first.result.length,
        liberationEmbedded: embedsLiberation(first.result),
      },
    };
  } finally {
    barePeaks = await bareMemory.stop();
    await bare.close();
  }
} finally {
  await runtime.close();
}

// 3. AcroForm fills (Node only).
const form = await buildBenchForm();
const fills = await benchFills(form);
const [paperasseFillRow, bareFillRow] = fills;
const totalSeconds = (performance.now() - started) / 1000;

// Tables.
const paperasseAtmp = rows.find(
  (row) => row.document === BASELINE_DOCUMENT && row.engine === 'html',
);
const acroformAtmp = rows.find(
  (row) => row.document === BASELINE_DOCUMENT && row.engine === 'acroform',
);
if (!paperasseAtmp || !acroformAtmp) throw new Error(`${BASELINE_DOCUMENT} was not rendered`);
console.log(
  `\nPipeline · ${WARM_RENDERS} warm renders per figure · pool of ${pool} pages · ${config.CHROMIUM_PATH}`,
);
console.table(
  rows.map((row) => ({
    document: `${row.document} (${row.pages} p.)`,
    engine: row.engine,
    'first (ms)': round(row.firstMs),
    'p50 (ms)': round(row.p50Ms),
    'p95 (ms)': round(row.p95Ms),
    'docs/s c=1': round(row.docsPerSecond1),
    [`docs/s c=${pool}`]: round(row.docsPerSecondPool),
    'size (KB)': round(row.bytes / 1024),
  })),
);
console.log(
  `engine=acroform (flattened) on ${BASELINE_DOCUMENT}: ×${(acroformAtmp.docsPerSecondPool / paperasseAtmp.docsPerSecondPool).toFixed(1)} ` +
    `the html engine's docs/s at c=${pool} (${round(acroformAtmp.docsPerSecondPool)} vs ${round(paperasseAtmp.docsPerSecondPool)})`,
);
console.log(
  `peak RSS during the pipeline bench: Node ${megabytes(pipelinePeaks.nodeRss)} MB · Chromium tree ` +
    `${megabytes(pipelinePeaks.chromiumRss)} MB summed RSS (${pipelinePeaks.chromiumProcesses} processes; ` +
    `${megabytes(pipelinePeaks.chromiumPss)} MB PSS)`,
);

const { bare } = baseline;
console.log(
  `\nBaselines on ${BASELINE_DOCUMENT} · ${WARM_RENDERS} warm renders of each, alternated (p50, p95)`,
);
console.table([
  {
    render: 'Paperasse HTML pipeline',
    'p50 (ms)': round(baseline.paperasse.p50Ms),
    'p95 (ms)': round(baseline.paperasse.p95Ms),
    'docs/s c=1': round(paperasseAtmp.docsPerSecond1),
    'size (KB)': round(paperasseAtmp.bytes / 1024),
  },
  {
    render: 'bare page.pdf, 1 reused page',
    'p50 (ms)': round(bare.p50Ms),
    'p95 (ms)': round(bare.p95Ms),
    'docs/s c=1': round(bare.docsPerSecond1),
    'size (KB)': round(bare.bytes / 1024),
  },
]);
const htmlRatio = baseline.paperasse.p50Ms / bare.p50Ms;
console.log(
  `Paperasse / bare page.pdf: ×${htmlRatio.toFixed(2)} at p50 (+${round(baseline.paperasse.p50Ms - bare.p50Ms)} ms: ` +
    `validation, mapping, Handlebars, queue, interception, metadata pass) · docs/s c=1 ` +
    `×${(paperasseAtmp.docsPerSecond1 / bare.docsPerSecond1).toFixed(2)} of bare's (measured apart)`,
);
console.log(
  `bare Chromium tree: ${megabytes(barePeaks.chromiumRss)} MB summed RSS (${barePeaks.chromiumProcesses} processes; ` +
    `${megabytes(barePeaks.chromiumPss)} MB PSS) · Liberation Sans embedded: ${bare.liberationEmbedded}`,
);

console.log(
  `\nAcroForm fill · ${FIELD_COUNT}-field form, accented values with œ and U+202F · ${WARM_RENDERS} warm fills of each, alternated (p50, p95)`,
);
console.table(
  fills.map((row) => ({
    fill: row.fill,
    'first (ms)': round(row.firstMs),
    'p50 (ms)': round(row.p50Ms),
    'p95 (ms)': round(row.p95Ms),
    'docs/s c=1': round(row.docsPerSecond1),
    'docs/s c=2': row.docsPerSecond2 === undefined ? '' : round(row.docsPerSecond2),
    'size (KB)': round(row.bytes / 1024),
  })),
);
const fillRatio = paperasseFillRow.p50Ms / bareFillRow.p50Ms;
console.log(
  `fillForm (uploaded forms, editable documents) / bare pdf-lib: ×${fillRatio.toFixed(2)} at p50 ` +
    `(+${round(paperasseFillRow.p50Ms - bareFillRow.p50Ms)} ms). CPU-bound in Node's one thread: ` +
    `c=2 in one process is no faster than c=1; scale with processes.`,
);
const flatRatio = bareFillRow.p50Ms / acroformAtmp.p50Ms;
console.log(
  `engine=acroform, whole pipeline on ${BASELINE_DOCUMENT} (p50 ${round(acroformAtmp.p50Ms)} ms) is ` +
    `×${flatRatio.toFixed(1)} faster than the bare pdf-lib fill (p50 ${round(bareFillRow.p50Ms)} ms): ` +
    `the values are drawn on a prepared form and appended as an incremental update.`,
);
const nodePeak = process.resourceUsage().maxRSS * 1024;
console.log(
  `\npeak RSS of the Node process over the whole run: ${megabytes(nodePeak)} MB · run took ${round(totalSeconds)} s`,
);

// Results.
const date = new Date().toISOString();
const dir = join(projectRoot, 'bench', 'results');
mkdirSync(dir, { recursive: true });
const write = (name: string, data: object) =>
  writeFileSync(
    join(dir, name),
    `${JSON.stringify({ date, warmRenders: WARM_RENDERS, ...data }, null, 2)}\n`,
  );
write('render.json', {
  chromium: config.CHROMIUM_PATH,
  pool,
  rows,
  peaks: pipelinePeaks,
  nodePeakRssWholeRun: nodePeak,
});
write('baselines.json', {
  document: BASELINE_DOCUMENT,
  paperasse: { ...baseline.paperasse, docsPerSecond1: paperasseAtmp.docsPerSecond1 },
  barePagePdf: bare,
  barePeaks,
  ratioP50: htmlRatio,
  fill: { paperasse: paperasseFillRow, bare: bareFillRow, ratioP50: fillRatio },
  acroformPipeline: { ...acroformAtmp, bareFillOverPipelineP50: flatRatio },
});
write('acroform.json', { fields: FIELD_COUNT, rows: fills });
