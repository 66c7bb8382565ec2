import { CoreError, type FieldIssue } from '../../core/errors.js';
import { renderOptions } from '../../core/render-request.js';
import type { CliIo, Command } from './command.js';
import { EXIT, EXIT_HELP } from './exit-codes.js';
import { findEntry, readJson } from './input.js';
import { positionals, text, type OptionSpecs } from './options.js';
import { issueLines } from './output.js';
import { FILE_OPTIONS, FILE_OPTIONS_HELP, parseWithImages, requestFiles } from './request-files.js';

const OPTIONS: OptionSpecs = {
  engine: { type: 'string' },
  json: { type: 'boolean' },
  ...FILE_OPTIONS,
};

export const validate: Command = {
  name: 'validate',
  summary: 'vérifie des données sans écrire de PDF',
  usage: `Usage : paperasse validate <document> <données.json> [options]

Vérifie les données (« - » : l’entrée standard) comme le ferait un rendu, sans écrire de PDF :
schéma, caractères imprimables, règles du document ; les fichiers donnés sont lus et jugés aussi.
Écrit « Valide » et les avertissements, ou chaque champ refusé : « chemin.du.champ : message ».

Options :
  --engine <moteur>             vérifie aussi ce que ce moteur refuserait (acroform : une valeur
                                trop longue pour sa case)
  --json                        la réponse en JSON : {"valid":true,"warnings":[…]} ou
                                {"valid":false,"errors":[…]}, comme POST …/validate
${FILE_OPTIONS_HELP}

Exemple :
  paperasse validate convention-au-pair convention.json --engine acroform

${EXIT_HELP}`,

  async run(args, io) {
    const { parsed, images } = parseWithImages(args, OPTIONS);
    const [id = '', dataPath = ''] = positionals(parsed, ['<document>', '<données.json>']);
    const { engine } = renderOptions({ engine: text(parsed, 'engine') });
    const json = parsed.values.json === true;
    const { core } = await io.compose();
    const entry = findEntry(core, id);
    let warnings: FieldIssue[];
    try {
      const { data, text: dataText } = await readJson(io, dataPath);
      const files = await requestFiles(io, entry, parsed, images, {
        path: dataPath,
        text: dataText,
      });
      ({ warnings } = await core.check({
        document: id,
        data,
        ...(engine ? { engine } : {}),
        ...(files ? { files } : {}),
      }));
    } catch (error) {
      const errors = refusedData(error);
      if (!errors) throw error;
      say(io, json ? { valid: false, errors } : invalid(errors));
      return EXIT.INVALID;
    }
    say(io, json ? { valid: true, warnings } : valid(warnings));
    return EXIT.OK;
  },
};

/** The fields refused (JSON that does not parse is said by the dispatcher, exit 1 too). */
function refusedData(error: unknown): FieldIssue[] | undefined {
  if (error instanceof CoreError && error.code === 'VALIDATION_FAILED') return error.errors ?? [];
  return undefined;
}

function valid(warnings: readonly FieldIssue[]): string {
  if (warnings.length === 0) return 'Valide.\n';
  return `Valide, avec ${warnings.length} avertissement(s) :\n${issueLines(warnings)}`;
}

function invalid(errors: readonly FieldIssue[]): string {
  return `Invalide : ${errors.length} erreur(s)\n${issueLines(errors)}`;
}

function say(io: CliIo, answer: string | object): void {
  io.stdout.write(typeof answer === 'string' ? answer : `${JSON.stringify(answer, null, 2)}\n`);
}
