import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import {
  cliExamples,
  curlExamples,
  requestOf,
  runExamples,
} from '../../scripts/readme-examples.js';
import { useRuntime } from '../helpers/app.js';
import { concretePath, fetchSpec, type Spec } from '../helpers/openapi.js';
import { listen } from '../web/browser.js';

/**
 * README's curl examples, as a reader copies them from a fresh clone: each sends files the
 * repository ships, to a route the contract lists, and, run against the app, answers as its
 * comment says (scripts/readme-examples.ts, the same runner as against a started service).
 */
const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
const examples = curlExamples(readme);
const runtime = useRuntime();
let spec: Spec;
let server: { base: string; close: () => Promise<void> };
beforeAll(async () => {
  spec = await fetchSpec(runtime.app);
  server = await listen(runtime.app);
});
afterAll(async () => {
  await server?.close();
});

describe('README’s curl examples', () => {
  it('are found, each block and line', () => {
    expect(examples.length).toBeGreaterThanOrEqual(20);
    expect(examples.map((example) => requestOf(example).path)).toEqual(
      expect.arrayContaining(['/v1/pdf/fields', '/v1/pdf/fill', '/openapi.json', '/readyz']),
    );
  });

  it('send only files the repository ships (but the one shown as a shape)', () => {
    const missing = examples
      .filter((example) => !example.shapeOnly)
      .flatMap((example) => requestOf(example).files)
      .filter((file) => !existsSync(join(projectRoot, file)))
      // Written by an earlier example of the same block (a blank form filled, then read).
      .filter((file) => !examples.some((example) => requestOf(example).output === file));
    expect(missing).toEqual([]);
    expect(examples.filter((example) => example.shapeOnly)).toHaveLength(1);
  });

  it('write with -o, which a second run replaces, never -O or -J', () => {
    expect(examples.filter((example) => /\s-[a-zA-Z]*[OJ]/.test(example.command))).toEqual([]);
  });

  it('ask routes the contract lists', () => {
    const unlisted = examples
      .map(requestOf)
      // The contract does not list itself (see test/http/openapi.test.ts).
      .filter(({ path }) => path !== '/openapi.json')
      .filter(({ method, path }) => {
        const listed = Object.entries(spec.paths).find(
          ([specPath]) => concretePath(specPath) === path,
        );
        return !listed?.[1][method];
      });
    expect(unlisted).toEqual([]);
  });

  it('for the command line too, read only shipped files or what an earlier example wrote', () => {
    const commands = cliExamples(readme);
    expect(commands.length).toBeGreaterThanOrEqual(10);
    const written = new Set<string>();
    const missing: string[] = [];
    for (const command of commands) {
      const words = command.replace(/#.*/, '').split(/\s+/);
      words.forEach((word, index) => {
        const previous = words[index - 1] ?? '';
        if (!/\.(pdf|json|csv|xlsx|png|jpg|zip)$/.test(word)) return;
        if (previous === '-o' || previous === '>') written.add(word);
        else if (!existsSync(join(projectRoot, word.replace(/^\w+=/, ''))) && !written.has(word)) {
          missing.push(`${word} in ${command}`);
        }
      });
    }
    expect(missing).toEqual([]);
  });

  it('answer as they say when run against the service', async () => {
    const results = await runExamples(server.base, examples);
    expect(
      results
        .filter((result) => !result.ok)
        .map(({ example, problem }) => `${example.command}: ${problem}`),
    ).toEqual([]);
    expect(results.length).toBe(examples.length - 1);
    expect(results.filter((result) => result.status === 422)).toHaveLength(1);
  }, 180_000);
});
