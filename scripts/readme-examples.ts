/**
 * Runs every `curl` example of README.md against a started service, as written (only
 * `localhost:3000` replaced by the address given), in a temporary folder where `samples/` and
 * `examples/` point to the repository's, and says what each answered. An example is expected to
 * answer 200, or the status its comment names ("# A 422: …"); one whose comment starts with
 * "Shape only" is shown, not run. With --cli, the `npx paperasse` examples run too (through
 * bin/paperasse.mjs, as npx would from the checkout; `serve` left out, it would not return), each
 * expected to exit 0. Exit 1 if any example answers otherwise.
 * Usage: npx tsx scripts/readme-examples.ts [http://localhost:3000] [--cli]
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { projectRoot } from '../src/paths.js';

export const README_HOST = 'localhost:3000';

export interface CurlExample {
  /** The command as README writes it (continuation lines joined). */
  command: string;
  /** The comment lines above it in its block, without `#`. */
  comment: string;
  /** 200, or the 4xx/5xx its comment announces. */
  expected: number;
  /** Shown in README but not runnable here (its comment starts with "Shape only"). */
  shapeOnly: boolean;
}

/** The `curl` commands of README's `sh` blocks; `a; curl b` is two examples. */
export function curlExamples(readme: string): CurlExample[] {
  const examples: CurlExample[] = [];
  for (const [, block = ''] of readme.matchAll(/```sh\n([\s\S]*?)```/g)) {
    let comment: string[] = [];
    for (const line of block.replace(/\\\n\s*/g, ' ').split('\n')) {
      const text = line.trim();
      if (text.startsWith('#')) comment.push(text.replace(/^#\s*/, ''));
      else if (text.startsWith('curl ')) {
        const said = comment.join(' ');
        const announced = /\b([45]\d\d)\b/.exec(said)?.[1];
        for (const command of text.split(/;\s*(?=curl )/)) {
          examples.push({
            command: command.trim(),
            comment: said,
            expected: announced ? Number(announced) : 200,
            shapeOnly: said.startsWith('Shape only'),
          });
        }
        comment = [];
      } else comment = [];
    }
  }
  return examples;
}

/** The `npx paperasse` commands of README's `sh` blocks, but `serve` (it does not return). */
export function cliExamples(readme: string): string[] {
  return [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap(([, block = '']) =>
    block
      .replace(/\\\n\s*/g, ' ')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.startsWith('npx paperasse ') && !/^npx paperasse serve\b/.test(line)),
  );
}

/** What an example asks: its method, its path (no query), the files it sends, where it writes. */
export function requestOf(example: CurlExample): {
  method: 'get' | 'post';
  path: string;
  files: string[];
  output?: string;
} {
  const { command } = example;
  const url = new RegExp(`${README_HOST}(/[^\\s'"?]*)`).exec(command)?.[1] ?? '';
  const posts = /\s(-X POST|-F|--data|-d)\s/.test(command);
  const files = [...command.matchAll(/(?:^|[\s=])@([^\s'";]+)/g)].map(([, file = '']) => file);
  const output = /\s-o\s+(\S+)/.exec(command)?.[1];
  return { method: posts ? 'post' : 'get', path: url, files, ...(output ? { output } : {}) };
}

export interface ExampleResult {
  example: CurlExample;
  status: number;
  ok: boolean;
  problem?: string;
}

const run = promisify(execFile);

/** A temporary folder where `samples/` and `examples/` are the repository's. */
function readerFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'paperasse-readme-'));
  for (const shipped of ['samples', 'examples']) {
    symlinkSync(join(projectRoot, shipped), join(folder, shipped));
  }
  return folder;
}

/** Runs the examples one after the other against `base` (e.g. http://127.0.0.1:3000). */
export async function runExamples(
  base: string,
  examples: readonly CurlExample[] = curlExamples(
    readFileSync(join(projectRoot, 'README.md'), 'utf8'),
  ),
): Promise<ExampleResult[]> {
  const folder = readerFolder();
  const host = new URL(base).host;
  const results: ExampleResult[] = [];
  try {
    for (const example of examples.filter((candidate) => !candidate.shapeOnly)) {
      const command = `${example.command.replaceAll(README_HOST, host)} -w '\\n%{http_code}'`;
      const { stdout } = await run('bash', ['-c', command], {
        cwd: folder,
        timeout: 120_000,
        maxBuffer: 64 * 1024 * 1024,
      }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
      const status = Number(stdout.trim().split('\n').at(-1));
      const problem =
        status !== example.expected
          ? `answered ${status}, expected ${example.expected}`
          : outputProblem(folder, requestOf(example).output, status);
      results.push({ example, status, ok: problem === undefined, ...(problem ? { problem } : {}) });
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return results;
}

/** Runs the command-line examples in order (a later one may read what an earlier one wrote). */
export async function runCliExamples(commands: readonly string[]): Promise<ExampleResult[]> {
  const folder = readerFolder();
  const launcher = join(projectRoot, 'bin', 'paperasse.mjs');
  const results: ExampleResult[] = [];
  try {
    for (const command of commands) {
      const status = await run(
        'bash',
        ['-c', command.replaceAll('npx paperasse', `node ${launcher}`)],
        {
          cwd: folder,
          timeout: 120_000,
        },
      ).then(
        () => 0,
        (error: { code?: number }) => error.code ?? -1,
      );
      const example = { command, comment: '', expected: 0, shapeOnly: false };
      const problem =
        status !== 0
          ? `exited ${status}`
          : outputProblem(folder, /\s-o\s+(?!-)(\S+)/.exec(command)?.[1], 200);
      results.push({ example, status, ok: problem === undefined, ...(problem ? { problem } : {}) });
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return results;
}

/** A file written by -o must be there and be what its extension says (for a 200). */
function outputProblem(folder: string, output: string | undefined, status: number) {
  if (!output || status !== 200) return undefined;
  const path = join(folder, output);
  if (!existsSync(path) || statSync(path).size === 0) return `wrote nothing to ${output}`;
  const head = readFileSync(path).subarray(0, 5).toString('latin1');
  const expected: Record<string, string> = { pdf: '%PDF-', zip: 'PK', xlsx: 'PK', json: '{' };
  const start = expected[output.split('.').at(-1) ?? ''];
  return start && !head.startsWith(start) ? `${output} does not start with ${start}` : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const options = process.argv.slice(2);
  const base = options.find((option) => !option.startsWith('--')) ?? `http://${README_HOST}`;
  const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
  const all = curlExamples(readme);
  const results = [
    ...(await runExamples(base, all)),
    ...(options.includes('--cli') ? await runCliExamples(cliExamples(readme)) : []),
  ];
  for (const { example, status, ok, problem } of results) {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${status} ${example.command.slice(0, 110)}`);
    if (problem) console.log(`     ${problem}`);
  }
  for (const example of all.filter((candidate) => candidate.shapeOnly)) {
    console.log(`skip     ${example.command.slice(0, 110)} (${example.comment})`);
  }
  const failed = results.filter((result) => !result.ok).length;
  console.log(`${results.length - failed}/${results.length} examples answered as expected.`);
  process.exitCode = failed > 0 ? 1 : 0;
}
