import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import {
  CoreError,
  ERROR_CODES,
  validationFailed,
  type ErrorCode,
  type FieldIssue,
} from '../../src/core/errors.js';
import type { RenderRequestInput } from '../../src/core/render-request.js';
import { HTTP_STATUS } from '../../src/edges/http/statuses.js';
import {
  FAKE_FORM,
  FAKE_LETTER,
  FAKE_PDF,
  fakeApp,
  fakeCore,
  isRenderRequest,
  rendered,
  validated,
  type FakeCore,
} from '../helpers/fake-core.js';
import { asBytes } from '../helpers/http.js';

/**
 * The HTTP edge alone, around a fake core: what it sends the core for each request, how it says
 * the core's answers and errors, and what it refuses by itself. No Chromium, nothing rendered; the
 * real end-to-end tests beside this file check the same routes with the real core.
 *
 * The catalog is real (createCatalog) with two tiny documents: a letter (html; a signature, two
 * supporting documents) and a fillable form (html, acroform).
 */
const LETTER = FAKE_LETTER.id;
const FORM = FAKE_FORM.id;
const RENDER_PATH = `/v1/documents/${LETTER}`;

/** Any JSON: the fake core does not validate, the edge must pass it on as it came. */
const BODY = { hebergeant: { nom: 'Dupont', prenom: 'Amélie' }, enfants: [1, 2], ok: true };

/** A PNG signature and a few bytes: never decoded here, only carried. */
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3]);
const PDF_A = Buffer.from('%PDF-1.4 pièce A');
const PDF_B = Buffer.from('%PDF-1.4 pièce B');
const PDF_C = Buffer.from('%PDF-1.4 pièce C');

const WARNING: FieldIssue = {
  path: 'hebergeant.adresse',
  code: 'ADRESSE_INCOMPLETE',
  message_fr: 'L’adresse n’a pas de code postal.',
  message_en: 'The address has no postcode.',
};
const UNICODE_WARNING: FieldIssue = {
  path: 'heberge.nomNaissance',
  code: 'NOM_LONG',
  message_fr: 'Le nom de l’hébergé sera coupé.',
  message_en: 'The hosted person’s name – “Zoë” – will be cut.',
};

interface Problem {
  type: string;
  title: string;
  title_fr: string;
  status: number;
  code: string;
  detail: string;
  detail_fr: string;
  instance?: string;
  errors?: FieldIssue[];
}

function problemOf(response: request.Response): Problem {
  expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  return JSON.parse(response.text) as Problem;
}

function typeOf(code: string): string {
  return `/problems/${code.toLowerCase().replaceAll('_', '-')}`;
}

/** The one render request the edge sent (and it must be one the real core accepts). */
function onlyRender(core: FakeCore): RenderRequestInput {
  expect(core.calls.render).toHaveLength(1);
  const { request: sent } = core.calls.render[0]!;
  expect(isRenderRequest(sent)).toBe(true);
  return sent;
}

function bytesOf(response: request.Response): Uint8Array {
  return new Uint8Array(response.body as Buffer);
}

/** No work reached the core (admit, the cheap check before a body is read, may have). */
function expectNoCoreCall(core: FakeCore): void {
  expect({ ...core.calls, admit: [] }).toStrictEqual({
    admit: [],
    render: [],
    check: [],
    validate: [],
    blank: [],
    read: [],
    fields: [],
    fill: [],
  });
}

describe('the edge translates each request into one call to the core', () => {
  it('renders a JSON body as { document, data } with no engine, flatten or files', async () => {
    const core = fakeCore();
    const response = await asBytes(request(fakeApp(core)).post(RENDER_PATH).send(BODY));
    expect(response.status).toBe(200);
    expect(onlyRender(core)).toStrictEqual({ document: LETTER, data: BODY });
    const { signal } = core.calls.render[0]!;
    expect(signal).toBeInstanceOf(AbortSignal);
    expect(signal!.aborted).toBe(false);
    expect(core.calls.check).toStrictEqual([]);
  });

  it('passes ?engine=acroform&flatten=false as engine "acroform" and flatten false', async () => {
    const core = fakeCore();
    const response = await asBytes(
      request(fakeApp(core)).post(`/v1/documents/${FORM}?engine=acroform&flatten=false`).send(BODY),
    );
    expect(response.status).toBe(200);
    expect(onlyRender(core)).toStrictEqual({
      document: FORM,
      data: BODY,
      engine: 'acroform',
      flatten: false,
    });
  });

  it('passes ?flatten=true as flatten true, without an engine', async () => {
    const core = fakeCore();
    await asBytes(request(fakeApp(core)).post(`/v1/documents/${FORM}?flatten=true`).send(BODY));
    expect(onlyRender(core)).toStrictEqual({ document: FORM, data: BODY, flatten: true });
  });

  it('passes a multipart image as files.images under its part, assembling, with the data parsed', async () => {
    const core = fakeCore();
    const response = await asBytes(
      request(fakeApp(core))
        .post(RENDER_PATH)
        .field('data', JSON.stringify(BODY))
        .attach('signature', PNG, { filename: 'signature.png', contentType: 'image/png' }),
    );
    expect(response.status).toBe(200);
    expect(onlyRender(core)).toStrictEqual({
      document: LETTER,
      data: BODY,
      files: {
        assembling: true,
        images: [{ part: 'signature', bytes: new Uint8Array(PNG) }],
        attachments: [],
      },
    });
  });

  it('passes the data part sent as a file, parsed, like a text part', async () => {
    const core = fakeCore();
    await asBytes(
      request(fakeApp(core))
        .post(RENDER_PATH)
        .attach('data', Buffer.from(JSON.stringify(BODY)), {
          filename: 'data.json',
          contentType: 'application/json',
        }),
    );
    expect(onlyRender(core)).toStrictEqual({
      document: LETTER,
      data: BODY,
      files: { assembling: true, images: [], attachments: [] },
    });
  });

  it('passes declared attachments first, then free ones with their captions in order', async () => {
    const core = fakeCore();
    const response = await asBytes(
      request(fakeApp(core))
        .post(`${RENDER_PATH}?engine=html`)
        .field('data', JSON.stringify(BODY))
        .field('captions', 'Premier justificatif')
        .field('captions', '  Second justificatif  ')
        .attach('attachments', PDF_A, 'a.pdf')
        .attach('attachments.pieceIdentite', PDF_C, 'identite.pdf')
        .attach('attachments', PDF_B, 'b.pdf')
        .attach('attachments', PDF_C, 'c.pdf'),
    );
    expect(response.status).toBe(200);
    expect(onlyRender(core)).toStrictEqual({
      document: LETTER,
      data: BODY,
      engine: 'html',
      files: {
        assembling: true,
        images: [],
        attachments: [
          {
            part: 'attachments.pieceIdentite',
            name: 'pieceIdentite',
            caption: 'Pièce d’identité',
            bytes: new Uint8Array(PDF_C),
          },
          {
            part: 'attachments[0]',
            caption: 'Premier justificatif',
            bytes: new Uint8Array(PDF_A),
          },
          {
            part: 'attachments[1]',
            caption: 'Second justificatif',
            bytes: new Uint8Array(PDF_B),
          },
          { part: 'attachments[2]', caption: 'Pièce jointe 3', bytes: new Uint8Array(PDF_C) },
        ],
      },
    });
  });

  it('checks a JSON body with core.check, never core.render, and answers its warnings', async () => {
    const core = fakeCore({
      check: (sent) => Promise.resolve(validated(sent, [WARNING, UNICODE_WARNING])),
    });
    const response = await request(fakeApp(core)).post(`${RENDER_PATH}/validate`).send(BODY);
    expect(response.status).toBe(200);
    expect(core.calls.check).toStrictEqual([{ document: LETTER, data: BODY }]);
    expect(core.calls.render).toStrictEqual([]);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.body).toStrictEqual({ valid: true, warnings: [WARNING, UNICODE_WARNING] });
    expect(JSON.parse(response.headers['paperasse-warnings'] as string)).toStrictEqual([
      { code: WARNING.code, path: WARNING.path, message_en: WARNING.message_en },
      {
        code: UNICODE_WARNING.code,
        path: UNICODE_WARNING.path,
        message_en: UNICODE_WARNING.message_en,
      },
    ]);
  });

  it('checks a multipart request with its files', async () => {
    const core = fakeCore();
    const response = await request(fakeApp(core))
      .post(`${RENDER_PATH}/validate`)
      .field('data', JSON.stringify(BODY))
      .attach('attachments.justificatifDomicile', PDF_A, 'domicile.pdf');
    expect(response.status).toBe(200);
    expect(response.body).toStrictEqual({ valid: true, warnings: [] });
    expect(response.headers['paperasse-warnings']).toBeUndefined();
    expect(core.calls.check).toStrictEqual([
      {
        document: LETTER,
        data: BODY,
        files: {
          assembling: true,
          images: [],
          attachments: [
            {
              part: 'attachments.justificatifDomicile',
              name: 'justificatifDomicile',
              caption: 'Justificatif de domicile',
              bytes: new Uint8Array(PDF_A),
            },
          ],
        },
      },
    ]);
  });

  it('answers GET …/blank with core.blank of the document', async () => {
    const core = fakeCore();
    const response = await asBytes(request(fakeApp(core)).get(`/v1/documents/${FORM}/blank`));
    expect(response.status).toBe(200);
    expect(core.calls.blank).toStrictEqual([FORM]);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="${FORM}-vierge.pdf"; filename*=UTF-8''${FORM}-vierge.pdf`,
    );
    expect(bytesOf(response)).toStrictEqual(FAKE_PDF);
    expect(core.calls.render).toStrictEqual([]);
  });

  it('reads a filled form with core.read: the PDF of part "file" and the JSON of part "data"', async () => {
    const core = fakeCore({
      read: () => Promise.resolve({ data: { nom: 'Durand' }, warnings: [WARNING] }),
    });
    const response = await request(fakeApp(core))
      .post(`/v1/documents/${FORM}/read`)
      .attach('file', PDF_A, 'rempli.pdf')
      .field('data', JSON.stringify({ gratification: '600.00' }));
    expect(response.status).toBe(200);
    expect(core.calls.read).toStrictEqual([
      { document: FORM, form: new Uint8Array(PDF_A), data: { gratification: '600.00' } },
    ]);
    expect(response.body).toStrictEqual({
      valid: true,
      data: { nom: 'Durand' },
      warnings: [WARNING],
    });
    expect(JSON.parse(response.headers['paperasse-warnings'] as string)).toHaveLength(1);
  });

  it('reads a filled form sent alone, without a data part', async () => {
    const core = fakeCore();
    const response = await request(fakeApp(core))
      .post(`/v1/documents/${FORM}/read`)
      .attach('file', PDF_A, 'rempli.pdf');
    expect(response.status).toBe(200);
    expect(core.calls.read).toStrictEqual([{ document: FORM, form: new Uint8Array(PDF_A) }]);
  });

  it.each([
    ['a JSON body', (post: request.Test) => post.send(BODY), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['no file', (post: request.Test) => post.field('data', '{}'), 400, 'INVALID_UPLOAD'],
    [
      'another part',
      (post: request.Test) => post.attach('file', PDF_A, 'a.pdf').field('signature', 'x'),
      400,
      'INVALID_UPLOAD',
    ],
    [
      'data that is not JSON',
      (post: request.Test) => post.attach('file', PDF_A, 'a.pdf').field('data', '{nom'),
      400,
      'INVALID_UPLOAD',
    ],
  ] as const)('refuses %s before asking the core', async (_name, send, status, code) => {
    const core = fakeCore();
    const response = await send(request(fakeApp(core)).post(`/v1/documents/${FORM}/read`));
    expect([response.status, response.body.code]).toEqual([status, code]);
    expectNoCoreCall(core);
  });

  it('answers 404 for an unknown document and 405 for GET …/read', async () => {
    const core = fakeCore();
    const unknown = await request(fakeApp(core))
      .post('/v1/documents/inconnu/read')
      .attach('file', PDF_A, 'a.pdf');
    expect(unknown.status).toBe(404);
    const get = await request(fakeApp(core)).get(`/v1/documents/${FORM}/read`);
    expect([get.status, get.headers.allow]).toEqual([405, 'POST']);
  });

  it('answers POST /v1/pdf/fields with core.forms.fields of the uploaded file', async () => {
    const fields = [
      { name: 'nom', type: 'text', value: 'Durand' },
      { name: 'adresse.ville', type: 'text', value: null },
    ];
    const core = fakeCore({ fields: () => Promise.resolve(fields) });
    const response = await request(fakeApp(core))
      .post('/v1/pdf/fields')
      .attach('file', PDF_A, 'form.pdf');
    expect(response.status).toBe(200);
    expect(core.calls.fields).toStrictEqual([new Uint8Array(PDF_A)]);
    expect(response.body).toStrictEqual({ fields });
  });

  it('answers POST /v1/pdf/fill with core.forms.fill of the file, values and flatten=false', async () => {
    const core = fakeCore();
    const response = await asBytes(
      request(fakeApp(core))
        .post('/v1/pdf/fill')
        .field('values', JSON.stringify({ nom: 'Dupont', coche: true }))
        .field('flatten', 'false')
        .attach('file', PDF_B, 'form.pdf'),
    );
    expect(response.status).toBe(200);
    expect(core.calls.fill).toStrictEqual([
      {
        pdf: new Uint8Array(PDF_B),
        values: { nom: 'Dupont', coche: true },
        options: { flatten: false },
      },
    ]);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="formulaire-rempli.pdf"; filename*=UTF-8''formulaire-rempli.pdf`,
    );
    expect(bytesOf(response)).toStrictEqual(FAKE_PDF);
  });

  it('fills flattened when /v1/pdf/fill has no flatten part', async () => {
    const core = fakeCore();
    await asBytes(
      request(fakeApp(core))
        .post('/v1/pdf/fill')
        .field('values', '{}')
        .attach('file', PDF_B, 'form.pdf'),
    );
    expect(core.calls.fill.map((call) => call.options)).toStrictEqual([{ flatten: true }]);
  });
});

describe('the edge says the core’s answer', () => {
  it('sends the PDF bytes byte for byte as application/pdf, named from fileName', async () => {
    const core = fakeCore({
      render: () => Promise.resolve(rendered({ fileName: 'attestation-hébergement-Dupont' })),
    });
    const response = await asBytes(request(fakeApp(core)).post(RENDER_PATH).send(BODY));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-length']).toBe(String(FAKE_PDF.length));
    expect(bytesOf(response)).toStrictEqual(FAKE_PDF);
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="attestation-hebergement-Dupont.pdf"; ` +
        `filename*=UTF-8''attestation-h%C3%A9bergement-Dupont.pdf`,
    );
    expect(response.headers['access-control-expose-headers']).toBe(
      'Paperasse-Warnings, Content-Disposition',
    );
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('sends no Paperasse-Warnings header when the core has no warnings', async () => {
    const response = await asBytes(request(fakeApp()).post(RENDER_PATH).send(BODY));
    expect(response.status).toBe(200);
    expect(response.headers['paperasse-warnings']).toBeUndefined();
  });

  it('sends the core’s warnings in Paperasse-Warnings as ASCII JSON of {code, path, message_en}', async () => {
    const core = fakeCore({
      render: () => Promise.resolve(rendered({ warnings: [WARNING, UNICODE_WARNING] })),
    });
    const response = await asBytes(request(fakeApp(core)).post(RENDER_PATH).send(BODY));
    expect(response.status).toBe(200);
    const header = response.headers['paperasse-warnings'] as string;
    expect(header).toBe(
      '[{"code":"ADRESSE_INCOMPLETE","path":"hebergeant.adresse",' +
        '"message_en":"The address has no postcode."},' +
        '{"code":"NOM_LONG","path":"heberge.nomNaissance",' +
        '"message_en":"The hosted person\\u2019s name \\u2013 \\u201cZo\\u00eb\\u201d \\u2013 will be cut."}]',
    );
    expect(JSON.parse(header)).toStrictEqual([
      { code: WARNING.code, path: WARNING.path, message_en: WARNING.message_en },
      {
        code: UNICODE_WARNING.code,
        path: UNICODE_WARNING.path,
        message_en: UNICODE_WARNING.message_en,
      },
    ]);
    expect(bytesOf(response)).toStrictEqual(FAKE_PDF);
  });
});

describe('the edge says every core error with its status and problem', () => {
  const cases = (Object.keys(ERROR_CODES) as ErrorCode[]).map((code) => ({
    code,
    status: HTTP_STATUS[code],
  }));

  it('keeps the public status of every code (a change is a break of the API)', () => {
    const byStatus: Record<number, ErrorCode[]> = {
      400: ['MALFORMED_JSON', 'EMPTY_BODY', 'INVALID_PARAMETER', 'INVALID_UPLOAD'],
      401: ['UNAUTHORIZED'],
      404: ['NOT_FOUND', 'UNKNOWN_DOCUMENT', 'ENGINE_UNAVAILABLE', 'UNKNOWN_JOB'],
      405: ['METHOD_NOT_ALLOWED'],
      409: [
        'IDEMPOTENCY_IN_PROGRESS',
        'IDEMPOTENCY_ANSWER_NOT_KEPT',
        'JOB_NOT_FINISHED',
        'JOB_FAILED',
      ],
      413: ['PAYLOAD_TOO_LARGE', 'TOO_MANY_PAGES'],
      415: ['UNSUPPORTED_MEDIA_TYPE', 'NOT_A_PDF', 'UNSUPPORTED_FILE_TYPE'],
      422: [
        'PDF_ENCRYPTED',
        'PDF_XFA_ONLY',
        'PDF_UNREADABLE',
        'PDF_NO_FORM',
        'PDF_TOO_COMPLEX',
        'SHEET_TOO_COMPLEX',
        'IMAGE_UNDECODABLE',
        'IMAGE_TOO_LARGE',
        'OFFICIAL_FORM_MISMATCH',
        'VALIDATION_FAILED',
        'IDEMPOTENCY_KEY_REUSED',
      ],
      429: ['RENDER_QUEUE_FULL', 'RATE_LIMITED', 'JOB_QUEUE_FULL'],
      500: ['INTERNAL'],
      503: ['RENDERER_UNAVAILABLE', 'RENDER_TIMEOUT', 'JOBS_UNAVAILABLE'],
    };
    const expected = Object.entries(byStatus).flatMap(([status, codes]) =>
      codes.map((code) => [code, Number(status)] as const),
    );
    expect(Object.fromEntries(cases.map(({ code, status }) => [code, status]))).toStrictEqual(
      Object.fromEntries(expected),
    );
  });

  it.each(cases)(
    'answers $status with the $code problem when core.render throws it',
    async ({ code, status }) => {
      const core = fakeCore({
        render: () =>
          Promise.reject(
            new CoreError(code, {
              detail_en: `English detail of ${code}.`,
              detail_fr: `Détail français de ${code}.`,
              cause: new Error('secret cause, never sent'),
            }),
          ),
      });
      const response = await request(fakeApp(core)).post(RENDER_PATH).send(BODY);
      expect(response.status).toBe(status);
      expect(problemOf(response)).toStrictEqual({
        type: typeOf(code),
        title: ERROR_CODES[code].en,
        title_fr: ERROR_CODES[code].fr,
        status,
        code,
        detail: `English detail of ${code}.`,
        detail_fr: `Détail français de ${code}.`,
        instance: RENDER_PATH,
      });
      expect(response.text).not.toContain('secret cause');
      expect(response.headers['retry-after']).toBeUndefined();
    },
  );

  it('answers 429 with Retry-After when the core says RENDER_QUEUE_FULL', async () => {
    const core = fakeCore({
      render: () =>
        Promise.reject(
          new CoreError('RENDER_QUEUE_FULL', {
            detail_en: 'Too many renders; retry in 7 s.',
            detail_fr: 'Trop de rendus ; réessayez dans 7 s.',
            retryAfterSeconds: 7,
          }),
        ),
    });
    const response = await request(fakeApp(core)).post(RENDER_PATH).send(BODY);
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('7');
    expect(problemOf(response).code).toBe('RENDER_QUEUE_FULL');
  });

  it('answers 503 with Retry-After when the core says RENDERER_UNAVAILABLE with a delay', async () => {
    const core = fakeCore({
      render: () =>
        Promise.reject(
          new CoreError('RENDERER_UNAVAILABLE', {
            detail_en: 'Chromium is restarting.',
            detail_fr: 'Chromium redémarre.',
            retryAfterSeconds: 0,
          }),
        ),
    });
    const response = await request(fakeApp(core)).post(RENDER_PATH).send(BODY);
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('0');
  });

  it('answers 422 with the field errors of VALIDATION_FAILED passed through', async () => {
    const errors: FieldIssue[] = [
      {
        path: 'heberge.dateNaissance',
        code: 'DATE_FUTURE',
        message_fr: 'La date de naissance est dans le futur.',
        message_en: 'The date of birth is in the future.',
      },
      {
        path: '',
        code: 'REQUIRED',
        message_fr: 'Le document est vide.',
        message_en: 'The document is empty.',
      },
    ];
    const core = fakeCore({ render: () => Promise.reject(validationFailed(errors)) });
    const response = await request(fakeApp(core)).post(RENDER_PATH).send(BODY);
    expect(response.status).toBe(422);
    expect(problemOf(response)).toStrictEqual({
      type: '/problems/validation-failed',
      title: 'Validation failed',
      title_fr: 'Données invalides',
      status: 422,
      code: 'VALIDATION_FAILED',
      detail: 'Invalid fields: heberge.dateNaissance, (racine)',
      detail_fr: 'Champs invalides : heberge.dateNaissance, (racine)',
      instance: RENDER_PATH,
      errors,
    });
  });

  it('answers 500 INTERNAL, leaking neither message nor stack, when the core throws a plain Error', async () => {
    const core = fakeCore({
      render: () => Promise.reject(new TypeError('cannot read /srv/secret/nir.json')),
    });
    const response = await request(fakeApp(core)).post(RENDER_PATH).send(BODY);
    expect(response.status).toBe(500);
    expect(problemOf(response)).toMatchObject({
      type: '/problems/internal',
      title: 'Internal error',
      title_fr: 'Erreur interne',
      status: 500,
      code: 'INTERNAL',
      detail: 'An unexpected error occurred; it has been logged.',
      detail_fr: 'Une erreur inattendue est survenue ; elle a été journalisée.',
    });
    expect(response.text).not.toMatch(/secret|TypeError|nir\.json|\bat\s|\.ts:\d/);
  });

  it('answers 500 INTERNAL when the core throws something that is not an Error', async () => {
    const core = fakeCore({ render: () => Promise.reject('a string, not an error') });
    const response = await request(fakeApp(core)).post(RENDER_PATH).send(BODY);
    expect(response.status).toBe(500);
    expect(problemOf(response).code).toBe('INTERNAL');
    expect(response.text).not.toContain('a string');
  });

  it('answers the core.check error of POST …/validate with its problem', async () => {
    const core = fakeCore({
      check: () =>
        Promise.reject(
          new CoreError('IMAGE_UNDECODABLE', {
            detail_en: 'The image in "signature" cannot be decoded.',
            detail_fr: 'L’image de « signature » est illisible.',
          }),
        ),
    });
    const response = await request(fakeApp(core)).post(`${RENDER_PATH}/validate`).send(BODY);
    expect(response.status).toBe(422);
    expect(problemOf(response)).toMatchObject({
      code: 'IMAGE_UNDECODABLE',
      instance: `${RENDER_PATH}/validate`,
    });
  });

  it('answers the core.blank error of GET …/blank with its problem', async () => {
    const core = fakeCore({
      blank: () =>
        Promise.reject(
          new CoreError('ENGINE_UNAVAILABLE', {
            detail_en: 'No fillable form.',
            detail_fr: 'Pas de formulaire à remplir.',
          }),
        ),
    });
    const response = await request(fakeApp(core)).get(`${RENDER_PATH}/blank`);
    expect(response.status).toBe(404);
    expect(problemOf(response)).toMatchObject({
      code: 'ENGINE_UNAVAILABLE',
      detail: 'No fillable form.',
    });
  });

  it('answers the core.forms error of /v1/pdf/fields with its problem', async () => {
    const core = fakeCore({
      fields: () =>
        Promise.reject(
          new CoreError('PDF_ENCRYPTED', { detail_en: 'Encrypted.', detail_fr: 'Chiffré.' }),
        ),
    });
    const response = await request(fakeApp(core))
      .post('/v1/pdf/fields')
      .attach('file', PDF_A, 'form.pdf');
    expect(response.status).toBe(422);
    expect(problemOf(response)).toMatchObject({
      code: 'PDF_ENCRYPTED',
      instance: '/v1/pdf/fields',
    });
  });
});

describe('the edge refuses by itself, without reaching the core', () => {
  function expectProblem(
    response: request.Response,
    status: number,
    code: ErrorCode,
    detail: string,
  ): void {
    expect(response.status).toBe(status);
    const problem = problemOf(response);
    expect(problem).toMatchObject({ type: typeOf(code), status, code, detail });
    expect(problem.detail_fr.length).toBeGreaterThan(0);
  }

  it('answers 404 UNKNOWN_DOCUMENT for an unknown document, before reading its body', async () => {
    const core = fakeCore();
    const response = await request(fakeApp(core))
      .post('/v1/documents/formulaire-inconnu')
      .set('Content-Type', 'application/json')
      .send('{"not json');
    expectProblem(
      response,
      404,
      'UNKNOWN_DOCUMENT',
      'No document "formulaire-inconnu". GET /v1/documents lists them.',
    );
    expectNoCoreCall(core);
  });

  it('answers 404 UNKNOWN_DOCUMENT to …/validate of an unknown document', async () => {
    const core = fakeCore();
    const response = await request(fakeApp(core))
      .post('/v1/documents/formulaire-inconnu/validate')
      .send(BODY);
    expect(response.status).toBe(404);
    expect(problemOf(response).code).toBe('UNKNOWN_DOCUMENT');
    expectNoCoreCall(core);
  });

  it('answers 400 INVALID_PARAMETER when engine is given twice', async () => {
    const core = fakeCore();
    const response = await request(fakeApp(core))
      .post(`${RENDER_PATH}?engine=html&engine=acroform`)
      .send(BODY);
    expectProblem(response, 400, 'INVALID_PARAMETER', 'engine must be given once.');
    expectNoCoreCall(core);
  });

  it.each(['maybe', 'TRUE', '', '1'])(
    'answers 400 INVALID_PARAMETER for flatten=%j',
    async (value) => {
      const core = fakeCore();
      const response = await request(fakeApp(core))
        .post(`${RENDER_PATH}?flatten=${value}`)
        .send(BODY);
      expectProblem(
        response,
        400,
        'INVALID_PARAMETER',
        'flatten must be true or false, given once.',
      );
      expectNoCoreCall(core);
    },
  );

  it('answers 400 INVALID_PARAMETER when flatten is given twice', async () => {
    const core = fakeCore();
    const response = await request(fakeApp(core))
      .post(`${RENDER_PATH}?flatten=false&flatten=false`)
      .send(BODY);
    expectProblem(response, 400, 'INVALID_PARAMETER', 'flatten must be true or false, given once.');
    expectNoCoreCall(core);
  });

  it('answers 400 MALFORMED_JSON for a malformed body, without echoing it', async () => {
    const core = fakeCore();
    const response = await request(fakeApp(core))
      .post(RENDER_PATH)
      .set('Content-Type', 'application/json')
      .send('{"nir": "2840575123456"');
    expectProblem(response, 400, 'MALFORMED_JSON', 'The request body is not valid JSON.');
    expect(response.text).not.toContain('2840575123456');
    expectNoCoreCall(core);
  });

  it('answers 400 EMPTY_BODY for a JSON request without a body', async () => {
    const core = fakeCore();
    const response = await request(fakeApp(core))
      .post(RENDER_PATH)
      .set('Content-Type', 'application/json');
    expectProblem(
      response,
      400,
      'EMPTY_BODY',
      'Send the document data as a JSON object (Content-Type: application/json).',
    );
    expectNoCoreCall(core);
  });

  it('answers 415 UNSUPPORTED_MEDIA_TYPE for a body that is not JSON', async () => {
    const core = fakeCore();
    const response = await request(fakeApp(core))
      .post(RENDER_PATH)
      .set('Content-Type', 'text/plain')
      .send('bonjour');
    expectProblem(
      response,
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'Content-Type must be application/json, not text/plain.',
    );
    expectNoCoreCall(core);
  });

  it('answers 413 PAYLOAD_TOO_LARGE for a JSON body over bodyLimit', async () => {
    const core = fakeCore();
    const response = await request(fakeApp(core))
      .post(RENDER_PATH)
      .send({ padding: 'x'.repeat(1100) });
    expectProblem(
      response,
      413,
      'PAYLOAD_TOO_LARGE',
      'The request body is over the limit of 1024 bytes (BODY_LIMIT).',
    );
    expectNoCoreCall(core);
  });

  it('answers 400 INVALID_UPLOAD naming an unknown multipart file part', async () => {
    const core = fakeCore();
    const response = await request(fakeApp(core))
      .post(RENDER_PATH)
      .field('data', JSON.stringify(BODY))
      .attach('photo', PNG, 'photo.png');
    expectProblem(
      response,
      400,
      'INVALID_UPLOAD',
      'Unknown part "photo"; this document takes data, file, signature, ' +
        'attachments.pieceIdentite, attachments.justificatifDomicile, attachments, captions.',
    );
    expectNoCoreCall(core);
  });

  it('answers 400 INVALID_UPLOAD naming an unknown multipart text part', async () => {
    const core = fakeCore();
    const response = await request(fakeApp(core))
      .post(`${RENDER_PATH}/validate`)
      .field('data', JSON.stringify(BODY))
      .field('commentaire', 'bonjour');
    expect(response.status).toBe(400);
    expect(problemOf(response).detail).toMatch(/^Unknown part "commentaire"; /);
    expectNoCoreCall(core);
  });

  it('answers 400 INVALID_UPLOAD when the data part is missing or not JSON', async () => {
    const core = fakeCore();
    const missing = await request(fakeApp(core))
      .post(RENDER_PATH)
      .attach('signature', PNG, 'signature.png');
    expectProblem(missing, 400, 'INVALID_UPLOAD', 'The part "data" is missing.');
    const malformed = await request(fakeApp(core)).post(RENDER_PATH).field('data', '{"a":');
    expectProblem(malformed, 400, 'INVALID_UPLOAD', 'The part "data" is not valid JSON.');
    expectNoCoreCall(core);
  });

  it('answers 413 for a multipart file over the file limit, naming its part', async () => {
    const core = fakeCore();
    const response = await request(fakeApp(core))
      .post(RENDER_PATH)
      .field('data', JSON.stringify(BODY))
      .attach('signature', Buffer.alloc(1025), 'signature.png');
    expectProblem(
      response,
      413,
      'PAYLOAD_TOO_LARGE',
      'The file in "signature" is over the limit of 1024 bytes (UPLOAD_FILE_LIMIT).',
    );
    expectNoCoreCall(core);
  });

  it('answers 413 for multipart files over the total limit', async () => {
    const core = fakeCore();
    let test = request(fakeApp(core)).post(RENDER_PATH).field('data', JSON.stringify(BODY));
    for (let index = 0; index < 4; index++) {
      test = test.attach('attachments', Buffer.alloc(1000, index), `annexe-${index}.pdf`);
    }
    const response = await test;
    expectProblem(
      response,
      413,
      'PAYLOAD_TOO_LARGE',
      'The files of the request are over the limit of 3000 bytes in total (UPLOAD_TOTAL_LIMIT).',
    );
    expectNoCoreCall(core);
  });

  it('answers 413 for more multipart files than allowed', async () => {
    const core = fakeCore();
    let test = request(fakeApp(core)).post(RENDER_PATH).field('data', JSON.stringify(BODY));
    for (let index = 0; index < 5; index++) {
      test = test.attach('attachments', PDF_A, `annexe-${index}.pdf`);
    }
    const response = await test;
    expectProblem(
      response,
      413,
      'PAYLOAD_TOO_LARGE',
      'Too many files: at most 4 per request (UPLOAD_MAX_FILES).',
    );
    expectNoCoreCall(core);
  });

  it('answers 400 INVALID_UPLOAD for /v1/pdf/fill values that are not a JSON object', async () => {
    const core = fakeCore();
    const response = await request(fakeApp(core))
      .post('/v1/pdf/fill')
      .field('values', '[1, 2]')
      .attach('file', PDF_A, 'form.pdf');
    expectProblem(response, 400, 'INVALID_UPLOAD', 'The part "values" must be a JSON object.');
    expectNoCoreCall(core);
  });

  it('answers 415 for /v1/pdf/fields without a multipart body', async () => {
    const core = fakeCore();
    const response = await request(fakeApp(core)).post('/v1/pdf/fields').send({ file: 'x' });
    expect(response.status).toBe(415);
    expect(problemOf(response).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expectNoCoreCall(core);
  });

  it.each([
    { method: 'put', path: RENDER_PATH, allow: 'POST' },
    { method: 'get', path: RENDER_PATH, allow: 'POST' },
    { method: 'delete', path: '/v1/documents', allow: 'GET' },
    { method: 'get', path: `${RENDER_PATH}/validate`, allow: 'POST' },
    { method: 'post', path: `${RENDER_PATH}/blank`, allow: 'GET' },
    { method: 'post', path: `${RENDER_PATH}/schema`, allow: 'GET' },
    { method: 'get', path: '/v1/pdf/fill', allow: 'POST' },
  ] as const)(
    'answers 405 with Allow: $allow to $method $path',
    async ({ method, path, allow }) => {
      const core = fakeCore();
      const response = await request(fakeApp(core))[method](path);
      expect(response.headers.allow).toBe(allow);
      expectProblem(
        response,
        405,
        'METHOD_NOT_ALLOWED',
        `${method.toUpperCase()} is not allowed here; use ${allow}.`,
      );
      expectNoCoreCall(core);
    },
  );

  it('answers 404 NOT_FOUND for an unknown route', async () => {
    const core = fakeCore();
    const response = await request(fakeApp(core)).get('/v2/nothing?secret=1');
    expectProblem(response, 404, 'NOT_FOUND', 'No route for GET /v2/nothing.');
    expect(problemOf(response).instance).toBe('/v2/nothing');
    expectNoCoreCall(core);
  });
});

/**
 * Faults found by these tests and fixed since: any 4xx error of express's router or of
 * body-parser used to become a 500 INTERNAL.
 */
describe('client errors of express and body-parser', () => {
  it('answers 400, not 500, to a document id that is not valid percent-encoding', async () => {
    const core = fakeCore();
    const response = await request(fakeApp(core)).post('/v1/documents/%E0').send(BODY);
    expect(response.status).toBe(400);
  });

  it('answers 4xx, not 500, to a body its Content-Encoding cannot decode', async () => {
    const core = fakeCore();
    const response = await request(fakeApp(core))
      .post(RENDER_PATH)
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .send('{"not": "gzip"}');
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });
});

describe('admission before the body is read', () => {
  it('answers 429 with Retry-After when the core refuses to admit a render', async () => {
    const core = fakeCore({
      admit: () => {
        throw new CoreError('RENDER_QUEUE_FULL', {
          detail_en: 'busy',
          detail_fr: 'occupé',
          retryAfterSeconds: 3,
        });
      },
    });
    const response = await request(fakeApp(core)).post(`${RENDER_PATH}?engine=html`).send(BODY);
    expect([response.status, response.headers['retry-after']]).toEqual([429, '3']);
    expect(core.calls.admit).toEqual([{ document: LETTER, engine: 'html' }]);
    expect(core.calls.render).toEqual([]);
  });

  const busy = () =>
    new CoreError('RENDER_QUEUE_FULL', {
      detail_en: 'busy',
      detail_fr: 'occupé',
      retryAfterSeconds: 1,
    });

  it('holds a refused render for refusalHoldMs, then serves it if room was made', async () => {
    let asked = 0;
    const core = fakeCore({
      admit: () => {
        asked += 1;
        if (asked === 1) throw busy();
      },
    });
    const started = performance.now();
    const response = await request(fakeApp(core, { refusalHoldMs: 150 }))
      .post(RENDER_PATH)
      .send(BODY);
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect([asked, core.calls.render.length]).toEqual([2, 1]);
  });

  it('answers 429 after the hold when there is still no room, the body never read', async () => {
    const core = fakeCore({
      admit: () => {
        throw busy();
      },
    });
    const started = performance.now();
    const response = await request(fakeApp(core, { refusalHoldMs: 150 }))
      .post(RENDER_PATH)
      .send(BODY);
    expect([response.status, response.headers['retry-after']]).toEqual([429, '1']);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect([core.calls.admit.length, core.calls.render.length]).toEqual([2, 0]);
  });

  it('holds nothing but a full queue: other refusals answer at once', async () => {
    const core = fakeCore({
      admit: () => {
        throw new CoreError('UNKNOWN_DOCUMENT', { detail_en: 'no', detail_fr: 'non' });
      },
    });
    const started = performance.now();
    const response = await request(fakeApp(core, { refusalHoldMs: 2_000 }))
      .post(RENDER_PATH)
      .send(BODY);
    expect(response.status).toBe(404);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('the edge reads the catalog itself', () => {
  it('lists every document of the catalog with its engines, parts and links', async () => {
    const core = fakeCore();
    const response = await request(fakeApp(core)).get('/v1/documents');
    expect(response.status).toBe(200);
    const listed = (response.body as { documents: { id: string; links: object }[] }).documents;
    expect(listed.map((document) => document.id)).toStrictEqual(
      core.catalog.list().map((entry) => entry.document.id),
    );
    const hebergement = listed.find((document) => document.id === LETTER);
    expect(hebergement).toMatchObject({
      engines: ['html'],
      uploads: {
        images: [{ part: 'signature' }],
        attachments: [
          { part: 'attachments.pieceIdentite', always: true },
          { part: 'attachments.justificatifDomicile', always: false },
        ],
      },
      links: {
        render: RENDER_PATH,
        validate: `${RENDER_PATH}/validate`,
        schema: `${RENDER_PATH}/schema`,
      },
    });
    expect(hebergement?.links).not.toHaveProperty('blank');
    expect(listed.find((document) => document.id === FORM)?.links).toHaveProperty(
      'blank',
      `/v1/documents/${FORM}/blank`,
    );
    expectNoCoreCall(core);
  });

  it('answers a document’s JSON Schema as application/schema+json, with its $id and title', async () => {
    const core = fakeCore();
    const response = await request(fakeApp(core)).get(`${RENDER_PATH}/schema`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/schema+json; charset=utf-8');
    const schema = JSON.parse(response.text) as Record<string, unknown>;
    const entry = core.catalog.find(LETTER);
    expect(schema).toStrictEqual({
      ...entry.jsonSchema,
      $id: `${RENDER_PATH}/schema`,
      title: entry.document.title,
    });
  });
});

describe('a client that goes away', () => {
  it('aborts the signal passed to core.render when the client disconnects', async () => {
    let renderStarted!: () => void;
    const started = new Promise<void>((resolve) => (renderStarted = resolve));
    const core = fakeCore({
      render: (_request, signal) =>
        new Promise((_resolve, reject) => {
          signal?.addEventListener('abort', () => reject(new Error('render aborted')));
          renderStarted();
        }),
    });
    const server = fakeApp(core).listen(0, '127.0.0.1');
    try {
      await once(server, 'listening');
      const { port } = server.address() as AddressInfo;
      const body = JSON.stringify(BODY);
      const client = http.request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: RENDER_PATH,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      });
      client.on('error', () => {}); // "socket hang up": we hang up.
      client.end(body);
      await started;
      const signal = core.calls.render[0]!.signal!;
      expect(signal.aborted).toBe(false);
      client.destroy();
      if (!signal.aborted) await once(signal, 'abort', { signal: AbortSignal.timeout(2000) });
      expect(signal.aborted).toBe(true);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('does not abort the signal of a render that completes', async () => {
    const abortedDuringRender: boolean[] = [];
    const core = fakeCore({
      render: async (_request, signal) => {
        // Long enough for the request's own 'close' (its body read) to have fired.
        await new Promise((resolve) => setTimeout(resolve, 20));
        abortedDuringRender.push(signal?.aborted ?? true);
        return rendered();
      },
    });
    const response = await asBytes(request(fakeApp(core)).post(RENDER_PATH).send(BODY));
    expect(response.status).toBe(200);
    expect(abortedDuringRender).toStrictEqual([false]);
    expect(core.calls.render[0]!.signal!.aborted).toBe(false);
  });
});

describe('health', () => {
  it('answers /healthz 200', async () => {
    const response = await request(fakeApp()).get('/healthz');
    expect(response.status).toBe(200);
    expect(response.body).toStrictEqual({ status: 'ok' });
  });

  it('answers /readyz 200 when readiness says true', async () => {
    const app = fakeApp(fakeCore(), { readiness: { checkReady: () => Promise.resolve(true) } });
    const response = await request(app).get('/readyz');
    expect(response.status).toBe(200);
    expect(response.body).toStrictEqual({ status: 'ready', renderer: true });
  });

  it('answers /readyz 503 when readiness says false', async () => {
    const app = fakeApp(fakeCore(), { readiness: { checkReady: () => Promise.resolve(false) } });
    const response = await request(app).get('/readyz');
    expect(response.status).toBe(503);
    expect(response.body).toStrictEqual({ status: 'unavailable', renderer: false });
  });

  it('answers /readyz 503 when readiness fails', async () => {
    const app = fakeApp(fakeCore(), {
      readiness: { checkReady: () => Promise.reject(new Error('Chromium crashed')) },
    });
    const response = await request(app).get('/readyz');
    expect(response.status).toBe(503);
    expect(response.body).toStrictEqual({ status: 'unavailable', renderer: false });
  });
});
