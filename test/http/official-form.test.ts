import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templatesDir } from '../../src/paths.js';
import { loadOfficialMappings } from '../../src/engines/official/official-forms.js';
import { useRuntime } from '../helpers/app.js';
import { buildForm, buildTextForm, qpdfCheck } from '../helpers/forms.js';
import { asBytes } from '../helpers/http.js';
import { pdfInfo, pdfText } from '../helpers/pdf.js';
import { loadSample } from '../helpers/samples.js';

/**
 * engine=official, on a form the tests build (test/helpers/forms.ts: text, multiline, comb,
 * checkbox /Oui, radio, dropdown, option list, read-only), mapped from the AT/MP attestation by
 * a mapping file written in a copy of templates/.
 */
const ID = 'attestation-atmp-stage-etranger';
const MAPPING = {
  form: 'Formulaire de test',
  source: 'test/helpers/forms.ts',
  fields: {
    'identite.nom': { join: ['eleve.nom', 'eleve.prenom'], separator: ' ' },
    adresse: {
      join: ['eleve.adresse.numero', 'eleve.adresse.rue', 'eleve.adresse.complement'],
      separator: ', ',
    },
    nir: 'eleve.nir',
    majeur: 'stage.remunere.non',
    statut: { choose: { eleve: 'eleve.statut.eleve', etudiant: 'eleve.statut.etudiant' } },
    pays: 'stage.pays',
    'signature.lieu': 'signature.date',
  },
};

let dir: string;
const runtime = useRuntime({}, () => {
  dir = mkdtempSync(join(tmpdir(), 'paperasse-templates-'));
  cpSync(templatesDir, dir, { recursive: true });
  writeFileSync(join(dir, ID, 'official-test.json'), JSON.stringify(MAPPING));
  return { templatesDir: dir };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let form: Uint8Array;
beforeAll(async () => {
  form = await buildForm();
});

const sample = loadSample(ID);
/** The form's dropdown offers Suisse, not Allemagne (the sample's country). */
const inSwitzerland = {
  ...sample,
  stage: { ...(sample.stage as object), pays: 'CH' },
};
function post(query = '?engine=official') {
  return asBytes(request(runtime.app).post(`/v1/documents/${ID}${query}`));
}

describe('engine=official', () => {
  it('is listed for the document that has a mapping, and only for it', async () => {
    const response = await request(runtime.app).get('/v1/documents');
    const engines = Object.fromEntries(
      (response.body.documents as { id: string; engines: string[] }[]).map((d) => [
        d.id,
        d.engines,
      ]),
    );
    expect(engines[ID]).toContain('official');
    expect(engines['attestation-hebergement']).not.toContain('official');
  });

  it('fills the uploaded form through the mapping, editable with flatten=false', async () => {
    const response = await post('?engine=official&flatten=false')
      .field('data', JSON.stringify(inSwitzerland))
      .attach('file', Buffer.from(form), 'cerfa.pdf');
    expect(response.status).toBe(200);
    const pdf = new Uint8Array(response.body as Buffer);
    const filled = (await PDFDocument.load(pdf)).getForm();
    expect(filled.getTextField('identite.nom').getText()).toBe("LEFÈVRE épouse N'DIAYE Héloïse");
    expect(filled.getTextField('adresse').getText()).toBe(
      "12 bis, rue de l'Église, Bâtiment C, 3e étage",
    );
    expect(filled.getTextField('nir').getText()).toBe('295109912611193');
    expect(filled.getRadioGroup('statut').getSelected()).toBe('etudiant');
    expect(filled.getCheckBox('majeur').isChecked()).toBe(true);
    expect(filled.getDropdown('pays').getSelected()).toEqual(['Suisse']);
    expect(filled.getTextField('signature.lieu').getText()).toBe('20/11/2026');
    expect((await pdfInfo(pdf)).title).toContain('Héloïse');
  });

  it('flattens by default: the values are in the page text and the file is clean', async () => {
    const response = await post()
      .field('data', JSON.stringify(inSwitzerland))
      .attach('file', Buffer.from(form), 'cerfa.pdf');
    expect(response.status).toBe(200);
    const pdf = new Uint8Array(response.body as Buffer);
    expect(pdfText(pdf)).toContain("LEFÈVRE épouse N'DIAYE Héloïse");
    expect((await PDFDocument.load(pdf)).getForm().getFields()).toHaveLength(0);
    expect(qpdfCheck(pdf).status).toBe(0);
  });

  it('answers 422 naming the fields an upload lacks when it is not the mapped form', async () => {
    const response = await post()
      .field('data', JSON.stringify(sample))
      .attach('file', Buffer.from(await buildTextForm(2)), 'autre.pdf');
    expect(response.status).toBe(422);
    const body = JSON.parse(String(response.body)) as { code: string; detail: string };
    expect(body.code).toBe('OFFICIAL_FORM_MISMATCH');
    expect(body.detail).toContain('identite.nom');
    expect(body.detail).toContain('official-test.json');
  });

  it('answers 422 naming the field when a mapped value is not an option of the form', async () => {
    const response = await post()
      .field('data', JSON.stringify(sample))
      .attach('file', Buffer.from(form), 'cerfa.pdf');
    expect(response.status).toBe(422);
    const body = JSON.parse(String(response.body)) as {
      errors: { path: string; message_en: string }[];
    };
    expect(body.errors.map((error) => error.path)).toEqual(['pays']);
    expect(body.errors[0]?.message_en).toContain('Suisse');
  });

  it('asks for the file when engine=official comes without one', async () => {
    const json = await post().send(sample);
    expect(json.status).toBe(400);
    expect(JSON.parse(String(json.body)).code).toBe('INVALID_UPLOAD');
    const noFile = await post().field('data', JSON.stringify(sample));
    expect(noFile.status).toBe(400);
  });

  it('refuses engine=official for a document without a mapping', async () => {
    const response = await request(runtime.app)
      .post('/v1/documents/attestation-hebergement?engine=official')
      .send(loadSample('attestation-hebergement'));
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('INVALID_PARAMETER');
  });
});

describe('multipart data for any engine', () => {
  it('renders from the JSON in the part "data" as from a JSON body', async () => {
    const response = await post('').field('data', JSON.stringify(sample));
    expect(response.status).toBe(200);
    expect(pdfText(new Uint8Array(response.body as Buffer))).toContain('Héloïse');
  });

  it.each([
    ['a missing data part', (r: request.Test) => r.field('autre', '{}'), 'INVALID_UPLOAD'],
    ['data that is not JSON', (r: request.Test) => r.field('data', '{nope'), 'INVALID_UPLOAD'],
  ])('answers 400 for %s', async (_name, send, code) => {
    const response = await send(post(''));
    expect(response.status).toBe(400);
    expect(JSON.parse(String(response.body)).code).toBe(code);
  });
});

describe('official mappings at start-up', () => {
  it('refuses a mapping that names a box the template does not have', () => {
    const bad = mkdtempSync(join(tmpdir(), 'paperasse-mapping-'));
    try {
      cpSync(join(templatesDir, ID), join(bad, ID), { recursive: true });
      writeFileSync(
        join(bad, ID, 'official-x.json'),
        JSON.stringify({ form: 'X', source: 'x', fields: { a: 'eleve.inexistant' } }),
      );
      expect(() => loadOfficialMappings(bad, () => new Set(boxes()), [ID])).toThrow(
        /no box named eleve\.inexistant/,
      );
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });
});

function boxes(): string[] {
  return Object.values(MAPPING.fields).flatMap((source) =>
    typeof source === 'string'
      ? [source]
      : 'join' in source
        ? source.join
        : 'choose' in source
          ? Object.values(source.choose)
          : [],
  );
}
