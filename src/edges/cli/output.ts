import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { FieldIssue } from '../../core/errors.js';
import type { CliIo } from './command.js';
import { CliError, EXIT, UsageError } from './exit-codes.js';
import { fileProblem, STDIO } from './input.js';

/** One line per issue: `  eleve.nir : message (CODE)`, the field by its JSON path. */
export function issueLines(issues: readonly FieldIssue[]): string {
  return issues
    .map((issue) => `  ${issue.path || '(racine)'} : ${issue.message_fr} (${issue.code})\n`)
    .join('');
}

/** The warnings of a render or a reading, on stderr: they never stop the command. */
export function printWarnings(io: CliIo, warnings: readonly FieldIssue[]): void {
  if (warnings.length === 0) return;
  io.stderr.write(`Avertissements (${warnings.length}) :\n${issueLines(warnings)}`);
}

/**
 * Writes bytes to a file (replaced if it exists, as `curl -o` does), or to stdout for `-`.
 * Says where on stderr, unless stdout is the output.
 */
export async function writeOutput(
  io: CliIo,
  path: string,
  bytes: Uint8Array | string,
  what: string,
): Promise<void> {
  if (path === STDIO) {
    await new Promise<void>((done, fail) =>
      io.stdout.write(bytes, (error) => (error ? fail(error) : done())),
    );
    return;
  }
  try {
    await writeFile(resolve(io.cwd, path), bytes);
  } catch (error) {
    throw new CliError(fileProblem(error, path, 'écrire'), EXIT.FAILED, { cause: error });
  }
  io.stderr.write(`${what} écrit : ${path}\n`);
}

/** A PDF is not written to a terminal: it would print as garbage. */
export function refusePdfOnTerminal(io: CliIo, path: string | undefined): void {
  if (path === STDIO && io.stdout.isTTY) {
    throw new UsageError(
      'le PDF n’est pas écrit sur le terminal : redirigez la sortie (> fichier.pdf) ou donnez -o fichier.pdf',
    );
  }
}

/**
 * A name the core gives (`attestation-atmp-Lefèvre-Héloïse`) as a file name in the current
 * folder: accents kept; slashes, control and reserved characters dropped.
 */
export function safeFileName(name: string, extension: string): string {
  const clean =
    name
      .normalize('NFC')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f"\\/:*?<>|]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^\.+/, '')
      .slice(0, 150) || 'document';
  return `${clean}.${extension}`;
}
