import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CatalogEntry } from '../../core/catalog.js';
import { ATTACHMENTS_PART, readParts } from '../../core/parts.js';
import type { RequestFiles } from '../../core/render-request.js';
import type { CliIo } from './command.js';
import { UsageError } from './exit-codes.js';
import { readInput, STDIO } from './input.js';
import {
  parseOptions,
  text,
  texts,
  valuedUnknownOptions,
  type OptionSpecs,
  type Parsed,
} from './options.js';

/**
 * The files of a render (or a check), as options: one per image box of the document
 * (`--signature sig.png`, named after the box, like the multipart parts of the HTTP edge), the
 * supporting documents by name (`--attachment attestationDroits=droits.pdf`), other annexes
 * (`--attachment annexe.pdf`) with their captions in order (`--caption "…"`).
 */
export const FILE_OPTIONS: OptionSpecs = {
  attachment: { type: 'string', multiple: true },
  caption: { type: 'string', multiple: true },
};

export const FILE_OPTIONS_HELP = `  --<cadre> <image>             une image PNG ou JPEG dans un cadre du document : --signature,
                                --cachet, --signature.jeune… (voir paperasse documents <id>)
  --attachment <nom>=<fichier>  une pièce justificative que le document demande (PDF, PNG, JPEG)
  --attachment <fichier>        une autre annexe (répétable), jointe après le document
  --caption <texte>             la légende de l’annexe libre de même rang (répétable)`;

/**
 * The command line parsed with the document's image boxes as options (`--signature sig.png`):
 * their names are known only once the core is loaded, so any unknown option with a value is
 * taken as one, and checked by requestFiles.
 */
export function parseWithImages(
  args: readonly string[],
  options: OptionSpecs,
): { parsed: Parsed; images: string[] } {
  const images = valuedUnknownOptions(args, options);
  const parsed = parseOptions(args, {
    ...options,
    ...Object.fromEntries(images.map((name) => [name, { type: 'string' as const }])),
  });
  return { parsed, images };
}

/**
 * The files the options name, read and checked by the core's rules for parts (see parts.ts).
 * None given: undefined (a request without files, not warned of missing supporting documents).
 */
export async function requestFiles(
  io: CliIo,
  entry: CatalogEntry,
  parsed: Parsed,
  imageOptions: readonly string[],
  data: { path: string; text: string },
): Promise<RequestFiles | undefined> {
  const boxes = entry.parts.images.map((image) => image.part);
  for (const name of imageOptions) {
    if (boxes.includes(name)) continue;
    const offered = boxes.length
      ? `cadres d’image de ce document : ${boxes.map((box) => `--${box}`).join(', ')}`
      : 'ce document n’a pas de cadre d’image';
    throw new UsageError(`option inconnue : --${name} (${offered})`);
  }
  const named = [
    ...imageOptions.map((name) => ({ part: name, path: text(parsed, name) ?? '' })),
    ...texts(parsed, 'attachment').map((value) => attachment(io, entry, value)),
  ];
  if ([data, ...named].filter((file) => file.path === STDIO).length > 1) {
    throw new UsageError('l’entrée standard (-) ne peut servir qu’une fois');
  }
  const captions = texts(parsed, 'caption');
  if (named.length === 0 && captions.length === 0) return undefined;
  const files = [];
  for (const file of named) files.push({ part: file.part, bytes: await readInput(io, file.path) });
  return readParts(entry.parts, { texts: { data: data.text, captions }, files }).files;
}

/** `nom=fichier` for a supporting document the document asks for, else a free annex. */
function attachment(io: CliIo, entry: CatalogEntry, value: string): { part: string; path: string } {
  const equals = value.indexOf('=');
  const name = value.slice(0, equals).replace(/^attachments\./, '');
  const path = value.slice(equals + 1);
  const declared = entry.parts.attachments.find((piece) => piece.name === name);
  if (equals > 0 && declared) {
    if (path === '') throw new UsageError(`il manque le fichier après --attachment ${name}=`);
    return { part: declared.part, path };
  }
  // `nom=fichier` with a name the document does not ask for (unless that is a file's name).
  if (equals > 0 && /^[A-Za-z][\w.]*$/.test(name) && !existsSync(resolve(io.cwd, value))) {
    const asked = entry.parts.attachments.map((piece) => piece.name);
    const listed = asked.length
      ? `ce document demande : ${asked.join(', ')}`
      : 'ce document ne demande pas de pièce';
    throw new UsageError(
      `pièce inconnue « ${name} » (${listed}) ; une autre annexe se donne sans nom : --attachment fichier.pdf`,
    );
  }
  return { part: ATTACHMENTS_PART, path: value };
}
