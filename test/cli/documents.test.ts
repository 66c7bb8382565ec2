import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import { pdfText, squash } from '../helpers/pdf.js';
import { runCli } from './cli-process.js';

const work = mkdtempSync(join(tmpdir(), 'paperasse-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const sample = (id: string) => join(projectRoot, 'samples', `${id}.json`);
const file = (name: string) => join(projectRoot, 'samples', 'files', name);
const ATMP = 'attestation-atmp-stage-etranger';

/** No JSON log line on a user's terminal: LOG_LEVEL is warn for the CLI. */
function noLogLines(stderr: string): void {
  expect(stderr).not.toMatch(/^\{"level"/m);
}

describe('paperasse render', () => {
  it('renders a sample with its stamp and an annex, from another directory, named by the document; warnings on stderr', async () => {
    const run = await runCli(
      [
        'render',
        ATMP,
        sample(ATMP),
        '--cachet',
        file('cachet.png'),
        '--attachment',
        file('attestation-droits.pdf'),
        '--caption',
        'Attestation de droits (copie)',
      ],
      // From another directory, where only bin/paperasse.mjs knows where tsx is.
      { cwd: work, launcher: true },
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('PDF écrit : attestation-atmp-Lefèvre-Héloïse.pdf');
    // Sent as a free annex, the supporting document the form asks for is still missing.
    expect(run.stderr).toMatch(
      /Avertissements \(1\) :\n {2}attachments\.attestationDroits : .+ \(ATTACHMENT_MISSING\)\n/,
    );
    noLogLines(run.stderr);
    const pdf = readFileSync(join(work, 'attestation-atmp-Lefèvre-Héloïse.pdf'));
    const text = pdfText(pdf);
    expect(text).toContain('Héloïse');
    expect(squash(text)).toContain(squash('Lefèvre'));
    expect(text).toContain('Attestation de droits (copie)');
  });

  it('fills the acroform engine to stdout with `-o -`, the data from stdin', async () => {
    const data = readFileSync(sample('convention-au-pair'));
    const run = await runCli(
      [
        'render',
        'convention-au-pair',
        '-',
        '--engine',
        'acroform',
        '--signature.jeune',
        file('signature-jeune.png'),
        '-o',
        '-',
      ],
      { input: data },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.subarray(0, 5).toString()).toBe('%PDF-');
    const text = squash(pdfText(run.stdout));
    expect(text).toContain(squash('Valentina Sofía'));
    expect(text).toContain(squash('GÓMEZ PEÑA'));
  });
});

describe('paperasse validate', () => {
  it('exits 1 naming each refused field in French, 0 for the sample, 3 for an unknown document', async () => {
    const broken = JSON.parse(readFileSync(sample(ATMP), 'utf8')) as {
      eleve: Record<string, unknown>;
    };
    delete broken.eleve.prenom;
    broken.eleve.nir = '2 95 10 99 126 111 94';
    const invalid = await runCli(['validate', ATMP, '-'], { input: JSON.stringify(broken) });
    expect(invalid.code).toBe(1);
    const report = invalid.stdout.toString();
    expect(report).toContain('Invalide : 2 erreur(s)');
    expect(report).toContain('  eleve.prenom : Champ obligatoire. (REQUIRED)');
    expect(report).toMatch(/ {2}eleve\.nir : La clé du NIR est incorrecte.* \(NIR_KEY\)/);

    const valid = await runCli(['validate', ATMP, sample(ATMP)]);
    expect(valid.code).toBe(0);
    expect(valid.stdout.toString()).toBe('Valide.\n');

    const unknown = await runCli(['validate', 'attestation-inconnue', sample(ATMP)]);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('document inconnu « attestation-inconnue »');
    for (const id of [ATMP, 'convention-au-pair', 'attestation-hebergement']) {
      expect(unknown.stderr).toContain(`  ${id}\n`);
    }
    noLogLines(unknown.stderr);
  });
});

describe('paperasse blank and read', () => {
  it('writes the blank form; read back unfilled, it exits 1 naming the required fields', async () => {
    const blank = await runCli(['blank', 'convention-au-pair', '-o', 'vierge.pdf'], {
      cwd: work,
      launcher: true,
    });
    expect(blank.code).toBe(0);
    expect(readdirSync(work)).toContain('vierge.pdf');
    expect(readFileSync(join(work, 'vierge.pdf')).subarray(0, 5).toString()).toBe('%PDF-');

    const read = await runCli(['read', 'convention-au-pair', 'vierge.pdf'], {
      cwd: work,
      launcher: true,
    });
    expect(read.code).toBe(1);
    expect(read.stdout.toString()).toBe('');
    expect(read.stderr).toContain('paperasse read : données invalides');
    expect(read.stderr).toContain('  jeune : Champ obligatoire. (REQUIRED)');
    expect(read.stderr).toContain('  famille : Champ obligatoire. (REQUIRED)');
    noLogLines(read.stderr);
  });
});
