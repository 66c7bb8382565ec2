/**
 * The `paperasse` command (bin/paperasse.mjs runs this file, built or through tsx):
 * `node dist/edges/cli/main.js <commande> …`. The process's own input, output, signals and exit.
 */
import { constants } from 'node:os';
import { runCli } from './cli.js';
import type { CliIo } from './command.js';
import { EXIT } from './exit-codes.js';
import { createSession } from './session.js';

const session = createSession(process.env, { composed: closeOnSignals });

const io: CliIo = {
  // A getter: process.stdin is opened only by a command that reads it.
  get stdin() {
    return process.stdin;
  },
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  compose: () => session.compose(),
  signal: session.signal,
};

/**
 * Once engines exist, Ctrl-C or SIGTERM closes them (Chromium included) before the process
 * exits, 130 or 143 as a shell counts them; a second signal exits at once (Chromium still goes:
 * it exits when its pipe to Node closes).
 */
function closeOnSignals(): void {
  let stopping = false;
  const stop = (signal: 'SIGINT' | 'SIGTERM') => {
    const code = 128 + constants.signals[signal];
    if (stopping) process.exit(code);
    stopping = true;
    process.stderr.write(signal === 'SIGINT' ? '\nInterrompu.\n' : 'Arrêté (SIGTERM).\n');
    void session.interrupt().finally(() => process.exit(code));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

// `paperasse render … -o - | head`: a reader that stops early is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  void session.close().finally(() => process.exit(EXIT.FAILED));
});

let code: number = EXIT.INTERNAL;
try {
  code = await runCli(process.argv.slice(2), io);
} finally {
  await session.close().catch(() => undefined);
}
process.exitCode = code;
// Nothing should hold the process after the command; if something does, it does not hang.
setTimeout(() => process.exit(code), 2_000).unref();
