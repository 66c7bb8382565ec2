import type { Command } from './command.js';
import { parseOptions, positionals, text } from './options.js';

export const serve: Command = {
  name: 'serve',
  summary: 'démarre le service HTTP, comme npm start',
  usage: `Usage : paperasse serve [--port <port>] [--host <adresse>]

Démarre le service HTTP (l’API décrite dans README), configuré par les mêmes variables
d’environnement que npm start ; ses journaux sont en JSON sur la sortie standard (LOG_LEVEL,
info par défaut). SIGTERM ou Ctrl-C : il finit les rendus en cours, ferme Chromium et sort (0).

Options :
  --port <port>      au lieu de PORT (3000)
  --host <adresse>   au lieu de HOST (0.0.0.0)`,

  async run(args, io) {
    const parsed = parseOptions(args, { port: { type: 'string' }, host: { type: 'string' } });
    positionals(parsed, []);
    const port = text(parsed, 'port');
    const host = text(parsed, 'host');
    const { serve: listen } = await import('../http/serve.js');
    // The service owns the process from here: its shutdown (SIGTERM, SIGINT) exits it.
    listen({ ...io.env, ...(port ? { PORT: port } : {}), ...(host ? { HOST: host } : {}) });
    return new Promise<number>(() => undefined);
  },
};
