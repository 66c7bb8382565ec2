import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths.js';

export function loadSample(id: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(projectRoot, 'samples', `${id}.json`), 'utf8')) as Record<
    string,
    unknown
  >;
}

/** A deep copy with one path replaced (or deleted with `undefined`): for table-driven rule tests. */
export function withChange(sample: unknown, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(sample) as Record<string, unknown>;
  const keys = path.split('.');
  let target = copy as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = keys[keys.length - 1] as string;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}

/** Every leaf of a JSON value with its dotted path. */
export function leaves(value: unknown, path = ''): Array<[string, unknown]> {
  if (Array.isArray(value))
    return value.flatMap((item, index) => leaves(item, `${path}[${index}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      leaves(item, path ? `${path}.${key}` : key),
    );
  }
  return [[path, value]];
}
