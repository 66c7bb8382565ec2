import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useRuntime } from '../helpers/app.js';
import { asBytes, postForBytes } from '../helpers/http.js';
import { pdfInfo, pdfText, squash } from '../helpers/pdf.js';
import { loadSample, withChange } from '../helpers/samples.js';
import { smallJpeg } from '../uploads/image-fixtures.js';

/** What the hiring declaration prints beyond the raw sample values the contract test checks. */
const ID = 'declaration-embauche-emploi-familial';
const sample = loadSample(ID);
const runtime = useRuntime();

function changed(changes: Record<string, unknown>, body: object = sample): object {
  let result = body;
  for (const [path, value] of Object.entries(changes)) result = withChange(result, path, value);
  return result;
}

async function render(body: unknown) {
  const response = await postForBytes(runtime.app, `/v1/documents/${ID}`, body);
  expect(response.status, String(response.body)).toBe(200);
  const pdf = new Uint8Array(response.body as Buffer);
  return { response, pdf, text: pdfText(pdf) };
}

/** A German stagiaire with a NIR, arriving in Q4 2024, base per quarter. */
const withNir = changed({
  'salarie.nomNaissance': 'Schäfer',
  'salarie.prenom': 'Lukas',
  'salarie.sexe': 'M',
  'salarie.dateNaissance': '2005-02-11',
  'salarie.lieuNaissance': { commune: 'Fribourg-en-Brisgau', pays: 'DE' },
  'salarie.nationalite': 'DE',
  'salarie.nir': '1 05 02 99 109 123 73',
  'emploi.dateDebut': '2024-12-15',
  'emploi.periodeAssiette': 'trimestre',
  'emploi.dateFinPrevue': undefined,
  'signature.date': '2024-12-18',
});

describe('the rendered declaration', () => {
  it('prints the Cerfa number, the addressee with the deadline, and the sections', async () => {
    const { text } = await render(sample);
    const flat = squash(text);
    expect(flat).toContain(squash('Déclaration d’embauche d’un emploi familial'));
    expect(flat).toContain(squash('N° 11469*03'));
    expect(flat).toContain(
      squash('À adresser à l’Urssaf de votre domicile dans les 8 jours suivant l’accueil'),
    );
    for (const band of ['1 Employeur', '2 Salarié', '3 Emploi', '4 Assiette forfaitaire']) {
      expect(flat).toContain(squash(band));
    }
    expect(flat).toContain(squash('d’après le modèle Cerfa n° 11469*03'));
    expect(flat).toContain(squash('Il ne constitue pas le formulaire officiel'));
  });

  it('prints the computed base with the SMIC used and its date', async () => {
    const { text } = await render(sample);
    const flat = squash(text);
    expect(flat).toContain(
      squash(
        'Assiette forfaitaire mensuelle : 56 × 12,02 € (SMIC horaire en vigueur au 01/01/2026) = 673,12 €',
      ),
    );
    expect(flat).toContain(squash('Trimestre civil de l’accueil : 1er trimestre 2026'));
  });

  it('prints the Q4 2024 quarterly base with the SMIC of 1 October (11,65 €, not 11,88 €)', async () => {
    const { text } = await render(withNir);
    const flat = squash(text);
    expect(flat).toContain(
      squash(
        'Assiette forfaitaire trimestrielle : 169 × 11,65 € (SMIC horaire en vigueur au 01/10/2024) = 1 968,85 €',
      ),
    );
    expect(flat).not.toContain(squash('11,88'));
  });

  it('without a NIR, is also the registration request and lists the documents to attach', async () => {
    const { text } = await render(sample);
    const flat = squash(text);
    expect(flat).toContain(squash('5 Demande d’immatriculation du salarié'));
    expect(flat).toContain(
      squash('cette déclaration vaut aussi demande d’immatriculation du salarié'),
    );
    expect(flat).toContain(
      squash('de la pièce d’identité : passeport, carte nationale d’identité ou titre de séjour'),
    );
    expect(flat).toContain(squash('extrait d’acte de naissance avec filiation'));
    expect(flat).toContain(squash('copie intégrale de l’acte de naissance'));
    expect(flat).toContain(squash('légalisées ou apostillées'));
    expect(flat).toContain(squash('traduites'));
    expect(flat).toContain(squash('du titre de séjour (hors UE, EEE et Suisse)'));
    expect(flat).toContain(squash('Pas de numéro (voir rubrique 5)'));
    expect(flat).toContain(squash('6 Signature de l’employeur'));
  });

  it('with a NIR, prints it and has no registration block', async () => {
    const { text } = await render(withNir);
    const flat = squash(text);
    expect(flat).toContain('105029910912373');
    expect(flat).not.toContain(squash('Demande d’immatriculation du salarié'));
    expect(flat).not.toContain(squash('extrait d’acte de naissance'));
    expect(flat).toContain(squash('5 Signature de l’employeur'));
  });

  it('prints the regime labels, the nationality and the birth country in French', async () => {
    const { text } = await render(withNir);
    const flat = squash(text);
    expect(flat).toContain(squash('Nature de l’emploi :'));
    expect(flat).toContain(squash('Stagiaire aide familial étranger (UE, EEE, Suisse)'));
    expect(flat).toContain(squash('Jeune au pair (autres nationalités)'));
    expect(flat).toContain(squash('Nationalité : allemande'));
    expect(flat).toContain(squash('Pays : Allemagne'));
    expect(flat).toContain(squash('Nom de naissance : SCHÄFER'));
  });

  it('says the declaration is also the employer’s registration when there is no Urssaf number', async () => {
    const first = await render(changed({ 'employeur.numeroUrssaf': undefined }));
    expect(squash(first.text)).toContain(
      squash('ce formulaire vaut aussi demande d’immatriculation de l’employeur'),
    );
    const { text } = await render(sample);
    expect(squash(text)).not.toContain(squash('demande d’immatriculation de l’employeur'));
  });

  it('prints the employee’s own address when given', async () => {
    const { text } = await render(
      changed({
        'salarie.adresse': {
          numero: '14 bis',
          voie: 'rue des Hauts-Pavés',
          complement: 'Chambre sous les combles',
          codePostal: '44000',
          localite: 'Nantes',
        },
      }),
    );
    expect(squash(text)).toContain(squash('Complément : Chambre sous les combles'));
  });

  it('fits on one page, with a NIR or without one', async () => {
    expect((await pdfInfo((await render(sample)).pdf)).pages).toBe(1);
    expect((await pdfInfo((await render(withNir)).pdf)).pages).toBe(1);
  });

  it('sets the metadata and names the file after the employee', async () => {
    const { pdf, response } = await render(sample);
    const info = await pdfInfo(pdf);
    expect(info.title).toBe(
      'Déclaration d’embauche d’un emploi familial — Ximena Lucía Quispe Mamani',
    );
    expect(info.keywords).toContain('Cerfa 11469*03');
    expect(info.language).toBe('fr-FR');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="declaration-embauche-Quispe Mamani-Ximena Lucia\.pdf"/,
    );
  });

  it('returns the lateness warning in the Paperasse-Warnings header and from /validate', async () => {
    const late = changed({ 'signature.date': '2026-03-11' });
    const { response } = await render(late);
    const warnings = JSON.parse(response.headers['paperasse-warnings'] as string) as unknown[];
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'DECLARATION_LATE', path: 'signature.date' }),
    ]);
    const validated = await request(runtime.app).post(`/v1/documents/${ID}/validate`).send(late);
    expect(validated.body.warnings[0]).toMatchObject({
      code: 'DECLARATION_LATE',
      message_fr: expect.stringContaining('10/03/2026'),
    });
  });

  it('answers 422 naming the postal code for a family in Mayotte', async () => {
    const mayotte = changed({
      'employeur.adresse': { voie: 'rue du Commerce', codePostal: '97600', localite: 'Mamoudzou' },
    });
    const response = await request(runtime.app).post(`/v1/documents/${ID}`).send(mayotte);
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        path: 'employeur.adresse.codePostal',
        code: 'MAYOTTE_OUT_OF_SCOPE',
      }),
    ]);
  });
});

describe('values at their maximum length', () => {
  const long = (length: number) =>
    'Éléonore-Ŵ '.repeat(20).slice(0, length).trim().padEnd(length, 'é');
  const adresse = {
    numero: long(12),
    voie: long(80),
    complement: long(60),
    codePostal: '44000',
    localite: long(60),
  };
  const longest = changed({
    'employeur.nomNaissance': long(60),
    'employeur.nomUsage': long(60),
    'employeur.prenom': long(80),
    'employeur.adresse': adresse,
    'employeur.telephone': '+33 (0)2 40 12 34 56 78 9',
    'employeur.courriel': `${'a'.repeat(61)}@${'b'.repeat(15)}.fr`,
    'employeur.numeroUrssaf': 'A'.repeat(25),
    'salarie.nomNaissance': long(60),
    'salarie.nomUsage': long(60),
    'salarie.prenom': long(80),
    'salarie.lieuNaissance': { commune: long(60), pays: 'PE' },
    'signature.lieu': long(60),
  });

  it('keeps one page with a NIR, every value printed in full', async () => {
    const body = changed(
      { 'salarie.nir': '2 03 08 99 246 017 93', 'salarie.adresse': adresse },
      longest,
    );
    const { pdf, text } = await render(body);
    expect((await pdfInfo(pdf)).pages).toBe(1);
    const flat = squash(text);
    for (const value of [long(80), long(60), long(12), 'A'.repeat(25), `${'a'.repeat(60)}@`]) {
      expect(flat).toContain(squash(value));
    }
    expect(flat).toContain(squash('Signature de l’employeur :'));
  });

  /** The pages of a PDF's text, as pdftotext reads them, squashed. */
  const pagesOf = (pdf: Uint8Array) =>
    pdfText(pdf)
      .split('\f')
      .filter((page) => page.trim() !== '')
      .map(squash);
  const firstDeclaration = changed({ 'employeur.numeroUrssaf': undefined }, longest);
  const ownAddress = changed({ 'salarie.adresse': adresse }, firstDeclaration);

  it('keeps one page without a NIR, with the family’s address or the employee’s own', async () => {
    for (const body of [longest, firstDeclaration, ownAddress]) {
      const { pdf, text } = await render(body);
      expect((await pdfInfo(pdf)).pages).toBe(1);
      const flat = squash(text);
      // The place wraps beside the signature box: its lines are read on either side of the box's label.
      const place = `Fait à : ${long(60).slice(0, 44)}`;
      for (const part of ['6 Signature de l’employeur', place, 'Le : 05/03/2026', long(80)]) {
        expect(flat).toContain(squash(part));
      }
    }
  });

  /** Multipart with the three supporting documents, and `free` more annexes with long captions. */
  async function withAnnexes(body: unknown, free: number) {
    const jpeg = Buffer.from(await smallJpeg());
    let test = asBytes(request(runtime.app).post(`/v1/documents/${ID}`))
      .field('data', JSON.stringify(body))
      .attach('attachments.pieceIdentite', jpeg, 'passeport.jpg')
      .attach('attachments.acteNaissance', jpeg, 'acte.jpg')
      .attach('attachments.titreSejour', jpeg, 'titre.jpg');
    for (let index = 1; index <= free; index += 1) {
      test = test
        .attach('attachments', jpeg, `annexe-${index}.jpg`)
        .field(
          'captions',
          `Annexe ${index}, dont la légende occupe à elle seule une bonne part de ligne`,
        );
    }
    const response = await test;
    expect(response.status, String(response.body)).toBe(200);
    return new Uint8Array(response.body as Buffer);
  }

  it('keeps the form on one page with the supporting documents listed in section 5', async () => {
    const pages = pagesOf(await withAnnexes(ownAddress, 0));
    // The form, the list of annexes, the three annexes.
    expect(pages).toHaveLength(5);
    expect(pages[0]).toContain(squash('Pièces jointes en annexe : Pièce'));
    expect(pages[0]).toContain(squash('6 Signature de l’employeur'));
  });

  it('moves sections 5 and 6 together to a second page when the annexes listed leave no room', async () => {
    const pages = pagesOf(await withAnnexes(ownAddress, 4));
    expect(pages).toHaveLength(2 + 1 + 7);
    const [first = '', second = ''] = pages;
    expect(first).toContain(squash('4 Assiette forfaitaire des cotisations'));
    expect(first).not.toContain(squash('Demande d’immatriculation du salarié'));
    expect(second.startsWith(squash('5 Demande d’immatriculation du salarié'))).toBe(true);
    expect(second).toContain(squash('6 Signature de l’employeur'));
  });

  it('is refused through engine=acroform, naming each box too small for its value at 7 pt', async () => {
    // The fixed form's boxes cannot hold every maximum at a legible size: refused, not shrunk.
    for (const body of [
      ownAddress,
      changed({ 'salarie.nir': '2 03 08 99 246 017 93' }, ownAddress),
    ]) {
      const response = await request(runtime.app)
        .post(`/v1/documents/${ID}?engine=acroform`)
        .send(body);
      expect(response.status).toBe(422);
      const codes = (response.body as { errors: { code: string; path: string }[] }).errors;
      expect(codes.length).toBeGreaterThan(0);
      expect(codes.every((issue) => issue.code === 'TOO_LONG_FOR_FORM')).toBe(true);
      expect(codes.map((issue) => issue.path)).toContain('salarie.nomNaissance');
    }
  });
});
