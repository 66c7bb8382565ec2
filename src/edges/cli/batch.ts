import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { fileNamer } from '../../batch/file-names.js';
import { checkRows, renderRows, type BatchRow } from '../../batch/render-rows.js';
import { writeMerged } from '../../batch/write-merged.js';
import { writeZip, type BatchSummary } from '../../batch/write-zip.js';
import { isPlainObject, mergeOver } from '../../core/input-tree.js';
import { renderOptions } from '../../core/render-request.js';
import type { SchemaNode } from '../../core/schema-node.js';
import { readSheet } from '../batch/index.js';
import type { CliIo, Command } from './command.js';
import { CliError, EXIT, EXIT_HELP, UsageError } from './exit-codes.js';
import { fileProblem, findEntry, readInput, readJson } from './input.js';
import { issueLines, writeOutput } from './output.js';
import { positionals, text, texts, type OptionSpecs } from './options.js';
import { progress } from './progress.js';
import { parseWithImages, requestFiles } from './request-files.js';

const OPTIONS: OptionSpecs = {
  output: { type: 'string', short: 'o', multiple: true },
  engine: { type: 'string' },
  commun: { type: 'string' },
  nom: { type: 'string' },
};

/** A class's size at most, as the HTTP edge's BATCH_MAX_ROWS (env), and its file's. */
const MAX_ROWS = 100_000;
const MAX_BYTES = 64 * 1024 * 1024;

export const batch: Command = {
  name: 'batch',
  summary: 'un document par ligne d’un tableur de classe (CSV, XLSX), en ZIP ou en un seul PDF',
  usage: `Usage : paperasse batch <document> <classe.csv|classe.xlsx|lignes.json> [-o lot.zip] [options]

Lit le tableur (une ligne par élève : colonnes titrées comme le modèle de paperasse template,
ou par chemins JSON), produit un PDF par ligne valide et écrit un ZIP avec rapport.csv, ou un
seul PDF à imprimer (les élèves à la suite, le rapport à la fin). Une ligne refusée n’arrête
pas le lot : le rapport la nomme, champ par champ.

Options :
  -o, --output <fichier>   le ZIP (par défaut <document>-lot.zip) ou, en .pdf, un seul PDF
  --output pdf|zip         le format, si le nom du fichier ne le dit pas
  --engine <moteur>        acroform (rapide) ou html, selon le document
  --commun <commun.json>   les valeurs communes à toutes les lignes (l’établissement, la date)
  --nom <modèle>           le nom de chaque PDF, par ex. {eleve.nomNaissance}-{eleve.prenom}
  --<cadre> <image>        une image placée sur chaque document (--cachet, --signature…)

La progression s’affiche sur la sortie d’erreur : une barre sur un terminal, une ligne par
dixième sinon, et un bilan à la fin.

Exemples :
  paperasse template attestation-atmp-stage-etranger -o classe.xlsx
  paperasse batch attestation-atmp-stage-etranger classe.xlsx --engine acroform \\
    --commun etablissement.json --cachet cachet.png -o attestations.zip

${EXIT_HELP}`,

  async run(args, io) {
    const { parsed, images } = parseWithImages(args, OPTIONS);
    const [id = '', sheetPath = ''] = positionals(parsed, ['<document>', '<classe.csv>']);
    const { file, format } = outputOf(texts(parsed, 'output'), id);
    const { engine } = renderOptions({ engine: text(parsed, 'engine') });
    const composed = await io.compose();
    const { core } = composed;
    const entry = findEntry(core, id);
    const common = await commonValues(io, text(parsed, 'commun'));
    const rows = await readRows(io, sheetPath, entry.jsonSchema as SchemaNode, common);
    const files = await requestFiles(io, entry, parsed, images, { path: '', text: '{}' });
    const checked = checkRows(core, rows, id);
    if (checked.every((row) => row.errors.length > 0)) {
      io.stderr.write('Aucune ligne valide :\n');
      for (const row of checked) io.stderr.write(`Ligne ${row.row} :\n${issueLines(row.errors)}`);
      return EXIT.INVALID;
    }
    const results = renderRows(core, rows, {
      document: id,
      ...(engine ? { engine } : {}),
      ...(files ? { files } : {}),
      signal: io.signal,
    });
    const shown = progress(io.stderr, rows.length);
    const onRow = (_result: unknown, summary: BatchSummary) => shown.row(summary);
    let summary: BatchSummary;
    if (format === 'pdf') {
      const merged = await writeMerged(results, {
        font: composed.reportFont,
        title: entry.document.title,
        onRow,
      });
      summary = merged.summary;
      shown.done(summary);
      await writeOutput(io, file, merged.pdf, 'PDF');
    } else {
      const out = await openOutput(resolve(io.cwd, file), file);
      const names = fileNamer(text(parsed, 'nom') ?? entry.document.batchFileName);
      summary = await writeZip(results, out, { names, onRow });
      shown.done(summary);
      io.stderr.write(`ZIP écrit : ${file}\n`);
    }
    for (const line of summary.lines.filter((candidate) => candidate.errors.length > 0)) {
      io.stderr.write(`Ligne ${line.row} refusée :\n${issueLines(line.errors)}`);
    }
    return EXIT.OK;
  },
};

/** The ZIP's file, opened before any row renders: a folder that does not exist is said at once. */
async function openOutput(path: string, shown: string): Promise<WriteStream> {
  const out = createWriteStream(path);
  try {
    await once(out, 'open');
    return out;
  } catch (error) {
    throw new CliError(fileProblem(error, shown, 'écrire'), EXIT.FAILED, { cause: error });
  }
}

/** `-o lot.zip`, `-o lot.pdf`, `--output pdf`: the file and its format. */
function outputOf(values: readonly string[], id: string): { file: string; format: 'zip' | 'pdf' } {
  const formats = values.filter((value) => value === 'zip' || value === 'pdf');
  const files = values.filter((value) => value !== 'zip' && value !== 'pdf');
  if (files.length > 1 || formats.length > 1) throw new UsageError('un seul fichier de sortie');
  const named = files[0];
  const format = (formats[0] ?? (named && /\.pdf$/i.test(named) ? 'pdf' : 'zip')) as 'zip' | 'pdf';
  if (named === '-')
    throw new UsageError('le lot s’écrit dans un fichier, pas sur la sortie standard');
  return { file: named ?? `${id}-lot.${format}`, format };
}

async function commonValues(io: CliIo, path: string | undefined): Promise<Record<string, unknown>> {
  if (path === undefined) return {};
  const { data } = await readJson(io, path);
  if (!isPlainObject(data))
    throw new CliError(`${path} : un objet JSON est attendu (les valeurs communes)`, EXIT.INVALID);
  return data;
}

/** The rows: a JSON array of payloads, or a spreadsheet (CSV, XLSX) read by its content. */
async function readRows(
  io: CliIo,
  path: string,
  schema: SchemaNode,
  common: Record<string, unknown>,
): Promise<BatchRow[]> {
  const bytes = await readInput(io, path);
  const text = Buffer.from(bytes.subarray(0, 64))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('[')) {
    const { data } = await readJson(io, path);
    if (!Array.isArray(data))
      throw new CliError(`${path} : un tableau JSON est attendu`, EXIT.INVALID);
    return data.map((row, index) => ({
      row: index + 1,
      data: isPlainObject(row) ? mergeOver(common, row) : row,
    }));
  }
  const sheet = await readSheet(bytes, { schema, common, maxRows: MAX_ROWS, maxBytes: MAX_BYTES });
  for (const issue of sheet.sheetIssues) {
    io.stderr.write(`Colonne ignorée « ${issue.header} » : ${issue.message_fr}\n`);
  }
  return sheet.rows;
}
