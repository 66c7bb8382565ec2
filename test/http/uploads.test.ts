import { execFileSync } from 'node:child_process';
import request from 'supertest';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldBox } from '../../src/engines/field-box.js';
import type { Runtime } from '../../src/edges/http/runtime.js';
import { startRuntime, useRuntime } from '../helpers/app.js';
import { encrypt, qpdfCheck } from '../helpers/forms.js';
import { asBytes } from '../helpers/http.js';
import { drawnImages, type DrawnImage } from '../helpers/image-boxes.js';
import { pdfInfo, pdfText } from '../helpers/pdf.js';
import { loadSample } from '../helpers/samples.js';
import {
  phonePhoto,
  pngBomb,
  smallJpeg,
  transparentSignature,
  truncated,
} from '../uploads/image-fixtures.js';
import { activePdf, multiPagePdf, rotatedPdf } from '../uploads/pdf-fixtures.js';
import { scriptsOf } from '../uploads/pdf-probe.js';

/**
 * Multipart requests with real files made here: images placed in their boxes (read back from
 * the PDF's content), annexes appended, and every bad upload answered with its 4xx.
 */
const runtime = useRuntime();
const ATMP = 'attestation-atmp-stage-etranger';
const atmp = loadSample(ATMP);

let signature: Buffer;
let photo: Buffer;
let droits: Buffer;
let rotated: Buffer;
beforeAll(async () => {
  signature = Buffer.from(await transparentSignature());
  photo = Buffer.from(await phonePhoto());
  droits = Buffer.from(await multiPagePdf(2, 'Attestation de droits'));
  rotated = Buffer.from(await rotatedPdf());
});

function post(app: Runtime['app'], path: string) {
  return asBytes(request(app).post(path));
}

function problem(response: request.Response): { code: string; detail: string; detail_fr: string } {
  return JSON.parse(String(response.body)) as { code: string; detail: string; detail_fr: string };
}

/** Where the template's image boxes print, for a view model: measured by Chromium. */
async function imageBoxes(
  id: string,
  viewModel: unknown,
  annexes: string[] = [],
): Promise<FieldBox[]> {
  return runtime.pool.measure(runtime.html.toHtml(id, viewModel, { annexes }), '[data-image]');
}

function expectInside(image: DrawnImage, box: FieldBox): void {
  expect(image.page).toBe(box.page);
  expect(image.x).toBeGreaterThanOrEqual(box.x - 0.5);
  expect(image.y).toBeGreaterThanOrEqual(box.y - 0.5);
  expect(image.x + image.width).toBeLessThanOrEqual(box.x + box.width + 0.5);
  expect(image.y + image.height).toBeLessThanOrEqual(box.y + box.height + 0.5);
  // Scaled to fit: one side fills the box, and the proportions are the image's own.
  const fills = Math.abs(image.width - box.width) < 1 || Math.abs(image.height - box.height) < 1;
  expect(fills).toBe(true);
  expect(image.width / image.height).toBeCloseTo(image.pixels[0] / image.pixels[1], 1);
}

describe.each(['html', 'acroform'])(
  'AT/MP attestation with stamp, signature and annexes (%s)',
  (engine) => {
    let pdf: Uint8Array;
    let response: request.Response;
    beforeAll(async () => {
      response = await post(runtime.app, `/v1/documents/${ATMP}?engine=${engine}`)
        .field('data', JSON.stringify(atmp))
        .attach('cachet', signature, 'cachet.png')
        .attach('signature', signature, 'signature.png')
        .attach('attachments.attestationDroits', droits, 'droits.pdf')
        .attach('attachments', rotated, 'convention.pdf')
        .field('captions', 'Convention de stage (extrait)')
        .attach('attachments', photo, 'photo.jpg')
        .field('captions', 'Photo de la carte d’étudiant');
      pdf = new Uint8Array(response.body as Buffer);
    });

    it('answers one valid PDF: the form, the list of annexes, then each annex', async () => {
      expect(response.status).toBe(200);
      expect(qpdfCheck(pdf).status).toBe(0);
      // 2 form pages + 1 list page + 2 + 3 (rotatedPdf) + 1 annex pages.
      const info = await pdfInfo(pdf);
      expect(info.pages).toBe(9);
      expect(info.title).toContain('Héloïse');
      const text = pdfText(pdf);
      expect(text).toContain('Pièces jointes');
      expect(text).toContain('Attestation de droits à l’assurance maladie en cours de validité');
      expect(text).toContain('Convention de stage (extrait)');
      expect(text).toContain('Photo de la carte d’étudiant');
      expect(text).toContain('Attestation de droits 2');
      // The html form also names them under its "Joindre obligatoirement…" line.
      if (engine === 'html') {
        expect(text.replace(/\s+/g, ' ')).toContain(
          'Pièces jointes en annexe : Attestation de droits à l’assurance maladie',
        );
      }
    });

    it('keeps the rotated annex page rotated', async () => {
      const doc = await PDFDocument.load(pdf);
      expect(doc.getPages().map((page) => page.getRotation().angle)).toContain(90);
    });

    it('places the stamp and the signature inside their boxes, undistorted, transparency kept', async () => {
      const onForm = (await drawnImages(pdf)).filter((image) => image.page === 1);
      expect(onForm).toHaveLength(2);
      const { document, input, context } = runtime.core.validate({ document: ATMP, data: atmp });
      const viewModel =
        engine === 'html'
          ? document.toViewModel(input, context)
          : document.blankViewModel?.(context, input);
      // The html form names the annexes under its "joindre" line, which moves what follows.
      const annexes = [
        'Attestation de droits à l’assurance maladie en cours de validité',
        'Convention de stage (extrait)',
        'Photo de la carte d’étudiant',
      ];
      const boxes = await imageBoxes(ATMP, viewModel, engine === 'html' ? annexes : []);
      const [cachet, sign] = ['cachet', 'signature'].map((name) =>
        boxes.find((box) => box.name === name),
      );
      const sorted = [...onForm].sort((a, b) => a.x - b.x);
      expectInside(sorted[0] as DrawnImage, cachet as FieldBox);
      expectInside(sorted[1] as DrawnImage, sign as FieldBox);
      expect(onForm.every((image) => image.hasMask)).toBe(true);
    });

    it('downsamples the phone photo to print resolution', async () => {
      const annexPhoto = (await drawnImages(pdf)).find((image) => image.page === 9);
      expect(annexPhoto).toBeDefined();
      // 200 dpi over an area of at most 180 × 246 mm: 1417 × 1938 px at most.
      expect(Math.max(...(annexPhoto as DrawnImage).pixels)).toBeLessThanOrEqual(1938);
      expect(pdf.length).toBeLessThan(2_000_000);
    });
  },
);

describe('the convention: one signature per party', () => {
  it('places signature.jeune and signature.famille under their party, undistorted', async () => {
    const id = 'convention-au-pair';
    const response = await post(runtime.app, `/v1/documents/${id}`)
      .field('data', JSON.stringify(loadSample(id)))
      .attach('signature.jeune', signature, 'jeune.png')
      .attach('signature.famille', Buffer.from(await smallJpeg()), 'famille.jpg');
    expect(response.status).toBe(200);
    const pdf = new Uint8Array(response.body as Buffer);
    const images = await drawnImages(pdf);
    expect(images).toHaveLength(2);
    // Each party's box: its heading's word on the page, the image below it in the same column.
    // (The pages of a long HTML document break where Chromium decides, so the heading is read
    // from the PDF rather than measured on the HTML.)
    const jeune = images.find((image) => image.pixels[0] === 600) as DrawnImage;
    const parents = images.find((image) => image.pixels[0] === 300) as DrawnImage;
    const famille = phraseBox(pdf, parents.page, 'La famille d’accueil');
    expect(jeune.page).toBe(famille.page);
    expect(parents.page).toBe(famille.page);
    // The family's image is in the right-hand column, under its heading; the young person's left.
    expect(parents.x).toBeGreaterThan(famille.x - 20);
    expect(jeune.x + jeune.width).toBeLessThan(famille.x);
    for (const image of [jeune, parents]) {
      expect(image.y + image.height).toBeLessThan(famille.y);
      expect(famille.y - image.y).toBeLessThan(44 * (72 / 25.4));
      expect(image.width / image.height).toBeCloseTo(image.pixels[0] / image.pixels[1], 1);
    }
  });
});

/**
 * Where the words `phrase` are printed on a page, as pdftotext reads it (XML-escaped): the box of
 * its last occurrence's first word, origin bottom left.
 */
function phraseBox(pdf: Uint8Array, page: number, phrase: string) {
  const xml = execFileSync(
    'pdftotext',
    ['-bbox', '-f', String(page), '-l', String(page), '-', '-'],
    {
      input: pdf,
      encoding: 'utf8',
    },
  );
  const height = Number(/<page width="[\d.]+" height="([\d.]+)"/.exec(xml)?.[1]);
  const words = [
    ...xml.matchAll(/xMin="([\d.]+)" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</g),
  ];
  const wanted = phrase.split(' ');
  let found: RegExpMatchArray | undefined;
  words.forEach((_word, index) => {
    if (wanted.every((text, offset) => words[index + offset]?.[3] === text)) found = words[index];
  });
  if (!found) throw new Error(`"${phrase}" not found on page ${page}`);
  return { page, x: Number(found[1]), y: height - Number(found[2]) };
}

describe('supporting documents asked for', () => {
  it('warns on /validate when one is missing, and not when it is sent', async () => {
    const missing = await request(runtime.app)
      .post(`/v1/documents/${ATMP}/validate`)
      .field('data', JSON.stringify(atmp));
    expect(missing.status).toBe(200);
    expect(missing.body.warnings.map((w: { path: string }) => w.path)).toContain(
      'attachments.attestationDroits',
    );
    const sent = await request(runtime.app)
      .post(`/v1/documents/${ATMP}/validate`)
      .field('data', JSON.stringify(atmp))
      .attach('attachments.attestationDroits', droits, 'droits.pdf');
    expect(sent.body.warnings.map((w: { code: string }) => w.code)).not.toContain(
      'ATTACHMENT_MISSING',
    );
  });

  it('lists the parts each document takes', async () => {
    const response = await request(runtime.app).get('/v1/documents');
    const hebergement = response.body.documents.find(
      (d: { id: string }) => d.id === 'attestation-hebergement',
    );
    expect(hebergement.uploads.attachments.map((a: { part: string }) => a.part)).toEqual([
      'attachments.pieceIdentite',
      'attachments.justificatifDomicile',
    ]);
    expect(hebergement.uploads.images.map((i: { part: string }) => i.part)).toEqual(['signature']);
  });

  it('strips JavaScript and actions from an annexed PDF, and says so', async () => {
    const response = await post(runtime.app, `/v1/documents/${ATMP}`)
      .field('data', JSON.stringify(atmp))
      .attach('attachments.attestationDroits', Buffer.from(await activePdf()), 'droits.pdf');
    expect(response.status).toBe(200);
    expect(scriptsOf(new Uint8Array(response.body as Buffer)).trim()).toBe('');
    const warnings = JSON.parse(response.headers['paperasse-warnings'] as string) as {
      code: string;
      path: string;
    }[];
    const validated = await post(runtime.app, `/v1/documents/${ATMP}/validate`)
      .field('data', JSON.stringify(atmp))
      .attach('attachments.attestationDroits', Buffer.from(await activePdf()), 'droits.pdf');
    const removed = (
      JSON.parse(String(validated.body)) as { warnings: { code: string; message_fr: string }[] }
    ).warnings.find((warning) => warning.code === 'ACTIVE_CONTENT_REMOVED');
    expect(removed?.message_fr).toContain('actions automatiques');
    expect(removed?.message_fr).not.toMatch(/\bLink annotations\b/);
    expect(warnings).toContainEqual(
      expect.objectContaining({
        code: 'ACTIVE_CONTENT_REMOVED',
        path: 'attachments.attestationDroits',
      }),
    );
  });
});

describe('bad uploads', () => {
  const data = () => JSON.stringify(atmp);
  const cases: {
    name: string;
    send: (r: request.Test) => Promise<request.Response> | request.Test;
    status: number;
    code: string;
    names?: string;
  }[] = [
    {
      name: 'a PDF sent as the signature (judged by content)',
      send: (r) => r.field('data', data()).attach('signature', droits, 'signature.png'),
      status: 415,
      code: 'UNSUPPORTED_FILE_TYPE',
      names: 'signature',
    },
    {
      name: 'a text file as an annex',
      send: (r) =>
        r.field('data', data()).attach('attachments', Buffer.from('bonjour'), 'annexe.pdf'),
      status: 415,
      code: 'UNSUPPORTED_FILE_TYPE',
      names: 'attachments[0]',
    },
    {
      name: 'a truncated PNG',
      send: (r) =>
        r.field('data', data()).attach('cachet', Buffer.from(truncated(signature)), 'cachet.png'),
      status: 422,
      code: 'IMAGE_UNDECODABLE',
      names: 'cachet',
    },
    {
      name: 'a decompression bomb',
      send: (r) => r.field('data', data()).attach('cachet', Buffer.from(pngBomb()), 'cachet.png'),
      status: 422,
      code: 'IMAGE_TOO_LARGE',
      names: 'cachet',
    },
    {
      name: 'an encrypted PDF',
      send: (r) =>
        r
          .field('data', data())
          .attach('attachments.attestationDroits', Buffer.from(encrypt(droits)), 'd.pdf'),
      status: 422,
      code: 'PDF_ENCRYPTED',
      names: 'attachments.attestationDroits',
    },
    {
      name: 'a truncated PDF',
      send: (r) =>
        r
          .field('data', data())
          .attach('attachments.attestationDroits', Buffer.from(truncated(droits)), 'd.pdf'),
      status: 422,
      code: 'PDF_UNREADABLE',
      names: 'attachments.attestationDroits',
    },
    {
      name: 'an unknown part',
      send: (r) => r.field('data', data()).attach('photo', signature, 'photo.png'),
      status: 400,
      code: 'INVALID_UPLOAD',
      names: 'photo',
    },
    {
      name: 'the signature twice',
      send: (r) =>
        r
          .field('data', data())
          .attach('signature', signature, 'a.png')
          .attach('signature', signature, 'b.png'),
      status: 400,
      code: 'INVALID_UPLOAD',
      names: 'signature',
    },
    {
      name: 'no data part',
      send: (r) => r.attach('signature', signature, 'a.png'),
      status: 400,
      code: 'INVALID_UPLOAD',
      names: 'data',
    },
    {
      name: 'data that is not JSON',
      send: (r) => r.field('data', '{"eleve":'),
      status: 400,
      code: 'INVALID_UPLOAD',
      names: 'data',
    },
    {
      name: 'more captions than annexes',
      send: (r) => r.field('data', data()).field('captions', 'a').field('captions', 'b'),
      status: 400,
      code: 'INVALID_UPLOAD',
      names: 'captions',
    },
    {
      name: 'a caption with a character no font has',
      send: (r) =>
        r
          .field('data', data())
          .attach('attachments', droits, 'a.pdf')
          .field('captions', 'Annexe 你好'),
      status: 422,
      code: 'VALIDATION_FAILED',
      names: 'captions',
    },
  ];

  it.each(cases)('answers $status $code for $name, naming the part', async (c) => {
    const response = await c.send(post(runtime.app, `/v1/documents/${ATMP}`));
    expect(response.status).toBe(c.status);
    const body = problem(response);
    expect(body.code).toBe(c.code);
    expect(body.detail_fr.length).toBeGreaterThan(0);
    if (c.names) expect(String(response.body)).toContain(c.names);
  });

  it('refuses a bad file on /validate too, before any render', async () => {
    const response = await post(runtime.app, `/v1/documents/${ATMP}/validate`)
      .field('data', JSON.stringify(atmp))
      .attach('signature', droits, 'signature.png');
    expect(response.status).toBe(415);
    // A PDF is not refused as "not a PDF": an image box takes a PNG or a JPEG.
    expect(problem(response).detail).toContain('an image box takes a PNG or a JPEG');
  });
});

describe('upload limits', () => {
  let small: Runtime;
  beforeAll(() => {
    small = startRuntime({
      UPLOAD_FILE_LIMIT: '300kb',
      UPLOAD_TOTAL_LIMIT: '400kb',
      UPLOAD_MAX_FILES: '3',
      ANNEX_PAGE_LIMIT: '3',
    });
  });
  afterAll(() => small.close());

  const send = () => post(small.app, `/v1/documents/${ATMP}`).field('data', JSON.stringify(atmp));

  it.each([
    [
      'a file over UPLOAD_FILE_LIMIT',
      () => send().attach('attachments', photo, 'p.jpg'),
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [
      'files over UPLOAD_TOTAL_LIMIT together',
      () =>
        send()
          .attach('attachments', Buffer.alloc(250_000, 1), 'a.pdf')
          .attach('attachments', Buffer.alloc(250_000, 2), 'b.pdf'),
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [
      'more files than UPLOAD_MAX_FILES',
      () =>
        send()
          .attach('attachments', droits, 'a.pdf')
          .attach('attachments', droits, 'b.pdf')
          .attach('attachments', droits, 'c.pdf')
          .attach('attachments', droits, 'd.pdf'),
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [
      'annexes over ANNEX_PAGE_LIMIT pages',
      () => send().attach('attachments', droits, 'a.pdf').attach('attachments', droits, 'b.pdf'),
      413,
      'TOO_MANY_PAGES',
    ],
  ] as const)('answers %s with %i %s', async (_name, request_, status, code) => {
    const response = await request_();
    expect(response.status).toBe(status);
    expect(problem(response).code).toBe(code);
  });

  it('refuses too many annex pages on /validate as the render does', async () => {
    const response = await post(small.app, `/v1/documents/${ATMP}/validate`)
      .field('data', JSON.stringify(atmp))
      .attach('attachments', droits, 'a.pdf')
      .attach('attachments', droits, 'b.pdf');
    expect(response.status).toBe(413);
    expect(problem(response).detail).toContain('ANNEX_PAGE_LIMIT');
  });
});
