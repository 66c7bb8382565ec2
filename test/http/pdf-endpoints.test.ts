import { PDFDocument } from 'pdf-lib';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Runtime } from '../../src/edges/http/runtime.js';
import { asBytes } from '../helpers/http.js';
import { startRuntime } from '../helpers/app.js';
import {
  buildForm,
  buildPdfWithoutForm,
  buildXfaForm,
  encrypt,
  FIELDS,
  qpdfCheck,
} from '../helpers/forms.js';
import { pdfText, squash } from '../helpers/pdf.js';

/** POST /v1/pdf/fields and /v1/pdf/fill: any AcroForm in, its fields or the filled PDF out. */
let runtime: Runtime;
let small: Runtime;
let form: Buffer;
beforeAll(async () => {
  runtime = startRuntime();
  small = startRuntime({ UPLOAD_FILE_LIMIT: '2kb' });
  form = Buffer.from(await buildForm());
});
afterAll(async () => {
  await Promise.all([runtime.close(), small.close()]);
});

function fill(values: unknown, extra: Record<string, string> = {}) {
  let test = request(runtime.app)
    .post('/v1/pdf/fill')
    .attach('file', form, { filename: 'formulaire.pdf', contentType: 'application/pdf' })
    .field('values', typeof values === 'string' ? values : JSON.stringify(values));
  for (const [name, value] of Object.entries(extra)) test = test.field(name, value);
  return asBytes(test);
}

describe('POST /v1/pdf/fields', () => {
  it('lists the fields with type, options, export value, comb and page', async () => {
    const response = await request(runtime.app)
      .post('/v1/pdf/fields')
      .attach('file', form, 'f.pdf');
    expect(response.status).toBe(200);
    const fields = response.body.fields as Array<Record<string, unknown>>;
    expect(fields.map((field) => field.name)).toEqual(Object.values(FIELDS));
    expect(fields.find((field) => field.name === FIELDS.nir)).toMatchObject({
      maxLength: 15,
      comb: true,
    });
    expect(fields.find((field) => field.name === FIELDS.majeur)).toMatchObject({
      exportValue: 'Oui',
    });
    expect(fields.find((field) => field.name === FIELDS.lieu)).toMatchObject({
      widgets: [{ page: 2, rect: [149.5, 699.5, 301, 21] }],
    });
  });
});

describe('POST /v1/pdf/fill', () => {
  const values = {
    [FIELDS.nom]: 'Élodie Lefèvre-Œuvray',
    [FIELDS.adresse]: 'Cœur d’Alène',
    [FIELDS.montant]: '1\u202f234,56 €',
    [FIELDS.majeur]: true,
    [FIELDS.statut]: 'eleve',
  };

  it('answers the flattened PDF, as an attachment, that qpdf finds clean', async () => {
    const response = await fill(values);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain('filename="formulaire-rempli.pdf"');
    const text = squash(pdfText(response.body as Buffer));
    for (const value of ['Élodie Lefèvre-Œuvray', 'Cœur d’Alène', '1 234,56 €']) {
      expect(text).toContain(squash(value));
    }
    expect(qpdfCheck(response.body as Buffer).status).toBe(0);
    expect((await PDFDocument.load(response.body as Buffer)).getForm().getFields()).toEqual([]);
  });

  it('keeps the form editable with flatten=false', async () => {
    const response = await fill(values, { flatten: 'false' });
    expect(response.status).toBe(200);
    const read = (await PDFDocument.load(response.body as Buffer)).getForm();
    expect(read.getTextField(FIELDS.nom).getText()).toBe('Élodie Lefèvre-Œuvray');
    expect(read.getCheckBox(FIELDS.majeur).isChecked()).toBe(true);
  });

  it('answers 422 naming each field: unknown, wrong option, too long, read-only, uncovered', async () => {
    const response = await fill({
      prenom: 'Élodie',
      [FIELDS.statut]: 'retraite',
      [FIELDS.nir]: '1234567890123456',
      [FIELDS.reference]: 'X',
      [FIELDS.lieu]: '王',
    });
    const body = JSON.parse(response.body.toString()) as {
      code: string;
      errors: Array<{ path: string; code: string; message_en: string; message_fr: string }>;
    };
    expect(response.status).toBe(422);
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors.map(({ path, code }) => `${path} ${code}`)).toEqual([
      'prenom UNKNOWN_FIELD',
      `${FIELDS.statut} INVALID_OPTION`,
      `${FIELDS.nir} TOO_LONG`,
      `${FIELDS.reference} READ_ONLY_FIELD`,
      `${FIELDS.lieu} UNSUPPORTED_CHARACTER`,
    ]);
    expect(body.errors[1]?.message_fr).toContain('"eleve", "etudiant"');
    expect(body.errors[4]?.message_en).toContain('U+738B');
  });
});

interface Case {
  name: string;
  send: () => request.Test;
  status: number;
  code: string;
  detail?: RegExp;
}

const post = (app = () => runtime.app) => request(app()).post('/v1/pdf/fill');
const cases: Case[] = [
  {
    name: 'no file',
    send: () => post().field('values', '{}'),
    status: 400,
    code: 'INVALID_UPLOAD',
    detail: /"file"/,
  },
  {
    name: 'two files',
    send: () =>
      post().attach('file', form, 'a.pdf').attach('file', form, 'b.pdf').field('values', '{}'),
    status: 400,
    code: 'INVALID_UPLOAD',
    detail: /"file"/,
  },
  {
    name: 'a file in an unknown part',
    send: () => post().attach('document', form, 'a.pdf').field('values', '{}'),
    status: 400,
    code: 'INVALID_UPLOAD',
    detail: /"document"/,
  },
  {
    name: 'an unknown text part',
    send: () => post().attach('file', form, 'a.pdf').field('values', '{}').field('police', 'x'),
    status: 400,
    code: 'INVALID_UPLOAD',
    detail: /"police"/,
  },
  {
    name: 'values that are not JSON',
    send: () => post().attach('file', form, 'a.pdf').field('values', '{nom:'),
    status: 400,
    code: 'INVALID_UPLOAD',
    detail: /"values"/,
  },
  {
    name: 'values that are an array',
    send: () => post().attach('file', form, 'a.pdf').field('values', '[]'),
    status: 400,
    code: 'INVALID_UPLOAD',
    detail: /"values"/,
  },
  {
    name: 'flatten that is not a boolean',
    send: () => post().attach('file', form, 'a.pdf').field('values', '{}').field('flatten', 'oui'),
    status: 400,
    code: 'INVALID_UPLOAD',
    detail: /"flatten"/,
  },
  {
    name: 'a JSON body instead of multipart',
    send: () => post().send({ values: {} }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'a file over UPLOAD_FILE_LIMIT',
    send: () =>
      post(() => small.app)
        .attach('file', form, 'a.pdf')
        .field('values', '{}'),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    detail: /"file"/,
  },
  {
    name: 'a PNG named .pdf',
    send: () =>
      post()
        .attach('file', Buffer.from('\x89PNG\r\n\x1a\n' + 'x'.repeat(64), 'latin1'), {
          filename: 'photo.pdf',
          contentType: 'application/pdf',
        })
        .field('values', '{}'),
    status: 415,
    code: 'NOT_A_PDF',
  },
];

describe('bad uploads', () => {
  beforeAll(async () => {
    const encrypted = encrypt(form);
    const xfa = await buildXfaForm({ withFields: false, needsRendering: true });
    const noForm = await buildPdfWithoutForm();
    for (const [name, bytes, code] of [
      ['an encrypted PDF', encrypted, 'PDF_ENCRYPTED'],
      ['an XFA-only form', xfa, 'PDF_XFA_ONLY'],
      ['a PDF without form', noForm, 'PDF_NO_FORM'],
      ['a truncated PDF', form.subarray(0, 2000), 'PDF_UNREADABLE'],
    ] as const) {
      cases.push({
        name,
        send: () => post().attach('file', Buffer.from(bytes), 'a.pdf').field('values', '{}'),
        status: 422,
        code,
      });
    }
  });

  it('answers each with its status and code, in both languages, never 500', async () => {
    const seen: string[] = [];
    for (const { name, send, detail } of cases) {
      const response = await send();
      const body = JSON.parse(response.text) as { code: string; detail: string; detail_fr: string };
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(body.detail_fr.length).toBeGreaterThan(0);
      if (detail) expect(body.detail, name).toMatch(detail);
      seen.push(`${name}: ${response.status} ${body.code}`);
    }
    expect(seen).toEqual(cases.map(({ name, status, code }) => `${name}: ${status} ${code}`));
  });

  it('refuses a damaged PDF without writing anything to the console (pdf-lib would warn)', async () => {
    const text = Buffer.from(form).toString('latin1');
    const at = text.indexOf(' 0 obj', text.length / 2);
    const damaged = Buffer.from(
      text.slice(0, at + 6) + '\n<< /Type /Annot )>>]] garbage' + text.slice(at + 30),
      'latin1',
    );
    const warn = vi.spyOn(console, 'warn');
    const log = vi.spyOn(console, 'log');
    try {
      const response = await post().attach('file', damaged, 'a.pdf').field('values', '{}');
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('PDF_UNREADABLE');
      expect([...warn.mock.calls, ...log.mock.calls]).toEqual([]);
    } finally {
      warn.mockRestore();
      log.mockRestore();
    }
  });

  it('refuses the same bad files on /fields', async () => {
    const response = await request(runtime.app)
      .post('/v1/pdf/fields')
      .attach('file', Buffer.from(encrypt(form)), 'a.pdf');
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('PDF_ENCRYPTED');
  });

  it('answers 405 to GET', async () => {
    const response = await request(runtime.app).get('/v1/pdf/fill');
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('POST');
  });
});
