import { describe, expect, it } from 'vitest';
import { renderRows } from '../../src/batch/render-rows.js';
import type { Core } from '../../src/core/render-document.js';

/**
 * A fault of ours in a row (not a refusal of its data) stops the batch, when its turn comes.
 * Until then it must not be an unhandled rejection: Node ends the process on one, which in a
 * job worker would kill every chunk it holds.
 */
describe('renderRows with a row that faults while an earlier one still renders', () => {
  it('throws the fault in the rows’ order, and leaves no rejection unhandled', async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    const core = {
      validate: () => ({ input: {}, warnings: [] }),
      render: (request: { data: unknown }) =>
        (request.data as { slow?: boolean }).slow
          ? new Promise((resolve) =>
              setTimeout(
                () => resolve({ pdf: new Uint8Array(1), fileName: 'a', warnings: [] }),
                100,
              ),
            )
          : Promise.reject(new TypeError('a bug of ours')),
    } as unknown as Core;
    const rows = [
      { row: 1, data: { slow: true } },
      { row: 2, data: {} },
    ];
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const result of renderRows(core, rows, { document: 'x', concurrency: 2 })) {
          seen.push(result.row);
        }
      })(),
    ).rejects.toThrow('a bug of ours');
    await new Promise((resolve) => setTimeout(resolve, 50));
    process.off('unhandledRejection', listener);
    expect(seen).toEqual([1]);
    expect(unhandled).toEqual([]);
  });
});
