/**
 * npm run bench (second part) — a class at once, one run:
 * 1. 1,000 AT/MP attestations from a French-Excel CSV (Windows-1252, `;`, French titles) to a
 *    ZIP, over HTTP on loopback, engine=acroform: time to the ZIP's first byte (p50 of 3 runs)
 *    and total, against the same 1,000 rows sent one by one to POST /v1/documents/{id}
 *    (4 at a time, as a client script would), and through `paperasse batch` (its own process);
 * 2. 10,000 rows through the batch pipeline (rows → renders → ZIP, written to nowhere): Node's
 *    RSS at row 1,000 and at row 10,000;
 * 3. engine=html: a batch of 60 rows against the pool's single-document throughput.
 * Writes bench/results/batch.json. Ratios, not absolutes: the machine is noisy.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import iconv from 'iconv-lite';
import { fileNamer } from '../src/batch/file-names.js';
import { renderRows, type BatchRow } from '../src/batch/render-rows.js';
import { writeZip } from '../src/batch/write-zip.js';
import { loadConfig } from '../src/config.js';
import { templateColumns } from '../src/edges/batch/index.js';
import { rowCells } from '../src/edges/batch/template-sheet.js';
import { createRuntime } from '../src/edges/http/runtime.js';
import type { SchemaNode } from '../src/core/schema-node.js';
import { createLogger } from '../src/logger.js';
import { projectRoot } from '../src/paths.js';
import { megabytes, percentile, round } from './stats.js';
import { sample } from './pipeline.js';

const ID = 'attestation-atmp-stage-etranger';
const ROWS = 1_000;
const LONG_ROWS = 10_000;
const HTML_ROWS = 60;
const config = loadConfig({
  ...process.env,
  LOG_LEVEL: 'warn',
  BATCH_MAX_ROWS: String(LONG_ROWS),
  BATCH_MAX_BYTES: '64mb',
});
const runtime = createRuntime(config, createLogger(config.LOG_LEVEL));
const server = runtime.app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const payload = sample(ID) as { eleve: Record<string, unknown> };

/** Row `index`'s student: the sample under another name. */
function student(index: number): Record<string, unknown> {
  return { ...payload, eleve: { ...payload.eleve, nomNaissance: `Élève${index}`, prenom: 'Zoé' } };
}

const columns = templateColumns(runtime.core.catalog.find(ID).jsonSchema as SchemaNode, payload);
function classCsv(count: number): Buffer {
  const quote = (cell: string) => (/[;"\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  const lines = [columns.map((column) => column.header)];
  for (let index = 0; index < count; index++) lines.push(rowCells(columns, student(index)));
  return iconv.encode(lines.map((cells) => cells.map(quote).join(';')).join('\r\n'), 'win1252');
}

/** POST the CSV; time to the first byte of the answer and to its end. */
async function postBatch(
  csv: Buffer,
  engine: string,
): Promise<{ firstMs: number; totalMs: number; bytes: number }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(csv)], { type: 'text/csv' }), 'classe.csv');
  const started = performance.now();
  const response = await fetch(`${base}/v1/batch/${ID}?engine=${engine}`, {
    method: 'POST',
    body: form,
  });
  if (!response.ok || !response.body) throw new Error(`batch answered ${response.status}`);
  let firstMs = 0;
  let bytes = 0;
  const reader = response.body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    if (firstMs === 0) firstMs = performance.now() - started;
    bytes += chunk.value.byteLength;
  }
  return { firstMs, totalMs: performance.now() - started, bytes };
}

/** The same rows one by one through POST /v1/documents/{id}, `concurrency` at a time. */
async function oneByOne(count: number, engine: string, concurrency: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const body = JSON.stringify(student(next++));
        const response = await fetch(`${base}/v1/documents/${ID}?engine=${engine}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`render answered ${response.status}`);
      }
    }),
  );
  return performance.now() - started;
}

try {
  await runtime.pool.warmUp();
  const csv = classCsv(ROWS);
  await postBatch(classCsv(10), 'acroform'); // warm: the form's layout, the worker
  const runs = [];
  for (let run = 0; run < 3; run++) runs.push(await postBatch(csv, 'acroform'));
  const firsts = runs.map((run) => run.firstMs).sort((a, b) => a - b);
  const totals = runs.map((run) => run.totalMs).sort((a, b) => a - b);
  const singleMs = await oneByOne(ROWS, 'acroform', 4);

  // 10,000 rows, RSS at row 1,000 and 10,000 (the ZIP goes nowhere: memory is the pipeline's).
  const rows: BatchRow[] = Array.from({ length: LONG_ROWS }, (_, index) => ({
    row: index + 2,
    data: student(index),
  }));
  const rss: Record<number, number> = {};
  const nowhere = new Writable({ write: (_chunk, _encoding, done) => done() });
  const longStarted = performance.now();
  await writeZip(renderRows(runtime.core, rows, { document: ID, engine: 'acroform' }), nowhere, {
    names: fileNamer('{eleve.nomNaissance}'),
    onRow: (_result, summary) => {
      if (summary.rows === 1_000 || summary.rows === LONG_ROWS)
        rss[summary.rows] = process.memoryUsage().rss;
    },
  });
  const longMs = performance.now() - longStarted;

  // The same 1,000 rows through the command line: a process of its own (start-up included).
  const work = mkdtempSync(join(tmpdir(), 'paperasse-bench-'));
  writeFileSync(join(work, 'classe.csv'), csv);
  const cliStarted = performance.now();
  execFileSync(
    process.execPath,
    [
      join(projectRoot, 'bin', 'paperasse.mjs'),
      'batch',
      ID,
      'classe.csv',
      '--engine',
      'acroform',
      '-o',
      'lot.zip',
    ],
    { cwd: work, stdio: 'ignore' },
  );
  const cliMs = performance.now() - cliStarted;
  rmSync(work, { recursive: true, force: true });

  const htmlBatch = await postBatch(classCsv(HTML_ROWS), 'html');
  const htmlSingleMs = await oneByOne(HTML_ROWS, 'html', config.RENDER_CONCURRENCY);

  const results = {
    acroform: {
      rows: ROWS,
      firstByteP50Ms: round(percentile(firsts, 50)),
      totalP50Ms: round(percentile(totals, 50)),
      zipMegabytes: megabytes(runs[0]?.bytes ?? 0),
      oneByOneMs: round(singleMs),
      cliMs: round(cliMs),
      batchOverOneByOne: Math.round((percentile(totals, 50) / singleMs) * 1000) / 1000,
    },
    memory: {
      rows: LONG_ROWS,
      totalMs: round(longMs),
      rssAt1000Mb: megabytes(rss[1_000] ?? 0),
      rssAt10000Mb: megabytes(rss[LONG_ROWS] ?? 0),
      growth: Math.round(((rss[LONG_ROWS] ?? 0) / (rss[1_000] ?? 1) - 1) * 1000) / 1000,
    },
    html: {
      rows: HTML_ROWS,
      batchDocsPerSecond: round(HTML_ROWS / (htmlBatch.totalMs / 1000)),
      singleDocsPerSecond: round(HTML_ROWS / (htmlSingleMs / 1000)),
    },
  };
  console.log(JSON.stringify(results, null, 2));
  const dir = join(projectRoot, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'batch.json'), `${JSON.stringify(results, null, 2)}\n`);
} finally {
  server.close();
  await runtime.close();
}
