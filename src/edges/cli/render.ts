import { renderOptions } from '../../core/render-request.js';
import type { Command } from './command.js';
import { EXIT, EXIT_HELP } from './exit-codes.js';
import { findEntry, readJson } from './input.js';
import { positionals, text, type OptionSpecs } from './options.js';
import { printWarnings, refusePdfOnTerminal, safeFileName, writeOutput } from './output.js';
import { FILE_OPTIONS, FILE_OPTIONS_HELP, parseWithImages, requestFiles } from './request-files.js';

const OPTIONS: OptionSpecs = {
  output: { type: 'string', short: 'o' },
  engine: { type: 'string' },
  flatten: { type: 'string' },
  ...FILE_OPTIONS,
};

export const render: Command = {
  name: 'render',
  summary: 'remplit un document avec des données JSON et écrit son PDF',
  usage: `Usage : paperasse render <document> <données.json> [-o fichier.pdf] [options]

Valide les données (« - » : l’entrée standard), remplit le document et écrit son PDF.

Options :
  -o, --output <fichier>        le PDF, remplacé s’il existe ; « - » : la sortie standard.
                                Par défaut : le nom que donne le document, dans le dossier courant
  --engine <moteur>             html (par défaut) ou acroform, selon le document
  --flatten <true|false>        acroform : champs figés (true, par défaut) ou modifiables (false)
${FILE_OPTIONS_HELP}

Les avertissements s’affichent sur la sortie d’erreur, par champ ; les données refusées aussi,
chaque champ nommé par son chemin (eleve.nir : …).

Exemples :
  paperasse render attestation-atmp-stage-etranger eleve.json -o attestation.pdf
  paperasse render attestation-atmp-stage-etranger eleve.json --engine acroform \\
    --cachet cachet.png --signature signature.png \\
    --attachment attestationDroits=droits.pdf -o attestation.pdf
  cat convention.json | paperasse render convention-au-pair - -o - > convention.pdf

${EXIT_HELP}`,

  async run(args, io) {
    const { parsed, images } = parseWithImages(args, OPTIONS);
    const [id = '', dataPath = ''] = positionals(parsed, ['<document>', '<données.json>']);
    const output = text(parsed, 'output');
    refusePdfOnTerminal(io, output);
    const options = renderOptions({
      engine: text(parsed, 'engine'),
      flatten: text(parsed, 'flatten'),
    });
    const { core } = await io.compose();
    const entry = findEntry(core, id);
    const { data, text: dataText } = await readJson(io, dataPath);
    const files = await requestFiles(io, entry, parsed, images, { path: dataPath, text: dataText });
    const rendered = await core.render(
      { document: id, data, ...options, ...(files ? { files } : {}) },
      io.signal,
    );
    printWarnings(io, rendered.warnings);
    await writeOutput(io, output ?? safeFileName(rendered.fileName, 'pdf'), rendered.pdf, 'PDF');
    return EXIT.OK;
  },
};
