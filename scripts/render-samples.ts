/**
 * Renders every document's sample (samples/<id>.json) to samples/<id>.pdf through the same
 * pipeline the API runs, plus a PNG preview of each page (samples/<id>-<page>.png) for README.
 * Usage: npm run samples [-- <id> …]   (every document when no id is given)
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { projectRoot } from '../src/paths.js';
import { createRuntime } from '../src/runtime.js';

const samplesDir = join(projectRoot, 'samples');
const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
const runtime = createRuntime(config, createLogger(config.LOG_LEVEL));

try {
  const only = process.argv.slice(2);
  const selected = runtime.service.list().filter((d) => only.length === 0 || only.includes(d.id));
  if (only.length > 0 && selected.length !== only.length) {
    throw new Error(`Unknown document id among: ${only.join(', ')}`);
  }
  for (const document of selected) {
    const body: unknown = JSON.parse(readFileSync(join(samplesDir, `${document.id}.json`), 'utf8'));
    const started = performance.now();
    const { pdf, warnings } = await runtime.service.render(document.id, body);
    const pdfPath = join(samplesDir, `${document.id}.pdf`);
    writeFileSync(pdfPath, pdf);
    for (const old of readdirSync(samplesDir).filter(
      (name) => name.startsWith(`${document.id}-`) && name.endsWith('.png'),
    )) {
      rmSync(join(samplesDir, old));
    }
    execFileSync('pdftoppm', ['-png', '-r', '60', pdfPath, join(samplesDir, document.id)]);
    const ms = Math.round(performance.now() - started);
    console.log(`${document.id}: ${pdf.length} bytes, ${ms} ms, ${warnings.length} warning(s)`);
  }
} finally {
  await runtime.close();
}
