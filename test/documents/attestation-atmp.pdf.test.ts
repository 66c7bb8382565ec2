import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useRuntime } from '../helpers/app.js';
import { postForBytes } from '../helpers/http.js';
import { pdfInfo, pdfText, squash } from '../helpers/pdf.js';
import { loadSample, withChange } from '../helpers/samples.js';

/** What the AT/MP attestation prints beyond the raw sample values the contract test checks. */
const ID = 'attestation-atmp-stage-etranger';
const sample = loadSample(ID);
const runtime = useRuntime();

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
    expect(flat).toContain(
      squash("Adresse en France : N° 12 bis Rue rue de l'Église, Bâtiment C, 3e étage"),
    );
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
    const long = (length: number) =>
      'Éléonore-Ŵ '.repeat(20).slice(0, length).trim().padEnd(length, 'é');
    const changes: Record<string, unknown> = {
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
      'eleve.prenom': long(60),
      'eleve.adresse': {
        numero: long(12),
        voie: long(80),
        complement: long(60),
        codePostal: '69003',
        localite: long(60),
      },
      'stage.entreprise': { denomination: long(100), lignesAdresse: [long(80), long(80)] },
    };
    let body: unknown = sample;
    for (const [path, value] of Object.entries(changes)) body = withChange(body, path, value);
    const { pdf, text } = await render(body);
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
