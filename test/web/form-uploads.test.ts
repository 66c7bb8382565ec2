import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { useRuntime } from '../helpers/app.js';
import { asBytes } from '../helpers/http.js';
import { drawnImages } from '../helpers/image-boxes.js';
import { pdfInfo, pdfText } from '../helpers/pdf.js';
import { transparentSignature } from '../uploads/image-fixtures.js';
import { multiPagePdf } from '../uploads/pdf-fixtures.js';
import { listen as listenRaw, send } from '../helpers/raw-http.js';
import { csrfOf, sampleFields } from './form-fields.js';

/**
 * The forms' file inputs (signatures, stamps, supporting documents): posted multipart as the
 * browser does, judged by the API's own checks and limits, each refusal shown at its input.
 */
const runtime = useRuntime();
const ATMP = 'attestation-atmp-stage-etranger';
const HEBERGEMENT = 'attestation-hebergement';
const DOCUMENTS = [ATMP, 'convention-au-pair', 'declaration-embauche-emploi-familial', HEBERGEMENT];

let signature: Buffer;
let identity: Buffer;
beforeAll(async () => {
  signature = Buffer.from(await transparentSignature());
  identity = Buffer.from(await multiPagePdf(1, 'Carte d’identité'));
});

interface Upload {
  part: string;
  bytes: Buffer;
  name: string;
}

/** A form post as Chromium sends one: the token first, the fields, then the file inputs. */
async function postForm(
  id: string,
  files: Upload[],
  action = 'verifier',
  fields = sampleFields(id),
) {
  const form = await request(runtime.app).get(`/formulaire/${id}`);
  const { cookie, token } = csrfOf(form);
  let post = request(runtime.app).post(`/formulaire/${id}`).set('Cookie', cookie);
  post = post.field('_csrf', token);
  for (const [name, value] of Object.entries(fields)) post = post.field(name, value);
  post = post.field('action', action);
  for (const file of files) post = post.attach(file.part, file.bytes, file.name);
  return action === 'telecharger' ? asBytes(post) : post;
}

/** The opening tag of the element with this id. */
function tagOf(html: string, id: string): string {
  return new RegExp(`<[a-z]+ [^>]*id="${id}"[^>]*>`).exec(html)?.[0] ?? '';
}

describe('the file inputs of a form', () => {
  it.each(DOCUMENTS)(
    '%s: one labelled input per image box and supporting document, posted multipart',
    async (id) => {
      const page = await request(runtime.app).get(`/formulaire/${id}`);
      const { parts } = runtime.core.catalog.find(id);
      const expected = [...parts.images, ...parts.attachments];
      expect(expected.length).toBeGreaterThan(0);
      expect(page.text).toContain('enctype="multipart/form-data"');
      const inputs = [...page.text.matchAll(/<input type="file"[^>]*>/g)].map(([tag]) => tag);
      expect(inputs.map((tag) => / name="([^"]+)"/.exec(tag)?.[1])).toEqual(
        expected.map((piece) => piece.part),
      );
      for (const [index, piece] of expected.entries()) {
        const id = / id="([^"]+)"/.exec(inputs[index] ?? '')?.[1] ?? '';
        expect(page.text).toMatch(
          new RegExp(`<label class="label" for="${id}">${piece.label_fr.replace(/[()]/g, '.')}`),
        );
        expect(inputs[index]).toMatch(/accept="[^"]*image\/png[^"]*"/);
      }
    },
  );
});

describe('POST /formulaire/:id with files', () => {
  it('places the signature in its box and appends the supporting document', async () => {
    const response = await postForm(
      HEBERGEMENT,
      [
        { part: 'signature', bytes: signature, name: 'ma signature.png' },
        { part: 'attachments.pieceIdentite', bytes: identity, name: 'identité.pdf' },
      ],
      'telecharger',
    );
    expect(response.status).toBe(200);
    expect(response.type).toBe('application/pdf');
    const pdf = new Uint8Array(response.body as Buffer);
    const without = await postForm(HEBERGEMENT, [], 'telecharger');
    const plain = new Uint8Array(without.body as Buffer);
    expect(await drawnImages(plain)).toHaveLength(0);
    expect((await drawnImages(pdf)).length).toBeGreaterThan(0);
    // The annex: its list page and its own page after the letter.
    expect((await pdfInfo(pdf)).pages).toBe((await pdfInfo(plain)).pages + 2);
    expect(pdfText(pdf)).toContain('Copie de la pièce d’identité de l’hébergeant');
  });

  it('checks the files with "Vérifier", and says they must be chosen again', async () => {
    const response = await postForm(HEBERGEMENT, [
      { part: 'signature', bytes: signature, name: 'ma signature.png' },
    ]);
    expect(response.status).toBe(200);
    expect(response.text).toContain('Aucune erreur');
    expect(response.text).toContain('Vous aviez joint « ma signature.png »');
    // A missing supporting document is worth a warning, as in the API; not an error.
    expect(response.text).toContain('À vérifier toutefois');
  });

  it('refuses a file that is not an image at its input, keeping what was typed', async () => {
    const fields = sampleFields(ATMP);
    const response = await postForm(ATMP, [
      { part: 'signature', bytes: Buffer.from('ceci n’est pas une image'), name: 'signature.png' },
    ]);
    expect(response.status).toBe(415);
    expect(response.type).toBe('text/html');
    expect(tagOf(response.text, 'fichier-signature')).toContain('aria-invalid="true"');
    expect(tagOf(response.text, 'fichier-signature')).toContain('fichier-signature-error');
    expect(response.text).toMatch(
      /id="fichier-signature-error"><span class="visually-hidden">Erreur : <\/span>Le fichier n’est ni un PNG, ni un JPEG, ni un PDF/,
    );
    expect(response.text).toMatch(
      /role="alert"[\s\S]*<a href="#fichier-signature">Le fichier n’est ni un PNG/,
    );
    expect(response.text).toContain('Vous aviez joint « signature.png »');
    expect(tagOf(response.text, 'f-eleve-prenom')).toContain(`value="${fields['eleve.prenom']}"`);
  });

  it('refuses a file over UPLOAD_FILE_LIMIT at its input, before reading the rest', async () => {
    const large = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
    const response = await postForm(ATMP, [{ part: 'cachet', bytes: large, name: 'cachet.png' }]);
    expect(response.status).toBe(413);
    expect(tagOf(response.text, 'fichier-cachet')).toContain('aria-invalid="true"');
    expect(response.text).toContain('Le fichier dépasse 10 Mo, la taille admise.');
    // The fields come before the files in the post: they are shown again.
    expect(tagOf(response.text, 'f-eleve-nir')).toContain(
      `value="${sampleFields(ATMP)['eleve.nir']}"`,
    );
  });

  it('refuses a file under a name the form does not have, above the form', async () => {
    const response = await postForm(ATMP, [{ part: 'photo', bytes: signature, name: 'photo.png' }]);
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/role="alert"[\s\S]*Partie inconnue « photo »/);
  });

  it('refuses a post without its token before judging any file', async () => {
    const response = await request(runtime.app)
      .post(`/formulaire/${ATMP}`)
      .field('action', 'verifier')
      .attach('signature', Buffer.from('x'), 'x.png');
    expect(response.status).toBe(403);
    expect(response.text).toContain('Formulaire expiré');
  });
});

describe('a post declared over the limits', () => {
  it('is refused unread, with a page that says why rather than "expired"', async () => {
    const server = await listenRaw(runtime.app);
    try {
      const answer = await send(server.port, {
        path: `/formulaire/${ATMP}`,
        headers: {
          'content-type': 'multipart/form-data; boundary=x',
          'content-length': String(1024 * 1024 * 1024),
        },
      });
      expect(answer.status).toBe(413);
      expect(answer.text).toContain('Envoi refusé');
      expect(answer.text).toContain('UPLOAD_TOTAL_LIMIT');
      expect(answer.text).not.toContain('Formulaire expiré');
    } finally {
      await server.close();
    }
  });
});
