import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fileNamer } from '../../src/batch/file-names.js';
import { nativeUnsigned, yazlCrc32 } from '../../src/batch/native-crc32.js';
import { writeZip } from '../../src/batch/write-zip.js';
import { unzip } from '../helpers/zip.js';

/**
 * yazl's checksums come from Node's zlib.crc32 (src/batch/native-crc32.ts): the same sums as
 * the JavaScript loop they replace, chunk by chunk, and ZIPs whose entries check.
 */
describe('the ZIP checksums', () => {
  it('are Node’s: the replacement is what yazl calls', () => {
    expect(yazlCrc32()).toBe(nativeUnsigned);
  });

  it('give the CRC-32 of the whole when computed chunk by chunk, as yazl streams', () => {
    const bytes = randomBytes(300_000);
    let running = 0;
    for (let start = 0; start < bytes.length; start += 65_536) {
      running = nativeUnsigned(bytes.subarray(start, start + 65_536), running);
    }
    expect(running).toBe(crc32(bytes));
    // The known check value of CRC-32 ("123456789" → CBF43926).
    expect(nativeUnsigned(Buffer.from('123456789')).toString(16)).toBe('cbf43926');
  });

  it('make a ZIP whose every entry checks', async () => {
    const pdfs = [randomBytes(150_000), randomBytes(10), randomBytes(70_000)];
    async function* rows() {
      for (const [index, pdf] of pdfs.entries()) {
        yield { row: index + 1, pdf, fileName: `ligne-${index + 1}`, warnings: [], errors: [] };
      }
    }
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    await writeZip(rows(), out, { names: fileNamer(undefined) });
    const files = unzip(Buffer.concat(chunks));
    expect(files.get('ligne-1.pdf')).toEqual(pdfs[0]);
    expect(files.get('ligne-3.pdf')).toEqual(pdfs[2]);
  });
});
