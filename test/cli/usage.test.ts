import { describe, expect, it } from 'vitest';
import { runCli } from './cli-process.js';

describe('paperasse: help and usage', () => {
  it('answers --help through bin/paperasse.mjs, globally and per command, exit 0', async () => {
    const global = await runCli(['--help'], { launcher: true });
    expect(global.code).toBe(0);
    const help = global.stdout.toString();
    for (const command of ['render', 'validate', 'blank', 'read', 'documents', 'serve', 'batch']) {
      expect(help).toContain(`  ${command} `);
    }
    expect(help).toContain('Codes de sortie');
    expect(help).toContain('pas encore disponible');

    const render = await runCli(['render', '--help'], { launcher: true });
    expect(render.code).toBe(0);
    expect(render.stdout.toString()).toMatch(
      /^Usage : paperasse render <document> <données\.json>/,
    );
    expect(render.stdout.toString()).toContain('--attachment <nom>=<fichier>');
  });

  it('refuses a bad command line with exit 2, in French, without a stack', async () => {
    const unknownOption = await runCli([
      'render',
      'attestation-atmp-stage-etranger',
      'samples/attestation-atmp-stage-etranger.json',
      '--bogus',
    ]);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toContain(
      'paperasse render : option inconnue ou sans valeur : --bogus',
    );
    expect(unknownOption.stderr).toContain('Aide : paperasse render --help');
    expect(unknownOption.stderr).not.toMatch(/\n\s+at /); // no stack

    // An option with a value may be an image box: known once the document is.
    const notABox = await runCli([
      'render',
      'attestation-atmp-stage-etranger',
      'samples/attestation-atmp-stage-etranger.json',
      '--signature.jeune',
      'samples/files/signature-jeune.png',
    ]);
    expect(notABox.code).toBe(2);
    expect(notABox.stderr).toContain(
      'option inconnue : --signature.jeune (cadres d’image de ce document : --cachet, --signature)',
    );

    const missing = await runCli(['validate', 'convention-au-pair']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('il manque <données.json>');

    const unknownCommand = await runCli(['imprime']);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toContain('commande inconnue « imprime »');

    const planned = await runCli(['batch', 'classe.csv']);
    expect(planned.code).toBe(3);
    expect(planned.stderr).toContain('pas encore disponible');
  });
});
