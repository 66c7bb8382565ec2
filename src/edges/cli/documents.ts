import type { CatalogEntry } from '../../core/catalog.js';
import type { Command } from './command.js';
import { EXIT } from './exit-codes.js';
import { findEntry } from './input.js';
import { parseOptions, positionals } from './options.js';

export const documents: Command = {
  name: 'documents',
  summary: 'liste les documents, ou détaille l’un d’eux (moteurs, images, pièces)',
  usage: `Usage : paperasse documents [<document>]

Sans argument : l’identifiant et le titre de chaque document.
Avec un identifiant : son modèle, ses moteurs, ses cadres d’image (--signature…) et les pièces
justificatives qu’il demande (--attachment nom=fichier).`,

  async run(args, io) {
    const [id] = positionals(parseOptions(args, {}), ['<document>'], 1);
    const { core } = await io.compose();
    if (id !== undefined) {
      io.stdout.write(details(findEntry(core, id)));
      return EXIT.OK;
    }
    const entries = core.catalog.list();
    const width = Math.max(...entries.map((entry) => entry.document.id.length));
    for (const { document } of entries) {
      io.stdout.write(`${document.id.padEnd(width)}  ${document.title}\n`);
    }
    return EXIT.OK;
  },
};

function details({ document, engines, parts }: CatalogEntry): string {
  const lines = [
    document.id,
    `  ${document.title}`,
    `  Modèle : ${document.reference.label}`,
    `  Moteurs : ${engines.map((engine) => engine.id).join(', ')}`,
  ];
  if (parts.images.length > 0) {
    lines.push('  Images (PNG, JPEG) :');
    for (const image of parts.images) lines.push(`    --${image.part} <image>  ${image.label_fr}`);
  }
  if (parts.attachments.length > 0) {
    lines.push('  Pièces justificatives (PDF, PNG, JPEG) :');
    for (const piece of parts.attachments) {
      const when = piece.always ? '' : ' (selon les cas)';
      lines.push(`    --attachment ${piece.name}=<fichier>  ${piece.label_fr}${when}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
