import type { SchemaNode } from '../../core/schema-node.js';
import { documentExamples } from '../batch/examples.js';
import { templateCsv, templateSheet, templateXlsx } from '../batch/template-sheet.js';
import type { Command } from './command.js';
import { EXIT, EXIT_HELP, UsageError } from './exit-codes.js';
import { findEntry } from './input.js';
import { parseOptions, positionals, text } from './options.js';
import { writeOutput } from './output.js';

export const template: Command = {
  name: 'template',
  summary: 'écrit le tableur modèle d’un document, à remplir pour batch',
  usage: `Usage : paperasse template <document> [-o modele.csv]

Écrit le tableur modèle : une colonne par champ, titrée en français, et une ligne d’exemple.
Le format suit l’extension : .csv (Excel français : UTF-8 avec BOM, « ; ») ou .xlsx.

Options :
  -o, --output <fichier>   le tableur ; par défaut modele-<document>.csv

Exemple :
  paperasse template attestation-atmp-stage-etranger -o classe.xlsx

${EXIT_HELP}`,

  async run(args, io) {
    const parsed = parseOptions(args, { output: { type: 'string', short: 'o' } });
    const [id = ''] = positionals(parsed, ['<document>']);
    const { core } = await io.compose();
    const entry = findEntry(core, id);
    const output = text(parsed, 'output') ?? `modele-${id}.csv`;
    const format = /\.xlsx$/i.test(output) ? 'xlsx' : /\.csv$/i.test(output) ? 'csv' : undefined;
    if (!format) throw new UsageError('le modèle s’écrit en .csv ou en .xlsx');
    const sheet = templateSheet(entry.jsonSchema as SchemaNode, documentExamples([id]).get(id));
    const bytes = format === 'csv' ? templateCsv(sheet) : await templateXlsx(sheet, id);
    await writeOutput(io, output, bytes, 'Modèle');
    return EXIT.OK;
  },
};
