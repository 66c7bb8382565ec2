import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../config.js';
import { CoreError } from '../../core/errors.js';
import { projectRoot } from '../../paths.js';
import type { CliIo, Command } from './command.js';
import { COMMANDS } from './commands.js';
import { CliError, EXIT, EXIT_HELP, EXIT_STATUS, UsageError } from './exit-codes.js';
import { issueLines } from './output.js';

const HELP = ['--help', '-h'];

/**
 * `paperasse <command> [args]`: finds the command, answers `--help`, runs it, and says its
 * failure in French with its exit status (exit-codes.ts). Never prints a stack unless
 * PAPERASSE_DEBUG=1. Closing what the command composed is the caller's (main.ts).
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  commands: readonly Command[] = COMMANDS,
): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    io.stderr.write(globalHelp(commands));
    return EXIT.USAGE;
  }
  if (HELP.includes(name) || name === 'help' || name === 'aide') {
    const about = name.startsWith('-') ? undefined : args[0];
    const command = commands.find((candidate) => candidate.name === about);
    if (about !== undefined && !command) return unknownCommand(io, about, commands);
    io.stdout.write(command ? `${command.usage}\n` : globalHelp(commands));
    return EXIT.OK;
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(`paperasse ${version()}\n`);
    return EXIT.OK;
  }
  if (name.startsWith('-')) {
    io.stderr.write(`paperasse : option inconnue : ${name}\nAide : paperasse --help\n`);
    return EXIT.USAGE;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) return unknownCommand(io, name, commands);
  if (wantsHelp(args)) {
    io.stdout.write(`${command.usage}\n`);
    return EXIT.OK;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    // Ctrl-C: whatever the render threw on its way out is not news.
    if (io.signal.aborted) return EXIT.INTERRUPTED;
    return report(io, command.name, error);
  }
}

/** `--help` or `-h` among the options (not after `--`, nor as the value of one: `-o -h` is rare). */
function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((arg) => HELP.includes(arg));
}

function unknownCommand(io: CliIo, name: string, commands: readonly Command[]): number {
  const names = commands.map((command) => command.name).join(', ');
  io.stderr.write(`paperasse : commande inconnue « ${name} ». Commandes : ${names}.\n`);
  io.stderr.write('Aide : paperasse --help\n');
  return EXIT.USAGE;
}

/** The failure, in French, on stderr; its exit status. */
function report(io: CliIo, command: string, error: unknown): number {
  const say = (text: string) => io.stderr.write(`paperasse ${command} : ${text}\n`);
  if (io.env.PAPERASSE_DEBUG === '1') io.stderr.write(`${debugText(error)}\n`);
  if (error instanceof UsageError) {
    say(error.message);
    io.stderr.write(`Aide : paperasse ${command} --help\n`);
    return error.exitCode;
  }
  if (error instanceof CliError) {
    say(error.message);
    return error.exitCode;
  }
  if (error instanceof CoreError) {
    const status = EXIT_STATUS[error.code];
    if (error.code === 'VALIDATION_FAILED') {
      const errors = error.errors ?? [];
      say(`données invalides, ${errors.length} erreur(s) :`);
      io.stderr.write(issueLines(errors));
    } else {
      say(error.detail_fr);
      if (error.errors?.length) io.stderr.write(issueLines(error.errors));
    }
    if (status === EXIT.USAGE) io.stderr.write(`Aide : paperasse ${command} --help\n`);
    return status;
  }
  if (error instanceof ConfigError) {
    say(`configuration invalide (variables d’environnement, voir README) :\n${error.message}`);
    return EXIT.FAILED;
  }
  const message = error instanceof Error ? error.message : String(error);
  say(`erreur interne : ${message}`);
  if (io.env.PAPERASSE_DEBUG !== '1') io.stderr.write('PAPERASSE_DEBUG=1 affiche le détail.\n');
  return EXIT.INTERNAL;
}

/** The stack and its causes, for PAPERASSE_DEBUG=1. */
function debugText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  while (current !== undefined && parts.length < 5) {
    parts.push(current instanceof Error ? (current.stack ?? current.message) : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join('\nCause : ');
}

function globalHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return `Paperasse : des données JSON aux PDF administratifs français, sans serveur.

Usage : paperasse <commande> [arguments] [options]

Commandes :
${lines.join('\n')}

« paperasse <commande> --help » détaille une commande ; « paperasse documents » liste les
documents. Les chemins « - » désignent l’entrée ou la sortie standard.

Environnement : les variables du service (README, « Configuration ») ; LOG_LEVEL vaut ici warn
par défaut (journaux JSON sur la sortie d’erreur) ; PAPERASSE_DEBUG=1 affiche la pile des erreurs.

${EXIT_HELP}
`;
}

function version(): string {
  try {
    const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
      version?: string;
    };
    return manifest.version ?? 'inconnue';
  } catch {
    return 'inconnue';
  }
}
