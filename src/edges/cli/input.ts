import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CatalogEntry } from '../../core/catalog.js';
import type { Core } from '../../core/render-document.js';
import type { CliIo } from './command.js';
import { CliError, EXIT } from './exit-codes.js';

/** `-` is the standard input, as for most commands. */
export const STDIO = '-';

/** A file's bytes, or the standard input's for `-`; a file that cannot be read is named. */
export async function readInput(io: CliIo, path: string): Promise<Uint8Array> {
  if (path === STDIO) {
    if (io.stdin.isTTY) io.stderr.write('Lecture de l’entrée standard (Ctrl-D pour finir)…\n');
    const chunks: Buffer[] = [];
    for await (const chunk of io.stdin) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    }
    return new Uint8Array(Buffer.concat(chunks));
  }
  try {
    return new Uint8Array(await readFile(resolve(io.cwd, path)));
  } catch (error) {
    throw new CliError(fileProblem(error, path, 'lire'), EXIT.FAILED, { cause: error });
  }
}

/** A JSON file (or `-`), parsed; malformed JSON is refused with its line and column (exit 1). */
export async function readJson(io: CliIo, path: string): Promise<{ data: unknown; text: string }> {
  const text = Buffer.from(await readInput(io, path)).toString('utf8');
  const where = path === STDIO ? 'l’entrée standard' : path;
  if (text.trim() === '')
    throw new CliError(`${where} est vide : des données JSON sont attendues.`, EXIT.INVALID);
  try {
    return { data: JSON.parse(text) as unknown, text };
  } catch (error) {
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    const at = position === undefined ? '' : ` (${lineAndColumn(text, Number(position))})`;
    throw new CliError(`${where} n’est pas un JSON valide${at}.`, EXIT.INVALID);
  }
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `ligne ${before.length}, colonne ${(before.at(-1)?.length ?? 0) + 1}`;
}

/** Why a file could not be read or written, in French, naming it. */
export function fileProblem(error: unknown, path: string, verb: 'lire' | 'écrire'): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return verb === 'lire'
        ? `fichier introuvable : ${path}`
        : `impossible d’écrire ${path} : dossier introuvable`;
    case 'EISDIR':
      return `${path} est un dossier, pas un fichier`;
    case 'EACCES':
    case 'EPERM':
      return `impossible de ${verb} ${path} : permission refusée`;
    case 'ENOSPC':
      return `impossible d’écrire ${path} : plus de place sur le disque`;
    default:
      return `impossible de ${verb} ${path}${code ? ` (${code})` : ''}`;
  }
}

/** The document named on the command line; an unknown id is refused with the list (exit 3). */
export function findEntry(core: Core, id: string): CatalogEntry {
  const entry = core.catalog.list().find((candidate) => candidate.document.id === id);
  if (entry) return entry;
  const ids = core.catalog.list().map((candidate) => `  ${candidate.document.id}`);
  throw new CliError(`document inconnu « ${id} ». Documents :\n${ids.join('\n')}`, EXIT.FAILED);
}
