import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';

/**
 * yazl checksums every PDF it stores with `buffer-crc32`, a byte-by-byte loop in JavaScript:
 * about 2 s of a 5,000-row ZIP (732 MB), a third of a job's last step. Node's `zlib.crc32`
 * computes the same CRC-32 in C, ten times as fast. yazl looks `unsigned` up on the module at
 * each chunk, so replacing that one function on yazl's copy of the module is enough; anything
 * but bytes and a running number goes to the original, unchanged.
 * (test/batch/native-crc32.test.ts checks the replacement is in place and gives the same sums.)
 */

interface BufferCrc32 {
  unsigned(input: unknown, previous?: unknown): number;
}

const require = createRequire(import.meta.url);
const yazlFolder = dirname(require.resolve('yazl'));
const bufferCrc32 = require(
  require.resolve('buffer-crc32', { paths: [yazlFolder] }),
) as BufferCrc32;
const original = bufferCrc32.unsigned.bind(bufferCrc32);

export function nativeUnsigned(input: unknown, previous?: unknown): number {
  const bytes = input instanceof Uint8Array;
  const running = previous === undefined || typeof previous === 'number';
  if (!bytes || !running) return original(input, previous);
  return crc32(input, ((previous as number | undefined) ?? 0) >>> 0);
}

bufferCrc32.unsigned = nativeUnsigned;

/** yazl's checksum function now (the tests check it is Node's). */
export function yazlCrc32(): BufferCrc32['unsigned'] {
  return bufferCrc32.unsigned;
}
