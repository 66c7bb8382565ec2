import type { Command } from './command.js';
import { EXIT, EXIT_HELP } from './exit-codes.js';
import { findEntry, readInput, readJson, STDIO } from './input.js';
import { parseOptions, positionals, text } from './options.js';
import { printWarnings, writeOutput } from './output.js';

export const read: Command = {
  name: 'read',
  summary: 'relit un formulaire vierge rempli et en donne les données JSON',
  usage: `Usage : paperasse read <document> <rempli.pdf> [-o données.json] [--data autres.json]

Relit le formulaire de paperasse blank, rempli dans un lecteur PDF (« - » : l’entrée standard),
et écrit ses données en JSON, vérifiées comme par paperasse validate : prêtes pour render.

Options :
  -o, --output <fichier>   le JSON, remplacé s’il existe ; par défaut la sortie standard
  --data <fichier.json>    les valeurs sans case sur le formulaire (la gratification de
                           l’attestation AT/MP…) ; celles du formulaire l’emportent

Exemple :
  paperasse read convention-au-pair convention-remplie.pdf -o convention.json

${EXIT_HELP}`,

  async run(args, io) {
    const parsed = parseOptions(args, {
      output: { type: 'string', short: 'o' },
      data: { type: 'string' },
    });
    const [id = '', formPath = ''] = positionals(parsed, ['<document>', '<rempli.pdf>']);
    const extra = text(parsed, 'data');
    const { core } = await io.compose();
    findEntry(core, id);
    const form = await readInput(io, formPath);
    const given = extra === undefined ? undefined : (await readJson(io, extra)).data;
    const answer = await core.read({
      document: id,
      form,
      ...(given === undefined ? {} : { data: given }),
    });
    printWarnings(io, answer.warnings);
    await writeOutput(
      io,
      text(parsed, 'output') ?? STDIO,
      `${JSON.stringify(answer.data, null, 2)}\n`,
      'JSON',
    );
    return EXIT.OK;
  },
};
