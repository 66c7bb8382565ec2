import type { Command } from './command.js';
import { parseOptions, positionals } from './options.js';

export const worker: Command = {
  name: 'worker',
  summary: 'exécute les tâches (POST /v1/jobs) de la file Redis, avec REDIS_URL',
  usage: `Usage : paperasse worker

Prend les tâches de la file Redis (REDIS_URL) par groupes de lignes (JOBS_CHUNK_ROWS), les
produit et dépose les PDF dans le dossier partagé (JOBS_STORE_DIR), configuré par les mêmes
variables d’environnement que le service. Lancez-en autant que de cœurs, sur autant de
machines que voulu : ils se partagent chaque classe. Ses journaux sont en JSON sur la sortie
standard. SIGTERM ou Ctrl-C : il finit ses groupes en cours, ferme Chromium et sort (0) ; un
worker tué, un autre reprend son groupe après JOBS_LOCK_SECONDS.`,

  async run(args, io) {
    positionals(parseOptions(args, {}), []);
    const { runWorker } = await import('../worker/run-worker.js');
    // The worker owns the process from here: its shutdown (SIGTERM, SIGINT) exits it.
    await runWorker(io.env);
    return new Promise<number>(() => undefined);
  },
};
