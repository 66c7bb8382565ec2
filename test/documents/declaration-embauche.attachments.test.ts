import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { declarationEmbaucheEmploiFamilial as definition } from '../../src/documents/declaration-embauche-emploi-familial/index.js';
import { inspectForm } from '../../src/engines/acroform/inspect.js';
import { createHandlebars } from '../../src/engines/html/handlebars-env.js';
import { readFieldValues } from '../../src/engines/html/form-fields.js';
import { loadTemplates } from '../../src/engines/html/template-store.js';
import { templatesDir } from '../../src/paths.js';
import { useRuntime } from '../helpers/app.js';
import { darkPixelsIn, renderGray } from '../helpers/forms.js';
import { asBytes, getBytes } from '../helpers/http.js';
import { pdfInfo, pdfText, squash } from '../helpers/pdf.js';
import { codes, ruleHarness } from '../helpers/rules.js';
import { loadSample, withChange } from '../helpers/samples.js';
import { smallJpeg } from '../uploads/image-fixtures.js';
import { multiPagePdf } from '../uploads/pdf-fixtures.js';

/**
 * Section 5 of the hiring declaration, "Joindre une copie": each box is ticked when the request
 * brings that supporting document (part attachments.<name>), the residence permit is asked for
 * (and warned about) outside the EU, the EEA and Switzerland only, and a JSON request ticks none.
 */
const ID = 'declaration-embauche-emploi-familial';
const sample = loadSample(ID);
/** The three boxes of section 5 (field names of the fillable form) and the parts ticking them. */
const BOXES = {
  'immatriculation.pieceIdentite': 'pieceIdentite',
  'immatriculation.pieceEtatCivil': 'acteNaissance',
  'immatriculation.titreSejour': 'titreSejour',
} as const;
type Piece = (typeof BOXES)[keyof typeof BOXES];

/** A Swiss stagiaire without NIR: the registration request, without a residence permit. */
const swiss = withChange(withChange(sample, 'salarie.nationalite', 'CH'), 'salarie.lieuNaissance', {
  commune: 'Lausanne',
  pays: 'CH',
});
const withNir = withChange(sample, 'salarie.nir', '2 03 08 99 246 017 93');

describe('the view model knows which supporting documents the request brings (no Chromium)', () => {
  const { validateRequest } = ruleHarness(ID, { now: '2026-03-05T10:00:00Z' });
  const template = loadTemplates(createHandlebars(), templatesDir, [ID]).get(ID) as (
    viewModel: unknown,
  ) => string;
  const bytes = new Uint8Array([1]);

  /** Validated as a multipart request bringing `pieces` (and a free annex), or as JSON. */
  function validated(body: unknown, pieces: readonly Piece[] | 'json') {
    const files =
      pieces === 'json'
        ? undefined
        : {
            assembling: true,
            images: [],
            attachments: [
              ...pieces.map((name) => ({
                part: `attachments.${name}`,
                name,
                caption: name,
                bytes,
              })),
              { part: 'attachments[0]', caption: 'Annexe libre', bytes },
            ],
          };
    return validateRequest({ document: ID, data: body, ...(files ? { files } : {}) });
  }

  /** The state of each box of section 5, read from the HTML as the acroform engine reads it. */
  function boxes(body: unknown, pieces: readonly Piece[] | 'json') {
    const { input, context } = validated(body, pieces);
    const values = readFieldValues(template(definition.toViewModel(input, context)));
    return Object.fromEntries(
      Object.keys(BOXES)
        .filter((field) => field in values)
        .map((field) => [field, values[field]]),
    );
  }

  it('passes the names of the declared supporting documents in the context, not the free annexes', () => {
    expect(validated(sample, ['acteNaissance', 'pieceIdentite']).context.attached).toEqual([
      'acteNaissance',
      'pieceIdentite',
    ]);
    expect(validated(sample, []).context.attached).toEqual([]);
    expect(validated(sample, 'json').context.attached).toEqual([]);
  });

  it.each([
    ['a JSON request', 'json', [false, false, false]],
    ['no supporting document', [], [false, false, false]],
    ['the identity document', ['pieceIdentite'], [true, false, false]],
    ['the birth certificate', ['acteNaissance'], [false, true, false]],
    ['the residence permit', ['titreSejour'], [false, false, true]],
    ['all three', ['pieceIdentite', 'acteNaissance', 'titreSejour'], [true, true, true]],
  ] as const)('ticks exactly the boxes of what it brings: %s', (_name, pieces, ticked) => {
    expect(boxes(sample, pieces)).toEqual({
      'immatriculation.pieceIdentite': ticked[0],
      'immatriculation.pieceEtatCivil': ticked[1],
      'immatriculation.titreSejour': ticked[2],
    });
  });

  it('has no residence permit box for a Swiss national, whatever is sent', () => {
    expect(boxes(swiss, ['pieceIdentite', 'acteNaissance', 'titreSejour'])).toEqual({
      'immatriculation.pieceIdentite': true,
      'immatriculation.pieceEtatCivil': true,
    });
  });

  it('has no section 5 with a NIR, whatever is sent', () => {
    expect(boxes(withNir, ['pieceIdentite', 'acteNaissance', 'titreSejour'])).toEqual({});
  });

  it('warns ATTACHMENT_MISSING for each missing one (multipart only), the residence permit outside the EU, EEA and Switzerland', () => {
    const missing = (body: unknown, pieces: readonly Piece[] | 'json') =>
      codes(validated(body, pieces).warnings);
    expect(missing(sample, [])).toEqual([
      'attachments.pieceIdentite:ATTACHMENT_MISSING',
      'attachments.acteNaissance:ATTACHMENT_MISSING',
      'attachments.titreSejour:ATTACHMENT_MISSING',
    ]);
    expect(missing(sample, ['pieceIdentite', 'acteNaissance'])).toEqual([
      'attachments.titreSejour:ATTACHMENT_MISSING',
    ]);
    expect(missing(sample, ['pieceIdentite', 'acteNaissance', 'titreSejour'])).toEqual([]);
    expect(missing(swiss, ['pieceIdentite', 'acteNaissance'])).toEqual([]);
    expect(missing(withNir, [])).toEqual([]);
    expect(missing(sample, 'json')).toEqual([]);
  });
});

describe('over HTTP', () => {
  const runtime = useRuntime();
  let jpeg: Buffer;
  let pdf: Buffer;
  beforeAll(async () => {
    jpeg = Buffer.from(await smallJpeg());
    pdf = Buffer.from(await multiPagePdf(1, 'Acte de naissance'));
  });

  /** A multipart POST bringing the supporting documents `pieces`. */
  function post(path: string, body: unknown, pieces: readonly Piece[]) {
    let test = asBytes(request(runtime.app).post(path)).field('data', JSON.stringify(body));
    for (const name of pieces) {
      test =
        name === 'acteNaissance'
          ? test.attach(`attachments.${name}`, pdf, 'acte.pdf')
          : test.attach(`attachments.${name}`, jpeg, `${name}.jpg`);
    }
    return test;
  }

  async function rendered(query: string, pieces: readonly Piece[]) {
    const response = await post(`/v1/documents/${ID}${query}`, sample, pieces);
    expect(response.status, String(response.body)).toBe(200);
    return { response, pdf: new Uint8Array(response.body as Buffer) };
  }

  it('lists the residence permit among the parts of GET /v1/documents, asked for in some cases', async () => {
    const response = await request(runtime.app).get('/v1/documents');
    const declaration = response.body.documents.find((d: { id: string }) => d.id === ID);
    expect(declaration.uploads.attachments).toEqual([
      expect.objectContaining({ part: 'attachments.pieceIdentite', always: false }),
      expect.objectContaining({ part: 'attachments.acteNaissance', always: false }),
      {
        part: 'attachments.titreSejour',
        label_fr:
          'Titre de séjour du salarié (VLS-TS ou carte de séjour temporaire « jeune au pair »)',
        label_en:
          "The employee's residence permit (VLS-TS or temporary residence card “jeune au pair”)",
        always: false,
      },
    ]);
  });

  it('takes the residence permit, appends it with its caption, and warns only when it is missing', async () => {
    const all = await rendered('', ['pieceIdentite', 'acteNaissance', 'titreSejour']);
    expect(all.response.headers['paperasse-warnings']).toBeUndefined();
    // The form, the list of annexes, then the three annexes.
    expect((await pdfInfo(all.pdf)).pages).toBe(5);
    expect(squash(pdfText(all.pdf))).toContain(squash('Titre de séjour du salarié (VLS-TS'));
    const two = await rendered('', ['pieceIdentite', 'acteNaissance']);
    const warnings = JSON.parse(two.response.headers['paperasse-warnings'] as string) as unknown[];
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'ATTACHMENT_MISSING', path: 'attachments.titreSejour' }),
    ]);
    const validate = await post(`/v1/documents/${ID}/validate`, sample, ['pieceIdentite']);
    expect(
      (JSON.parse(String(validate.body)) as { warnings: { path: string }[] }).warnings.map(
        (warning) => warning.path,
      ),
    ).toEqual(['attachments.acteNaissance', 'attachments.titreSejour']);
  });

  it('ticks the boxes of what the request brings in the editable acroform form', async () => {
    const { pdf: form } = await rendered('?engine=acroform&flatten=false', [
      'pieceIdentite',
      'titreSejour',
    ]);
    const fields = await inspectForm(form);
    const value = (name: string) => fields.find((field) => field.name === name)?.value;
    expect(Object.keys(BOXES).map(value)).toEqual([true, false, true]);
  });

  it('draws the ticks of what the request brings on the flattened acroform form, and no other', async () => {
    const blank = new Uint8Array(
      (await getBytes(runtime.app, `/v1/documents/${ID}/blank`)).body as Buffer,
    );
    const widgets = new Map(
      (await inspectForm(blank)).map((field) => [field.name, field.widgets[0]?.rect]),
    );
    /** Dark pixels inside each box of section 5, its border left out. */
    const inked = (filled: Uint8Array) => {
      const page = renderGray(filled, 1);
      return Object.keys(BOXES).map((name) => {
        const [x, y, width, height] = widgets.get(name) ?? [0, 0, 0, 0];
        const inner: [number, number, number, number] = [
          x + width * 0.25,
          y + height * 0.25,
          width * 0.5,
          height * 0.5,
        ];
        return darkPixelsIn(page, inner) > 0;
      });
    };
    const { pdf: birth } = await rendered('?engine=acroform', ['acteNaissance']);
    expect(inked(birth)).toEqual([false, true, false]);
    const { pdf: all } = await rendered('?engine=acroform', [
      'pieceIdentite',
      'acteNaissance',
      'titreSejour',
    ]);
    expect(inked(all)).toEqual([true, true, true]);
  });
});
