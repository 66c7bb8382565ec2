/**
 * Renders every document's sample (samples/<id>.json) to samples/<id>.pdf through the core the
 * API runs, plus a PNG preview of each page (samples/<id>-<page>.png) for README. A document
 * whose sample names files to send with it (samples/<id>.files.json: part → file of
 * samples/files/, as curl -F would send them) is rendered again with them: signatures and stamp
 * in their boxes, supporting documents appended → samples/<id>-multipart.pdf and its previews.
 * Driven by the registry alone: a new document needs its sample, nothing here.
 * Usage: npm run samples [-- <id> …]   (every document when no id is given)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import type { CatalogEntry } from '../src/core/catalog.js';
import { readParts } from '../src/core/parts.js';
import type { RenderRequestInput } from '../src/core/render-request.js';
import { createLogger } from '../src/logger.js';
import { projectRoot } from '../src/paths.js';
import { compose } from '../src/compose.js';

const samplesDir = join(projectRoot, 'samples');
const filesDir = join(samplesDir, 'files');

const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
const runtime = compose(config, createLogger(config.LOG_LEVEL));

/** The sample's data with the files its samples/<id>.files.json names, read as parts. */
function multipartRequest(entry: CatalogEntry, data: unknown): RenderRequestInput | undefined {
  const spec = join(samplesDir, `${entry.document.id}.files.json`);
  if (!existsSync(spec)) return undefined;
  const files = Object.entries(JSON.parse(readFileSync(spec, 'utf8')) as Record<string, string>);
  const read = (name: string) => {
    const path = join(filesDir, name);
    if (!existsSync(path)) {
      throw new Error(`${path} is missing: run npx tsx scripts/make-sample-files.ts`);
    }
    return new Uint8Array(readFileSync(path));
  };
  const parts = readParts(entry.parts, {
    texts: { data: JSON.stringify(data) },
    files: files.map(([part, name]) => ({ part, bytes: read(name) })),
  });
  return { document: entry.document.id, ...parts };
}

/** Writes samples/<stem>.pdf and its previews samples/<stem>-<page>.png (60 dpi). */
async function renderSample(stem: string, request: RenderRequestInput): Promise<void> {
  const started = performance.now();
  const { pdf, warnings } = await runtime.core.render(request);
  const pdfPath = join(samplesDir, `${stem}.pdf`);
  writeFileSync(pdfPath, pdf);
  const preview = new RegExp(`^${stem}-\\d+\\.png$`);
  for (const old of readdirSync(samplesDir).filter((name) => preview.test(name))) {
    rmSync(join(samplesDir, old));
  }
  execFileSync('pdftoppm', ['-png', '-r', '60', pdfPath, join(samplesDir, stem)]);
  const ms = Math.round(performance.now() - started);
  const pages = readdirSync(samplesDir).filter((name) => preview.test(name)).length;
  const codes = warnings.map((warning) => `${warning.code} (${warning.path})`).join(', ');
  console.log(
    `${stem}: ${pdf.length} bytes, ${pages} page(s), ${ms} ms, ${warnings.length} warning(s)` +
      (codes ? `: ${codes}` : ''),
  );
}

try {
  const only = process.argv.slice(2);
  const entries = runtime.core.catalog.list();
  const selected = entries.filter((e) => only.length === 0 || only.includes(e.document.id));
  if (only.length > 0 && selected.length !== only.length) {
    throw new Error(`Unknown document id among: ${only.join(', ')}`);
  }
  for (const entry of selected) {
    const { id } = entry.document;
    const data: unknown = JSON.parse(readFileSync(join(samplesDir, `${id}.json`), 'utf8'));
    await renderSample(id, { document: id, data });
    const withFiles = multipartRequest(entry, data);
    if (withFiles) await renderSample(`${id}-multipart`, withFiles);
  }
} finally {
  await runtime.close();
}
