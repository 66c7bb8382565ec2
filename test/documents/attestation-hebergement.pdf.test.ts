import { execFileSync } from 'node:child_process';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useRuntime } from '../helpers/app.js';
import { postForBytes } from '../helpers/http.js';
import { pdfFonts, pdfInfo, pdfText, squash } from '../helpers/pdf.js';
import { loadSample, withChange } from '../helpers/samples.js';

/** What the letter prints beyond the raw sample values the contract test checks. */
const ID = 'attestation-hebergement';
const sample = loadSample(ID);
const runtime = useRuntime();

async function render(body: unknown) {
  const response = await postForBytes(runtime.app, `/v1/documents/${ID}`, body);
  expect(response.status, String(response.body)).toBe(200);
  const pdf = new Uint8Array(response.body as Buffer);
  return { response, pdf, text: pdfText(pdf), pages: (await pdfInfo(pdf)).pages };
}

function withChanges(changes: Record<string, unknown>): Record<string, unknown> {
  let body = sample;
  for (const [path, value] of Object.entries(changes)) body = withChange(body, path, value);
  return body;
}

/** Left edge (in points, page 595 pt wide) of the first word `word` on the page. */
function leftOf(pdf: Uint8Array, word: string): number {
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', '-', '-'], {
    input: pdf,
    encoding: 'utf8',
  });
  const match = new RegExp(`<word xMin="([\\d.]+)"[^>]*>${word}</word>`).exec(html);
  if (!match) throw new Error(`"${word}" not found`);
  return Number(match[1]);
}

describe('the rendered letter', () => {
  it('is one page: sender, subject, attestation, purpose, 441-7 mention, place and date, attachments', async () => {
    const { text, pages } = await render(sample);
    expect(pages).toBe(1);
    const flat = squash(text);
    const inOrder = [
      'Françoise LEFÈBVRE-CHÂTEAU 27 rue Anatole-France Bâtiment B, 2e étage 69100 VILLEURBANNE',
      'Objet : Attestation d’hébergement',
      'Je soussignée Madame Françoise LEFÈBVRE-CHÂTEAU, née le 14/02/1961 à Saint-Étienne, ' +
        'demeurant 27 rue Anatole-France, Bâtiment B, 2e étage, 69100 Villeurbanne, atteste sur ' +
        "l’honneur héberger à mon domicile, à titre gratuit, Monsieur Rémi N'GUESSAN, né le " +
        '03/04/1998 à Abidjan (Côte d’Ivoire), de manière stable depuis le 01/03/2026, soit ' +
        'depuis plus de trois mois.',
      'Cette attestation est établie pour servir et valoir ce que de droit, à l’appui de la ' +
        'demande de passeport de l’intéressé.',
      'Je suis informée qu’une fausse attestation expose son auteur aux sanctions prévues par ' +
        'l’article 441-7 du Code pénal (un an d’emprisonnement et 15 000 € d’amende).',
      'Fait à Villeurbanne, le 20/11/2026',
      'Françoise LEFÈBVRE-CHÂTEAU',
      'Pièces jointes : – copie de ma pièce d’identité ; – justificatif de domicile à mon nom, ' +
        "de moins d’un an : facture d'électricité du 02/10/2026.",
    ].map(squash);
    let from = 0;
    for (const part of inOrder) {
      const at = flat.indexOf(part, from);
      expect(at, part).toBeGreaterThanOrEqual(from);
      from = at + part.length;
    }
  });

  it('agrees with a male host and a female hosted person', async () => {
    const { text } = await render(
      withChanges({
        'hebergeant.sexe': 'M',
        'hebergeant.prenom': 'Émile',
        'heberge.sexe': 'F',
        'heberge.prenom': 'Aïcha',
        motif: { type: 'carteIdentite' },
      }),
    );
    const flat = squash(text);
    expect(flat).toContain(
      squash('Je soussigné Monsieur Émile LEFÈBVRE-CHÂTEAU, né le 14/02/1961'),
    );
    expect(flat).toContain(squash("Madame Aïcha N'GUESSAN, née le 03/04/1998"));
    expect(flat).toContain(squash('Je suis informé qu’une fausse attestation'));
    expect(flat).toContain(squash('demande de carte nationale d’identité de l’intéressée.'));
    expect(flat).not.toContain(squash('soussignée'));
    expect(flat).not.toContain(squash('informée'));
  });

  it('prints the usage name, "née" and the birth name, and "autre" with its wording', async () => {
    const { text } = await render(
      withChanges({
        'hebergeant.nomUsage': 'Dubois',
        'hebergement.titreGratuit': undefined,
        'hebergement.maniereStable': false,
        motif: { type: 'autre', precision: 'ouverture d’un compte bancaire' },
        justificatifDomicile: undefined,
      }),
    );
    const flat = squash(text);
    expect(flat).toContain(squash('Madame Françoise DUBOIS, née LEFÈBVRE-CHÂTEAU le 14/02/1961'));
    expect(flat).toContain(squash('héberger à mon domicile Monsieur Rémi'));
    expect(flat).toContain(squash('(Côte d’Ivoire), depuis le 01/03/2026, soit depuis plus'));
    expect(flat).toContain(
      squash('à l’appui de la démarche suivante : ouverture d’un compte bancaire.'),
    );
    expect(flat).toContain(squash('– justificatif de domicile à mon nom, de moins d’un an.'));
    expect(flat).not.toContain(squash('à titre gratuit'));
    expect(flat).not.toContain(squash('de manière stable'));
  });

  it('does not claim "plus de trois mois" when the hosting is more recent', async () => {
    const { text } = await render(withChanges({ 'hebergement.depuis': '2026-09-01' }));
    expect(squash(text)).toContain(squash('de manière stable depuis le 01/09/2026.'));
    expect(squash(text)).not.toContain(squash('trois mois'));
  });

  it('says "depuis trois mois", not "plus de", on the day the three months are complete', async () => {
    const { text } = await render(withChanges({ 'hebergement.depuis': '2026-08-20' }));
    expect(squash(text)).toContain(
      squash('de manière stable depuis le 20/08/2026, soit depuis trois mois.'),
    );
    expect(squash(text)).not.toContain(squash('plus de trois mois'));
  });

  it('sets "Fait à … le …" and the name under the signature on the right, the sender on the left', async () => {
    const { pdf } = await render(sample);
    expect(leftOf(pdf, 'Fait')).toBeGreaterThan(300);
    expect(leftOf(pdf, 'Objet')).toBeLessThan(80);
  });

  it('keeps to one page when every text is at its maximum length, in wide letters', async () => {
    const long = (length: number, pattern: string) =>
      pattern.repeat(40).slice(0, length).trim().padEnd(length, 'W');
    for (const pattern of ['Éléonore-Ŵ ', 'WWWWWWWW W']) {
      const person = {
        nomNaissance: long(60, pattern),
        nomUsage: long(60, pattern),
        prenom: long(80, pattern),
        lieuNaissance: { commune: long(60, pattern), pays: 'GS' },
      };
      const body = withChanges({
        hebergeant: {
          sexe: 'F',
          ...person,
          dateNaissance: '1961-02-14',
          adresse: {
            numero: long(12, pattern),
            voie: long(80, pattern),
            complement: long(60, pattern),
            codePostal: '69100',
            localite: long(60, pattern),
          },
        },
        heberge: { sexe: 'M', ...person, dateNaissance: '1998-04-03' },
        motif: { type: 'autre', precision: long(120, pattern) },
        justificatifDomicile: { nature: long(60, pattern), date: '2026-10-02' },
        'signature.lieu': long(60, pattern),
      });
      const { text, pages } = await render(body);
      expect(pages, pattern).toBe(1);
      const flat = squash(text);
      expect(flat).toContain(squash(long(120, pattern)));
      expect(flat).toContain(squash(`Fait à ${long(60, pattern)}, le 20/11/2026`));
      expect(flat).toContain(squash('Pièces jointes'));
    }
  });

  it('embeds Liberation Serif and no other font', async () => {
    const fonts = pdfFonts((await render(sample)).pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font.name).toMatch(/LiberationSerif/);
      expect(font.embedded).toBe(true);
    }
  });

  it('sets the metadata and names the file after the hosted person', async () => {
    const { pdf, response } = await render(sample);
    const info = await pdfInfo(pdf);
    expect(info.title).toBe(
      "Attestation d’hébergement — Rémi N'Guessan, hébergé par Françoise Lefèbvre-Château",
    );
    expect(info.author).toBe('Paperasse');
    expect(info.language).toBe('fr-FR');
    expect(info.keywords).toContain('hébergement');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="attestation-hebergement-N'Guessan-Remi.pdf"; ` +
        `filename*=UTF-8''attestation-hebergement-N%27Guessan-R%C3%A9mi.pdf`,
    );
  });

  it('prints user data as text, never as markup', async () => {
    const markup = '<b>Ré</b> & <i>mi</i> "x"';
    const { text } = await render(withChanges({ 'heberge.prenom': markup }));
    expect(text).toContain(markup);
  });

  it('returns warnings in the Paperasse-Warnings header and still renders', async () => {
    const { response, text } = await render(withChanges({ 'heberge.dateNaissance': '2010-06-15' }));
    const warnings = JSON.parse(response.headers['paperasse-warnings'] as string) as unknown[];
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'HOSTED_PERSON_MINOR', path: 'heberge.dateNaissance' }),
    ]);
    expect(squash(text)).not.toContain(squash('mineur'));
  });

  it('answers 422 naming the field for a rule of law', async () => {
    const response = await request(runtime.app)
      .post(`/v1/documents/${ID}`)
      .send(
        withChanges({ 'hebergement.depuis': '2026-09-01', 'hebergement.maniereStable': false }),
      );
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ path: 'hebergement.depuis', code: 'HOSTING_TOO_RECENT' }),
    ]);
  });

  it('says in its JSON Schema that the attestation d’accueil (Cerfa 10798) is not generated', async () => {
    const response = await request(runtime.app).get(`/v1/documents/${ID}/schema`);
    expect(response.status).toBe(200);
    const schema = JSON.parse(response.text) as { description?: string };
    expect(schema.description).toMatch(/attestation d'accueil/);
    expect(schema.description).toContain('Cerfa 10798');
    expect(schema.description).toMatch(/ne le génère pas/);
  });
});
