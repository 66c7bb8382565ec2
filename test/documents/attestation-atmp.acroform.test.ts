import { execFileSync } from 'node:child_process';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { BOX_WIDTH_PT } from '../../src/documents/attestation-atmp-stage-etranger/fit.js';
import { fillForm } from '../../src/engines/acroform/fill.js';
import { inspectForm } from '../../src/engines/acroform/inspect.js';
import { readFieldValues } from '../../src/engines/html/form-fields.js';
import { coveredCodePoints, loadFonts } from '../../src/fonts.js';
import { fontsDir } from '../../src/paths.js';
import { useRuntime } from '../helpers/app.js';
import { qpdfCheck } from '../helpers/forms.js';
import { fieldValuesOf } from '../helpers/form-values.js';
import { fillThroughAcroform, getBytes } from '../helpers/http.js';
import { pdfFonts, pdfText, squash } from '../helpers/pdf.js';
import { loadSample, withChange } from '../helpers/samples.js';

/** The fillable AT/MP form made from the template (engine acroform, GET …/blank). */
const ID = 'attestation-atmp-stage-etranger';
const sample = loadSample(ID);
const runtime = useRuntime();

const TEXT_FIELDS = [
  'etablissement.lignes[0]',
  'etablissement.lignes[1]',
  'etablissement.lignes[2]',
  'eleve.nom',
  'eleve.prenom',
  'eleve.nationalite',
  'eleve.adresse.numero',
  'eleve.adresse.rue',
  'eleve.adresse.complement',
  'eleve.adresse.localite',
  'eleve.adresse.codePostal',
  'eleve.nir',
  'stage.dateDebut',
  'stage.dateFin',
  'stage.entreprise.lignes[0]',
  'stage.entreprise.lignes[1]',
  'stage.entreprise.lignes[2]',
  'stage.pays',
  'signature.date',
];
/** Exclusive choices: radio groups, with their options. */
const RADIO_GROUPS: Record<string, string[]> = {
  'eleve.statut': ['eleve', 'etudiant'],
  'stage.remunere': ['oui', 'non'],
};

const renderAcroform = (body: unknown, query = '') =>
  fillThroughAcroform(runtime.app, ID, body, query);

describe('GET /v1/documents/attestation-atmp-stage-etranger/blank', () => {
  it('answers the fillable form, every box a field on page 1', async () => {
    const response = await getBytes(runtime.app, `/v1/documents/${ID}/blank`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain(`filename="${ID}-vierge.pdf"`);
    const fields = await inspectForm(new Uint8Array(response.body as Buffer));
    const byName = new Map(fields.map((field) => [field.name, field]));
    const groups = Object.keys(RADIO_GROUPS);
    expect([...byName.keys()].sort()).toEqual([...TEXT_FIELDS, ...groups].sort());
    for (const name of TEXT_FIELDS) expect(byName.get(name)?.type, name).toBe('text');
    for (const [name, options] of Object.entries(RADIO_GROUPS)) {
      expect(byName.get(name), name).toMatchObject({ type: 'radio', options, value: null });
    }
    expect(byName.get('eleve.nir')).toMatchObject({ maxLength: 15, comb: true });
    expect(byName.get('eleve.adresse.codePostal')).toMatchObject({ maxLength: 5 });
    expect(fields.every((field) => field.widgets.every((widget) => widget.page === 1))).toBe(true);
  });

  it('can be filled by pdf-lib, keeps Liberation Sans embedded and renders', async () => {
    const blank = new Uint8Array(
      (await getBytes(runtime.app, `/v1/documents/${ID}/blank`)).body as Buffer,
    );
    expect(pdfFonts(blank).filter((font) => !font.embedded)).toEqual([]);
    const fonts = loadFonts(fontsDir);
    const filled = await fillForm(
      blank,
      {
        'eleve.prenom': 'Héloïse',
        'stage.entreprise.lignes[1]': 'Königstraße 27',
        'eleve.statut': 'eleve',
      },
      { flatten: true, fonts, covered: coveredCodePoints(fonts) },
    );
    const text = squash(pdfText(filled));
    expect(text).toContain(squash('Héloïse'));
    expect(text).toContain(squash('Königstraße 27'));
    expect(qpdfCheck(filled).status).toBe(0);
    const png = execFileSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', '-'], {
      input: filled,
    });
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('prints the footer and the page numbers on the blank form too', async () => {
    const blank = new Uint8Array(
      (await getBytes(runtime.app, `/v1/documents/${ID}/blank`)).body as Buffer,
    );
    const pages = pdfText(blank).replaceAll('’', "'").split('\f');
    for (const [index, page] of pages.slice(0, 2).entries()) {
      expect(page).toContain("Document établi d'après le modèle de l'Assurance maladie");
      expect(page).toContain(`Page ${index + 1} / 2`);
    }
    expect(pages[0]).toContain('Voie :');
    expect(pages[0]).toContain("Complément d'adresse :");
  });

  it('has boxes as wide as the view model reckons when it chooses the dense type', async () => {
    const fields = await inspectForm(
      new Uint8Array((await getBytes(runtime.app, `/v1/documents/${ID}/blank`)).body as Buffer),
    );
    const insets = (2 * 72) / 25.4;
    const width = (name: string) =>
      (fields.find((field) => field.name === name)?.widgets[0]?.rect[2] ?? 0) - insets;
    const boxes: Record<keyof typeof BOX_WIDTH_PT, string> = {
      ligne: 'etablissement.lignes[0]',
      nom: 'eleve.nom',
      prenom: 'eleve.prenom',
      numero: 'eleve.adresse.numero',
      voie: 'eleve.adresse.rue',
      complement: 'eleve.adresse.complement',
      localite: 'eleve.adresse.localite',
    };
    for (const [box, name] of Object.entries(boxes)) {
      // Within a point and a half: the box holds no less than the view model reckons.
      const reckoned = BOX_WIDTH_PT[box as keyof typeof BOX_WIDTH_PT];
      expect(width(name) - reckoned, name).toBeGreaterThanOrEqual(0);
      expect(width(name) - reckoned, name).toBeLessThan(1.5);
    }
  });

  it('answers 404 ENGINE_UNAVAILABLE for a document without a fillable form', async () => {
    const response = await request(runtime.app).get('/v1/documents/attestation-hebergement/blank');
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('ENGINE_UNAVAILABLE');
  });
});

describe('POST /v1/documents/attestation-atmp-stage-etranger?engine=acroform', () => {
  it('prints each field value, accents included, fonts embedded, qpdf clean', async () => {
    const pdf = await renderAcroform(sample);
    const text = squash(pdfText(pdf));
    for (const value of [
      "LEFÈVRE épouse N'DIAYE",
      'Héloïse',
      'Königstraße 27',
      '295109912611193',
    ]) {
      expect(text).toContain(squash(value));
    }
    expect(pdfFonts(pdf).filter((font) => !font.embedded)).toEqual([]);
    const check = qpdfCheck(pdf);
    expect(check.status, check.output).toBe(0);
    await expect(inspectForm(pdf)).rejects.toThrow();
  });

  it('prints the legal figures in force at the attestation date, as the html engine does', async () => {
    // Dated in 2025: 4,35 € an hour; the sample (2026) says 4,50 €. One cached form per period.
    const dated2025 = withChange(sample, 'signature.date', '2025-06-02');
    for (const [body, figure] of [
      [dated2025, '4,35 €'],
      [sample, '4,50 €'],
    ] as const) {
      const text = squash(pdfText(await renderAcroform(body)));
      expect(text).toContain(squash(`le taux horaire de la gratification est égal à ${figure}`));
    }
  });

  it('keeps the form editable with flatten=false, the boxes ticked as the data says', async () => {
    const fields = await inspectForm(await renderAcroform(sample, '&flatten=false'));
    const value = (name: string) => fields.find((field) => field.name === name)?.value;
    expect(value('eleve.prenom')).toBe('Héloïse');
    expect(value('eleve.nir')).toBe('295109912611193');
    expect(value('stage.dateDebut')).toBe('11/01/2027');
    expect(value('eleve.statut')).toBe('etudiant');
    expect(value('stage.remunere')).toBe('non');
  });

  it('reads values with & and apostrophes as printed, not as HTML entities', async () => {
    const body = withChange(
      sample,
      'etablissement.denomination',
      "Lycée Saint-Joseph & l'Assomption",
    );
    expect(fieldValuesOf(runtime, ID, body)['etablissement.lignes[0]']).toBe(
      "Lycée Saint-Joseph & l'Assomption",
    );
    const fields = await inspectForm(await renderAcroform(body, '&flatten=false'));
    expect(fields.find((field) => field.name === 'etablissement.lignes[0]')?.value).toBe(
      "Lycée Saint-Joseph & l'Assomption",
    );
  });

  it.each(['yes', '0', ''])('answers 400 for flatten=%s', async (flatten) => {
    const response = await request(runtime.app)
      .post(`/v1/documents/${ID}?engine=acroform&flatten=${flatten}`)
      .send(sample);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('INVALID_PARAMETER');
  });
});

describe('readFieldValues', () => {
  it('decodes entities, collapses whitespace and reads checkbox states', () => {
    const html =
      '<p><span data-field="a">M&amp;S &#x27;x&#x27;\n  K&ouml;nig&#8239;€</span>' +
      '<span class="checkbox checkbox--checked" data-field="b" data-type="checkbox"></span>' +
      '<span data-field="c" data-type="comb"><span>1</span> <span>2</span></span></p>';
    expect(readFieldValues(html)).toEqual({ a: "M&S 'x' König\u202f€", b: true, c: '12' });
  });
});
