import { describe, expect, it } from 'vitest';
import { runCli } from './cli-process.js';

describe('paperasse: help and usage', () => {
  it('answers --help through bin/paperasse.mjs, globally and per command, exit 0', async () => {
    const global = await runCli(['--help'], { launcher: true });
    expect(global.code).toBe(0);
    const help = global.stdout.toString();
    const commands = [
      'render',
      'validate',
      'blank',
      'read',
      'documents',
      'serve',
      'batch',
      'template',
    ];
    for (const command of commands) {
      expect(help).toContain(`  ${command} `);
    }
    expect(help).toContain('Codes de sortie');
    const batch = await runCli(['batch', '--help'], { launcher: true });
    expect(batch.stdout.toString()).toMatch(/^Usage : paperasse batch <document> <classe\.csv/);

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

    const noFile = await runCli(['batch', 'classe.csv']);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('il manque <classe.csv>');
  });
});
