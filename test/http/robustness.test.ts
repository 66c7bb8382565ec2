import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documents } from '../../src/documents/registry.js';
import type { Runtime } from '../../src/edges/http/runtime.js';
import { startRuntime } from '../helpers/app.js';
import { leaves, loadSample } from '../helpers/samples.js';

/**
 * Every field of every sample, replaced by a value of the wrong kind, is answered 422 naming
 * that field (or a parent), never 500. Runs /validate: the same checks as a render, no Chromium.
 */
let runtime: Runtime;
beforeAll(() => {
  runtime = startRuntime();
});
afterAll(async () => {
  await runtime.close();
});

const WRONG_VALUES: unknown[] = [null, 12345, -1.5, true, {}, [], '', 'x'.repeat(5000), '\u0000'];

function setPath(root: unknown, path: string, value: unknown): unknown {
  const copy = structuredClone(root);
  const keys = path.match(/[^.[\]]+/g) ?? [];
  let target = copy as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[keys[keys.length - 1] as string] = value;
  return copy;
}

describe.each(documents.map((document) => document.id))('%s', (id) => {
  const sample = loadSample(id);

  it('answers 422 naming the field for every wrong value of every field, never 500', async () => {
    const failures: string[] = [];
    for (const [path] of leaves(sample)) {
      for (const wrong of WRONG_VALUES) {
        const response = await request(runtime.app)
          .post(`/v1/documents/${id}/validate`)
          .send(setPath(sample, path, wrong) as object);
        if (response.status === 200) continue; // e.g. a number where a number may be
        const named = (response.body.errors as Array<{ path: string }> | undefined)?.some(
          (error) => path.startsWith(error.path) || error.path.startsWith(path),
        );
        if (response.status !== 422 || !named) {
          failures.push(`${path} = ${JSON.stringify(wrong).slice(0, 20)} → ${response.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
