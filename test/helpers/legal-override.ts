import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { Runtime } from '../../src/edges/http/runtime.js';
import { useRuntime } from './app.js';

/** One value of an operator's legal file, as a test amends the law. */
export interface AmendedValue {
  key: string;
  value: string;
  unit: string;
}

/**
 * The real application with an operator's legal values file (LEGAL_VALUES_FILE): each value in
 * force from `effective`, marked unconfirmed, cited by `legalText`. Started and stopped with the
 * tests of the file or describe it is called in; the file is removed after them.
 */
export function useLegalOverride(
  values: readonly AmendedValue[],
  legalText: string,
  effective = '2026-07-01',
): Runtime {
  const dir = mkdtempSync(join(tmpdir(), 'paperasse-legal-'));
  const file = join(dir, 'legal.json');
  writeFileSync(
    file,
    JSON.stringify(
      values.map((value) => ({
        ...value,
        effective,
        legalText,
        sources: ['test'],
        confirmed: false,
      })),
    ),
  );
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return useRuntime({ LEGAL_VALUES_FILE: file });
}
