import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useRuntime } from '../helpers/app.js';
import { projectRoot } from '../../src/paths.js';
import { asBytes, postForBytes } from '../helpers/http.js';
import { pdfInfo, pdfText, squash } from '../helpers/pdf.js';
import { loadSample, withChange } from '../helpers/samples.js';

/** What the AT/MP attestation prints beyond the raw sample values the contract test checks. */
const ID = 'attestation-atmp-stage-etranger';
const sample = loadSample(ID);
const runtime = useRuntime();

const long = (length: number) =>
  'Éléonore-Ŵ '.repeat(20).slice(0, length).trim().padEnd(length, 'é');

function change(changes: Record<string, unknown>, base: unknown = sample) {
  let body = base as Record<string, unknown>;
  for (const [path, value] of Object.entries(changes)) body = withChange(body, path, value);
  return body;
}

/** Every free text at its schema maxLength, the longest country label. */
const longest = change({
  'etablissement.denomination': long(100),
  'etablissement.adresse': {
    numero: long(12),
    voie: long(80),
    complement: long(60),
    codePostal: '75020',
    localite: long(60),
  },
  'eleve.nomNaissance': long(60),
  'eleve.nomUsage': long(60),
  'eleve.mentionNomUsage': 'veuve',
  'eleve.prenom': long(80),
  'eleve.adresse': {
    numero: long(12),
    voie: long(80),
    complement: long(60),
    codePostal: '69003',
    localite: long(60),
  },
  'stage.entreprise': { denomination: long(100), lignesAdresse: [long(80), long(80)] },
  'stage.pays': 'CA',
  'stage.provinceCanada': 'NT',
});

/**
 * The longest values the fixed form of engine=acroform holds at 7 pt: the boxes it refuses at
 * the maxima (the school's name and address lines, the pupil's names, the house number) cut to
 * fit; every
 * other value at its maximum.
 */
const longestFitted = change(
  {
    'etablissement.denomination': long(60),
    'etablissement.adresse.voie': long(40),
    'etablissement.adresse.complement': long(20),
    'eleve.nomNaissance': long(24),
    'eleve.nomUsage': long(24),
    'eleve.adresse.numero': long(6),
  },
  longest,
);

async function render(body: unknown) {
  const response = await postForBytes(runtime.app, `/v1/documents/${ID}`, body);
  expect(response.status).toBe(200);
  const pdf = new Uint8Array(response.body as Buffer);
  return { response, pdf, text: pdfText(pdf) };
}

describe('the rendered attestation', () => {
  it('prints names, nationality, country and the NIR as the form asks', async () => {
    const { text } = await render(sample);
    const flat = squash(text);
    expect(flat).toContain(squash("Nom : LEFÈVRE épouse N'DIAYE"));
    expect(flat).toContain(squash('Nationalité : française'));
    expect(flat).toContain(squash('PAYS : Allemagne'));
    expect(flat).toContain(squash("Adresse en France : N° 12 bis Voie : rue de l'Église"));
    expect(flat).toContain(squash('Complément d’adresse : Bâtiment C, 3e étage'));
    expect(flat).toContain('295109912611193');
    expect(flat).toContain(squash('Du : 11/01/2027 au : 25/06/2027'));
    expect(flat).toContain(squash('Date : 20/11/2026'));
  });

  it('has the form page and the INFORMATIONS page, with the hourly gratification of the table', async () => {
    const { pdf, text } = await render(sample);
    expect((await pdfInfo(pdf)).pages).toBe(2);
    const pages = text.split('\f');
    expect(squash(pages[0] ?? '')).toContain(squash('Décision de la CPAM'));
    expect(squash(pages[0] ?? '')).toContain(squash('Cachet et signature de la CPAM'));
    expect(squash(pages[1] ?? '')).toContain(squash('Informations'));
    expect(squash(pages[1] ?? '')).toContain(squash('Déclaration de l’accident'));
    expect(squash(pages[1] ?? '')).toContain(
      squash('Depuis le 1er janvier 2026, le taux horaire de la gratification est égal à 4,50 €'),
    );
    expect(squash(pages[1] ?? '')).toContain(squash('(soit 30,00 € x 0,15)'));
    expect(squash(text)).not.toContain('3,75');
  });

  it('keeps the form on one page when every field is at its maximum length', async () => {
    const { pdf, text } = await render(longest);
    expect((await pdfInfo(pdf)).pages).toBe(2);
    const firstPage = squash(text.split('\f')[0] ?? '');
    expect(firstPage).toContain(squash(long(100)));
    expect(firstPage).toContain(squash('Cachet et signature de la CPAM'));
  });

  it('sets the metadata: title with the person, subject, keywords, author, language, date', async () => {
    const { pdf } = await render(sample);
    const info = await pdfInfo(pdf);
    expect(info.title).toBe('Attestation AT/MP stage à l’étranger — Héloïse Lefèvre');
    expect(info.author).toBe('Paperasse');
    expect(info.keywords).toContain('AT/MP');
    expect(info.language).toBe('fr-FR');
    expect(info.creationDate?.getFullYear()).toBeGreaterThanOrEqual(2026);
  });

  it('names the file after the person, accents kept for modern clients', async () => {
    const { response } = await render(sample);
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="attestation-atmp-Lefevre-Heloise.pdf"; ` +
        `filename*=UTF-8''attestation-atmp-Lef%C3%A8vre-H%C3%A9lo%C3%AFse.pdf`,
    );
  });

  it('prints user data as text, never as markup', async () => {
    const body = withChange(
      sample,
      'etablissement.denomination',
      '<b>Lycée</b> & <script>x()</script> "Sud"',
    );
    const { text } = await render(body);
    expect(text).toContain('<b>Lycée</b> & <script>x()</script> "Sud"');
  });

  it('returns warnings in the Paperasse-Warnings header and still renders', async () => {
    const late = withChange(sample, 'signature.date', '2027-01-12');
    const { response } = await render(late);
    const warnings = JSON.parse(response.headers['paperasse-warnings'] as string) as Array<{
      code: string;
      path: string;
    }>;
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'ATTESTATION_AFTER_START', path: 'signature.date' }),
    ]);
  });

  it('returns the same warnings, in both languages, from /validate', async () => {
    const late = withChange(sample, 'signature.date', '2027-01-12');
    const response = await request(runtime.app).post(`/v1/documents/${ID}/validate`).send(late);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      valid: true,
      warnings: [
        expect.objectContaining({
          code: 'ATTESTATION_AFTER_START',
          path: 'signature.date',
          message_fr: expect.stringContaining('CPAM'),
          message_en: expect.stringContaining('CPAM'),
        }),
      ],
    });
  });
});

/** The apostrophes as the template types them, whichever poppler writes. */
const plain = (text: string) => text.replaceAll('’', "'");
const FOOTER = [
  "Document établi d'après le modèle de l'Assurance maladie",
  "ce n'est pas le formulaire officiel.",
];
const HEADINGS = [
  'ATTESTATION DE PRISE EN CHARGE',
  "STAGE À L'ÉTRANGER",
  'DÉCISION DE LA CPAM',
  'INFORMATIONS',
  'FORMALITÉS',
  "DÉCLARATION DE L'ACCIDENT",
];

// Issue 10, through both engines: the sample and every free text at its maximum length.
describe.each(['html', 'acroform'])('what the attestation prints (%s engine)', (engine) => {
  // The html engine wraps every maximum; the acroform engine refuses what its boxes cannot hold.
  const longestHere = engine === 'html' ? longest : longestFitted;
  const cases = [
    ['the sample', sample],
    ['the longest values', longestHere],
  ] as const;
  const rendered = (data: unknown) =>
    runtime.core.render({ document: ID, data, engine }).then(({ pdf }) => ({
      pdf,
      text: plain(pdfText(pdf)),
    }));

  it.each(cases)('prints the footer and "Page n / 2" on each page of %s', async (_name, data) => {
    const { pdf, text } = await rendered(data);
    expect((await pdfInfo(pdf)).pages).toBe(2);
    const pages = text.split('\f').slice(0, 2);
    pages.forEach((page, index) => {
      for (const part of FOOTER) expect(page, `page ${index + 1}`).toContain(part);
      expect(page).toContain(`Page ${index + 1} / 2`);
    });
  });

  it.each(cases)('keeps the words of the headings whole in %s', async (_name, data) => {
    const lines = (await rendered(data)).text.split('\n').map((line) => line.trim());
    for (const heading of HEADINGS) expect(lines, heading).toContain(heading);
    expect(lines.join('\n')).not.toMatch(/I NFORMATI ONS|DÉCI SI ON/);
  });

  it.each(cases)(
    'keeps "SE 401 Q 104" on one line and reads "1er" whole in %s',
    async (_n, data) => {
      const { text } = await rendered(data);
      expect(text.split('\n').some((line) => line.includes('SE 401 Q 104'))).toBe(true);
      expect(text).toContain('Depuis le 1er janvier 2026, le taux horaire');
    },
  );

  it('prints the street under "Voie" and the complement in its own box, never "Rue rue"', async () => {
    const { text } = await rendered(sample);
    expect(text).toContain("Voie : rue de l'Église");
    expect(text).toContain("Complément d'adresse : Bâtiment C, 3e étage");
    expect(squash(text)).not.toContain(squash('Rue rue'));
  });

  it('prints a complement at its maximum length whole, after the longest street', async () => {
    const { text } = await rendered(longestHere);
    expect(text).toContain(`Complément d'adresse : ${long(60)}`);
  });

  it('prints no complement box value when there is none', async () => {
    const { text } = await rendered(withChange(sample, 'eleve.adresse.complement', undefined));
    expect(text).not.toContain('Bâtiment C');
    expect(text).toContain("Voie : rue de l'Église");
  });
});

describe('the ordinal of "1er janvier"', () => {
  it('is raised and smaller than its "1", and drawn against it', async () => {
    const { pdf } = await render(sample);
    const boxes = execFileSync('pdftotext', ['-bbox', '-f', '2', '-l', '2', '-', '-'], {
      input: pdf,
      encoding: 'utf8',
    });
    const words = [
      ...boxes.matchAll(
        /xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</g,
      ),
    ].map(([, xMin, yMin, xMax, yMax, text]) => ({
      text,
      xMin: Number(xMin),
      xMax: Number(xMax),
      yMax: Number(yMax),
      height: Number(yMax) - Number(yMin),
    }));
    const at = words.findIndex(
      (word, index) => word.text === '1' && words[index + 1]?.text === 'er',
    );
    expect(at).toBeGreaterThan(0);
    const [one, er] = [words[at], words[at + 1]] as [(typeof words)[0], (typeof words)[0]];
    expect(words[at - 1]?.text).toBe('le');
    expect(er.yMax).toBeLessThan(one.yMax - 1);
    expect(er.height).toBeLessThan(one.height * 0.8);
    // No gap a reader would take for a space: "1er" is read whole (see the tests above).
    expect(er.xMin).toBeLessThanOrEqual(one.xMax);
  });
});

describe('the form with its annexes named', () => {
  it('keeps to two pages at the longest values, the list of annexes after them', async () => {
    const file = (name: string) => readFileSync(join(projectRoot, 'samples', 'files', name));
    for (const engine of ['html', 'acroform']) {
      const response = await asBytes(
        request(runtime.app)
          .post(`/v1/documents/${ID}?engine=${engine}`)
          .field('data', JSON.stringify(engine === 'html' ? longest : longestFitted))
          .attach('cachet', file('cachet.png'), 'cachet.png')
          .attach('signature', file('signature.png'), 'signature.png')
          .attach('attachments.attestationDroits', file('attestation-droits.pdf'), 'droits.pdf'),
      );
      expect(response.status, engine).toBe(200);
      const pages = plain(pdfText(new Uint8Array(response.body as Buffer))).split('\f');
      expect(pages[0], engine).toContain('Cachet et signature de la CPAM');
      expect(pages[1], engine).toContain('Page 2 / 2');
      expect(pages[2], engine).toContain('Pièces jointes');
    }
  });
});
