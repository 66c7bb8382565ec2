/**
 * Paperasse's pipeline, as the API runs it without HTTP, for each document through each of its
 * engines: validation, rules, view model, then Handlebars and Chromium (html) or the values drawn
 * on the prepared form (acroform, flattened), then the metadata update.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { Config } from '../src/config.js';
import { projectRoot } from '../src/paths.js';
import type { Runtime } from '../src/edges/http/runtime.js';
import { latency, throughput, timed, type Latency } from './stats.js';

export interface PipelineRow extends Latency {
  document: string;
  engine: string;
  pages: number;
  firstMs: number;
  docsPerSecond1: number;
  docsPerSecondPool: number;
  bytes: number;
}

export function sample(documentId: string): unknown {
  return JSON.parse(readFileSync(join(projectRoot, 'samples', `${documentId}.json`), 'utf8'));
}

/** The HTML the engine hands Chromium for a document's sample (the template of the service). */
export function sampleHtml(runtime: Runtime, documentId: string): string {
  const { document, input, context } = runtime.core.validate({
    document: documentId,
    data: sample(documentId),
  });
  return runtime.html.toHtml(document.id, document.toViewModel(input, context));
}

/**
 * Each sample through each engine: a first render (Chromium's launch in the very first; the
 * fillable form's build in an acroform first), then warm ones.
 */
export async function benchPipeline(runtime: Runtime, config: Config): Promise<PipelineRow[]> {
  const rows: PipelineRow[] = [];
  for (const { document } of runtime.core.catalog.list()) {
    const body = sample(document.id);
    for (const engine of document.engines) {
      const render = () => runtime.core.render({ document: document.id, data: body, engine });
      const first = await timed(render);
      const warm = await latency(render);
      rows.push({
        document: document.id,
        engine,
        pages: await countPages(first.result.pdf),
        firstMs: first.ms,
        ...warm,
        docsPerSecond1: await throughput(render, 1),
        docsPerSecondPool: await throughput(render, config.RENDER_CONCURRENCY),
        bytes: first.result.pdf.length,
      });
    }
  }
  return rows;
}

async function countPages(pdf: Uint8Array): Promise<number> {
  return (await PDFDocument.load(pdf)).getPageCount();
}
