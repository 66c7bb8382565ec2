import type { Command } from './command.js';
import { EXIT, EXIT_HELP } from './exit-codes.js';
import { findEntry } from './input.js';
import { parseOptions, positionals, text } from './options.js';
import { refusePdfOnTerminal, safeFileName, writeOutput } from './output.js';

export const blank: Command = {
  name: 'blank',
  summary: 'écrit le formulaire vierge d’un document, à remplir dans un lecteur PDF',
  usage: `Usage : paperasse blank <document> [-o vierge.pdf]

Écrit le formulaire à remplir du document (moteur acroform), ses champs nommés par les chemins
JSON ; rempli, il se relit avec paperasse read.

Options :
  -o, --output <fichier>   le PDF, remplacé s’il existe ; « - » : la sortie standard.
                           Par défaut : <document>-vierge.pdf, dans le dossier courant

Exemple :
  paperasse blank convention-au-pair -o convention-vierge.pdf

${EXIT_HELP}`,

  async run(args, io) {
    const parsed = parseOptions(args, { output: { type: 'string', short: 'o' } });
    const [id = ''] = positionals(parsed, ['<document>']);
    const output = text(parsed, 'output');
    refusePdfOnTerminal(io, output);
    const { core } = await io.compose();
    findEntry(core, id);
    const form = await core.blank(id);
    await writeOutput(io, output ?? safeFileName(form.fileName, 'pdf'), form.pdf, 'Formulaire');
    return EXIT.OK;
  },
};
