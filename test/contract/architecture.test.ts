import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';

/**
 * The shape of the code, checked on its imports: an edge turns its input into a render request,
 * the core validates and calls an engine through one interface, and each library stays behind
 * the module that owns it. A change that breaks a line here changes the architecture: say so in
 * README's "How the code is laid out", not just here.
 */
const srcDir = join(projectRoot, 'src');

interface Import {
  from: string;
  /** A package name, or a path relative to src/ (without extension). */
  to: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const imports: Import[] = sourceFiles(srcDir).flatMap((file) => {
  const text = readFileSync(file, 'utf8');
  const from = relative(srcDir, file);
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map(([, spec = '']) => ({
    from,
    to: spec.startsWith('.')
      ? relative(srcDir, resolve(dirname(file), spec)).replace(/\.(js|ts|json)$/, '')
      : spec
          .split('/')
          .slice(0, spec.startsWith('@') ? 2 : 1)
          .join('/'),
  }));
});

/** The imports of `target` from files outside `allowed` (path prefixes under src/). */
function outside(target: (to: string) => boolean, allowed: readonly string[]): string[] {
  return imports
    .filter((entry) => target(entry.to) && !allowed.some((prefix) => entry.from.startsWith(prefix)))
    .map((entry) => `${entry.from} → ${entry.to}`);
}

const isPackage = (name: string) => (to: string) => to === name;
const under = (folder: string) => (to: string) => to.startsWith(folder);

describe('the architecture', () => {
  it('reads its own sources', () => {
    expect(imports.length).toBeGreaterThan(200);
    expect(imports).toContainEqual({ from: 'edges/http/app.ts', to: 'express' });
  });

  it('keeps Express and multer in the HTTP edge', () => {
    expect(outside(isPackage('express'), ['edges/http/'])).toEqual([]);
    expect(outside(isPackage('multer'), ['edges/http/'])).toEqual([]);
  });

  it('keeps puppeteer in the html engine', () => {
    expect(outside(isPackage('puppeteer-core'), ['engines/html/'])).toEqual([]);
  });

  it('keeps metrics and the request log in the HTTP edge: the rest tells an observer', () => {
    expect(outside(isPackage('prom-client'), ['edges/http/ops/'])).toEqual([]);
    expect(outside(isPackage('pino-http'), ['edges/http/ops/'])).toEqual([]);
  });

  it('keeps pdf-lib behind src/pdf/ and the acroform engine (its form API)', () => {
    expect(outside(isPackage('pdf-lib'), ['pdf/', 'engines/acroform/'])).toEqual([]);
  });

  it('keeps the spreadsheet libraries in the batch edge', () => {
    for (const library of ['exceljs', 'csv-parse', 'iconv-lite']) {
      expect(outside(isPackage(library), ['edges/batch/']), library).toEqual([]);
    }
  });

  it('keeps BullMQ and the Redis client in the jobs’ Redis backend', () => {
    expect(outside(isPackage('bullmq'), ['jobs/redis/'])).toEqual([]);
    expect(outside(isPackage('ioredis'), ['jobs/redis/'])).toEqual([]);
    expect(imports).toContainEqual({ from: 'jobs/redis/job-worker.ts', to: 'bullmq' });
  });

  it('reaches each engine only through its registration', () => {
    for (const engine of ['html', 'acroform', 'official']) {
      const folder = `engines/${engine}/`;
      expect(outside(under(folder), [folder, 'engines/registry.ts']), engine).toEqual([]);
    }
  });

  it('keeps the core and the documents free of edges, and engines free of documents', () => {
    expect(outside(under('edges/'), ['edges/', 'main.ts'])).toEqual([]);
    expect(outside(under('documents/'), ['documents/', 'core/', 'compose.ts'])).toEqual([]);
  });

  it('lets documents know nothing of engines', () => {
    const fromDocuments = imports.filter((entry) => entry.from.startsWith('documents/'));
    expect(fromDocuments.filter((entry) => entry.to.startsWith('engines/'))).toEqual([]);
  });
});
