import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useRuntime } from '../helpers/app.js';
import { asBytes } from '../helpers/http.js';
import { csrfOf, sampleFields } from './form-fields.js';

/** The pages over HTTP, with the real core (real Chromium for the PDF). */
const runtime = useRuntime();
const DOCUMENTS = [
  'attestation-atmp-stage-etranger',
  'convention-au-pair',
  'declaration-embauche-emploi-familial',
  'attestation-hebergement',
];
const ATMP = 'attestation-atmp-stage-etranger';

async function openForm(id: string) {
  const page = await request(runtime.app).get(`/formulaire/${id}`);
  expect(page.status).toBe(200);
  return { page, ...csrfOf(page) };
}

async function post(id: string, fields: Record<string, string>, action = 'verifier') {
  const { cookie, token } = await openForm(id);
  return asBytesIf(
    action === 'telecharger',
    request(runtime.app)
      .post(`/formulaire/${id}`)
      .set('Cookie', cookie)
      .type('form')
      .send({ ...fields, _csrf: token, action }),
  );
}

function asBytesIf(bytes: boolean, test: request.Test): request.Test {
  return bytes ? asBytes(test) : test;
}

/** Every named input, select and textarea of a page, as its opening tag. */
function controls(html: string): string[] {
  return [...html.matchAll(/<(?:input|select|textarea)\b[^>]*>/g)]
    .map((match) => match[0])
    .filter((tag) => / name="/.test(tag) && !/type="hidden"/.test(tag));
}

const attr = (tag: string, name: string) => new RegExp(` ${name}="([^"]*)"`).exec(tag)?.[1];

describe('GET /', () => {
  it('lists the four documents with a link to each form and to the API', async () => {
    const response = await request(runtime.app).get('/');
    expect(response.status).toBe(200);
    expect(response.type).toBe('text/html');
    for (const id of DOCUMENTS) expect(response.text).toContain(`href="/formulaire/${id}"`);
    expect(response.text).toContain('dans les 8 jours suivant l’accueil');
    expect(response.text).toContain('href="/v1/documents"');
    expect(response.text).toContain('<html lang="fr">');
  });

  it('answers the attestation d’accueil question: issued by the mairie, and where the hébergement is', async () => {
    const home = await request(runtime.app).get('/');
    expect(home.text).toContain('href="/attestation-accueil"');
    const page = await request(runtime.app).get('/attestation-accueil');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Cerfa n° 10798');
    expect(page.text).toContain('mairie');
    expect(page.text).toContain('href="/formulaire/attestation-hebergement"');
  });

  it('sends a Content-Security-Policy without inline scripts or styles', async () => {
    const response = await request(runtime.app).get('/');
    const csp = response.headers['content-security-policy'] as string;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    // Its one script is a file of its own (no inline code); no inline style either.
    expect(response.text).not.toMatch(/style="|<style/);
    const scripts = [...response.text.matchAll(/<script[^>]*>([^<]*)<\/script>/g)];
    expect(scripts.map(([tag]) => tag)).toEqual([
      expect.stringMatching(/^<script src="\/static\/paperasse-[0-9a-f]{12}\.js" defer>/),
    ]);
    expect(scripts.every(([, body]) => body === '')).toBe(true);
    const script = await request(runtime.app).get(
      /src="([^"]+)"/.exec(scripts[0]?.[0] ?? '')?.[1] ?? '',
    );
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
  });

  it('serves its stylesheet, versioned and cached', async () => {
    const home = await request(runtime.app).get('/');
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(home.text)?.[1] ?? '';
    expect(href).toMatch(/^\/static\/paperasse-[0-9a-f]{12}\.css$/);
    const css = await request(runtime.app).get(href);
    expect(css.status).toBe(200);
    expect(css.type).toBe('text/css');
    expect(css.headers['cache-control']).toContain('immutable');
    expect(css.text).toContain(':focus-visible');
  });
});

describe('GET /formulaire/:id', () => {
  it.each(DOCUMENTS)('%s: every field has an id and a label', async (id) => {
    const { page } = await openForm(id);
    const tags = controls(page.text);
    expect(tags.length).toBeGreaterThan(10);
    const ids = tags.map((tag) => attr(tag, 'id'));
    for (const [index, tag] of tags.entries()) {
      const fieldId = ids[index];
      expect(fieldId, tag).toBeTruthy();
      expect(page.text, tag).toMatch(new RegExp(`<label[^>]* for="${fieldId}"`));
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(page.text).toContain('Vérifier');
    expect(page.text).toContain('Télécharger le PDF');
    expect(page.headers['content-security-policy']).toContain("form-action 'self'");
  });

  it('names fields by their JSON paths, repeats rows, and links the blank form', async () => {
    const { page } = await openForm('convention-au-pair');
    expect(page.text).toContain('name="famille.enfants[0].prenom"');
    expect(page.text).toContain('name="famille.enfants[7].prenom"');
    expect(page.text).toContain('name="activites.horaires.lundi"');
    expect(page.text).toMatch(/type="date"[^>]*name="accueil.dateDebut"/);
    expect(page.text).toMatch(/type="radio"[^>]*name="logement.fenetre" value="oui"/);
    expect(page.text).toContain('<legend>La famille d&#x27;accueil');
    const { page: atmp } = await openForm(ATMP);
    expect(atmp.text).toContain('href="/v1/documents/attestation-atmp-stage-etranger/blank"');
    expect(atmp.text).toMatch(/inputmode="decimal"[^>]*|name="stage.gratification.montantMensuel"/);
  });

  it('answers an unknown document with a French 404 page', async () => {
    const response = await request(runtime.app).get('/formulaire/inconnu');
    expect(response.status).toBe(404);
    expect(response.type).toBe('text/html');
    expect(response.text).toContain('Document introuvable');
  });
});

describe('POST /formulaire/:id', () => {
  it('refuses a post without the CSRF token, or with another one', async () => {
    const fields = sampleFields(ATMP);
    const bare = await request(runtime.app).post(`/formulaire/${ATMP}`).type('form').send(fields);
    expect(bare.status).toBe(403);
    const { cookie } = await openForm(ATMP);
    const forged = await request(runtime.app)
      .post(`/formulaire/${ATMP}`)
      .set('Cookie', cookie)
      .type('form')
      .send({ ...fields, _csrf: 'x'.repeat(43) });
    expect(forged.status).toBe(403);
  });

  it('says "Aucune erreur" for a good form', async () => {
    const response = await post(ATMP, sampleFields(ATMP));
    expect(response.status).toBe(200);
    expect(response.text).toContain('Aucune erreur');
    expect(response.text).not.toContain('Il y a un problème');
  });

  it('shows a wrong field in the summary and at the field, keeping the other values', async () => {
    const fields = { ...sampleFields(ATMP), 'eleve.nir': '2 95 10 99 126 111 94' };
    const response = await post(ATMP, fields);
    expect(response.status).toBe(422);
    const html = response.text;
    expect(html).toMatch(
      /<div class="error-summary" role="alert" aria-labelledby="error-summary-title"/,
    );
    expect(html).toContain('Il y a un problème');
    expect(html).toMatch(/<a href="#f-eleve-nir">[^<]*clé/i);
    expect(html).toContain('<p class="error-message" id="f-eleve-nir-error">');
    const nir = controls(html).find((tag) => attr(tag, 'name') === 'eleve.nir') ?? '';
    expect(attr(nir, 'aria-invalid')).toBe('true');
    expect(attr(nir, 'aria-describedby')).toContain('f-eleve-nir-error');
    expect(attr(nir, 'value')).toBe('2 95 10 99 126 111 94');
    // The other values are kept, accents and all (escaped as HTML).
    expect(html).toContain('name="eleve.prenom" value="Héloïse"');
    expect(html).toMatch(/value="2027-01-11"/);
    expect(html).toMatch(/name="eleve.statut" value="etudiant" checked/);
  });

  it('points an error on a group to its first field, and reads typed values', async () => {
    const fields = sampleFields(ATMP);
    for (const name of Object.keys(fields))
      if (name.startsWith('stage.entreprise.')) delete fields[name];
    fields['stage.dateDebut'] = '11/01/2027';
    fields['stage.gratification.montantMensuel'] = '693,00 €';
    fields['stage.pays'] = 'Allemagne';
    const response = await post(ATMP, fields);
    expect(response.status).toBe(422);
    expect(response.text).toContain('href="#f-stage-entreprise-denomination"');
    expect(response.text).not.toContain('f-stage-dateDebut-error');
    expect(response.text).not.toContain('f-stage-pays-error');
  });

  it('says which typed value it cannot read, with the other mistakes', async () => {
    const fields = { ...sampleFields(ATMP), 'stage.dateFin': '31/02/2027', 'eleve.prenom': '' };
    const response = await post(ATMP, fields);
    expect(response.status).toBe(422);
    expect(response.text).toContain('href="#f-stage-dateFin"');
    expect(response.text).toContain('href="#f-eleve-prenom"');
    expect(response.text).toContain('value="31/02/2027"');
  });

  it('maps rows back to the ones the person filled', async () => {
    const id = 'convention-au-pair';
    const fields = sampleFields(id);
    // The second child moved to the fourth row, with a bad date.
    fields['famille.enfants[3].prenom'] = fields['famille.enfants[1].prenom'] as string;
    fields['famille.enfants[3].dateNaissance'] = '2999-01-01';
    delete fields['famille.enfants[1].prenom'];
    delete fields['famille.enfants[1].dateNaissance'];
    const response = await post(id, fields);
    expect(response.status).toBe(422);
    expect(response.text).toContain('href="#f-famille-enfants-3-dateNaissance"');
    expect(response.text).toContain('id="f-famille-enfants-3-dateNaissance-error"');
  });

  it('escapes what the person typed', async () => {
    const fields = { ...sampleFields(ATMP), 'eleve.prenom': '<script>alert(1)</script>"' };
    const response = await post(ATMP, fields);
    expect(response.text).not.toContain('<script>alert(1)</script>');
    expect(response.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;');
  });

  it('answers the PDF as an attachment for "Télécharger le PDF"', async () => {
    const response = await post(ATMP, sampleFields(ATMP), 'telecharger');
    expect(response.status).toBe(200);
    expect(response.type).toBe('application/pdf');
    expect(response.headers['content-disposition']).toMatch(/^attachment;/);
    expect((response.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('answers a body over its limit with a French 413 page', async () => {
    const { cookie, token } = await openForm(ATMP);
    const response = await request(runtime.app)
      .post(`/formulaire/${ATMP}`)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: token, 'eleve.prenom': 'x'.repeat(100_000) });
    expect(response.status).toBe(413);
    expect(response.text).toContain('trop volumineux');
  });
});
