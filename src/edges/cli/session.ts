import type { Composed } from '../../compose.js';
import type { Logger } from '../../logger.js';

export interface Session {
  /** The core and its engines, composed on the first call (see CliIo.compose). */
  compose(): Promise<Composed>;
  /** Aborted by interrupt(). */
  signal: AbortSignal;
  /** Closes what was composed (Chromium, worker threads); idempotent. */
  close(): Promise<void>;
  /** Ctrl-C: stop waiting for renders, mute the log (a render cut short is no news), close. */
  interrupt(): Promise<void>;
}

/**
 * What a run of the CLI holds: the core composed from the config, as the service composes it,
 * but without listening anywhere. The log goes to stderr at `warn` unless LOG_LEVEL says
 * otherwise: a person's terminal gets no JSON line of routine, and stdout stays the output.
 */
export function createSession(env: NodeJS.ProcessEnv, hooks: { composed?(): void } = {}): Session {
  const controller = new AbortController();
  let composing: Promise<{ composed: Composed; logger: Logger }> | undefined;
  let closing: Promise<void> | undefined;

  async function start(): Promise<{ composed: Composed; logger: Logger }> {
    // Imported here: `--help` and usage errors answer without loading the engines.
    const [{ loadConfig }, { createLogger }, { compose }] = await Promise.all([
      import('../../config.js'),
      import('../../logger.js'),
      import('../../compose.js'),
    ]);
    const config = loadConfig({ LOG_LEVEL: 'warn', ...env });
    const logger = createLogger(config.LOG_LEVEL, 'stderr');
    const composed = compose(config, logger);
    hooks.composed?.();
    return { composed, logger };
  }

  function close(): Promise<void> {
    closing ??= composing
      ? composing.then(
          ({ composed }) => composed.close(),
          () => undefined,
        )
      : Promise.resolve();
    return closing;
  }

  return {
    signal: controller.signal,
    async compose() {
      if (closing) throw new Error('The session is closed');
      composing ??= start();
      return (await composing).composed;
    },
    close,
    async interrupt() {
      controller.abort(new Error('Interrupted'));
      const started = await composing?.catch(() => undefined);
      if (started) started.logger.level = 'silent';
      await close();
    },
  };
}
