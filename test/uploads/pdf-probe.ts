import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What poppler and qpdf say about an assembled PDF: the tests' view from outside pdf-lib. */

/**
 * `pdfinfo -js`: every script poppler finds (document, page, field, link): nothing for a clean
 * file. (Plain pdfinfo's "JavaScript: no" line is not enough: it misses page and link scripts.)
 */
export function scriptsOf(pdf: Uint8Array): string {
  return withFile(pdf, (file) => execFileSync('pdfinfo', ['-js', file], { encoding: 'utf8' }));
}

/**
 * The file as qpdf rewrites it for reading: no object streams, streams uncompressed where
 * possible, one object after the other. Every key of every object shows as text.
 */
export function expandedText(pdf: Uint8Array): string {
  return withFile(pdf, (file, dir) => {
    const out = join(dir, 'qdf.pdf');
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, out]);
    return readFileSync(out).toString('latin1');
  });
}

/** One row of `pdfimages -list` per image drawn: object number, pixel size, and whether a mask. */
export function drawnImages(pdf: Uint8Array) {
  return withFile(pdf, (file) =>
    execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter((line) => line.trim())
      .map((line) => line.trim().split(/\s+/))
      .map((columns) => ({
        page: Number(columns[0]),
        type: columns[2] ?? '',
        width: Number(columns[3]),
        height: Number(columns[4]),
        object: Number(columns[10]),
      })),
  );
}

/** qpdf's AES-128 encryption with an empty user password ("owner password only"): opens in readers without asking. */
export function encryptWithoutPassword(pdf: Uint8Array): Uint8Array {
  return withFile(pdf, (file, dir) => {
    const out = join(dir, 'encrypted.pdf');
    execFileSync('qpdf', ['--encrypt', '', 'owner', '128', '--use-aes=y', '--', file, out]);
    return new Uint8Array(readFileSync(out));
  });
}

function withFile<T>(pdf: Uint8Array, work: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'paperasse-uploads-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    return work(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
