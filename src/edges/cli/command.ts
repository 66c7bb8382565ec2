import type { Composed } from '../../compose.js';

/** What a command reads and writes, and the core it renders with: the process's, or a test's. */
export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /** Where relative paths start. */
  cwd: string;
  /**
   * The core and its engines from the config, composed on the first call (Chromium itself starts
   * with the first render). The dispatcher closes them when the command ends, and Ctrl-C or
   * SIGTERM closes them before the process exits: no Chromium survives the command.
   */
  compose(): Promise<Composed>;
  /** Aborted on Ctrl-C or SIGTERM: hand it to core.render and the like. */
  signal: AbortSignal;
}

/**
 * One command of `paperasse`: commands.ts lists them. `run` returns the exit status, or throws a
 * CoreError, a CliError or a UsageError that the dispatcher says in French (exit-codes.ts).
 * `--help` is answered by the dispatcher from `usage`, before `run`.
 */
export interface Command {
  name: string;
  /** One line, for `paperasse --help`. */
  summary: string;
  /** The whole help text of `paperasse <name> --help`. */
  usage: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}
