import { describe, expect, it } from 'vitest';
import { blankDeclarationEmbaucheView } from '../../src/documents/declaration-embauche-emploi-familial/blank-view.js';
import { declarationEmbaucheSchema } from '../../src/documents/declaration-embauche-emploi-familial/schema.js';
import { toDeclarationEmbaucheView } from '../../src/documents/declaration-embauche-emploi-familial/view-model.js';
import { inspectForm } from '../../src/engines/acroform/inspect.js';
import { defaultLegalTable } from '../../src/legal/legal-table.js';
import { useRuntime } from '../helpers/app.js';
import { darkPixelsIn, qpdfCheck, renderGray } from '../helpers/forms.js';
import { fillThroughAcroform, getBytes } from '../helpers/http.js';
import { pdfInfo, pdfText, squash } from '../helpers/pdf.js';
import { loadSample, withChange } from '../helpers/samples.js';

/** The fillable hiring declaration made from its template (engine acroform, GET …/blank). */
const ID = 'declaration-embauche-emploi-familial';
const sample = loadSample(ID);
const runtime = useRuntime();

const TEXT_FIELDS = [
  'employeur.nomNaissance',
  'employeur.prenom',
  'employeur.adresse.numero',
  'employeur.adresse.codePostal',
  'employeur.courriel',
  'employeur.numeroUrssaf',
  'salarie.nomUsage',
  'salarie.dateNaissance',
  'salarie.lieuNaissance.commune',
  'salarie.lieuNaissance.pays',
  'salarie.nationalite',
  'salarie.adresse.voie',
  'salarie.adresse.codePostal',
  'emploi.dateDebut',
  'emploi.dateFinPrevue',
  'signature.lieu',
  'signature.date',
];
const CHECKBOXES = [
  'employeur.premiereDeclaration',
  'salarie.sansNir',
  'salarie.adresseEmployeur',
  'immatriculation.pieceIdentite',
  'immatriculation.titreSejour',
];
/** Exclusive choices: radio groups, with their options. */
const RADIO_GROUPS: Record<string, string[]> = {
  'salarie.sexe': ['F', 'M'],
  'emploi.regime': ['stagiaireAideFamilial', 'jeuneAuPair'],
  'emploi.periodeAssiette': ['semaine', 'mois', 'trimestre'],
};

const renderAcroform = (body: unknown, query = '') =>
  fillThroughAcroform(runtime.app, ID, body, query);

function changed(changes: Record<string, unknown>, body: object = sample): object {
  let result = body;
  for (const [path, value] of Object.entries(changes)) result = withChange(result, path, value);
  return result;
}

/** A German stagiaire with a NIR and an address of their own, arriving in Q4 2024. */
const withNir = changed({
  'salarie.nationalite': 'DE',
  'salarie.sexe': 'M',
  'salarie.nir': '1 05 02 99 109 123 73',
  'salarie.adresse': {
    numero: '3',
    voie: 'rue Kervégan',
    complement: 'Chambre sous les combles',
    codePostal: '44000',
    localite: 'Nantes',
  },
  'emploi.dateDebut': '2024-12-15',
  'emploi.periodeAssiette': 'trimestre',
  'emploi.dateFinPrevue': undefined,
  'employeur.numeroUrssaf': undefined,
  'signature.date': '2024-12-18',
});

describe('GET /v1/documents/declaration-embauche-emploi-familial/blank', () => {
  it('answers the fillable form on one page, with both NIR combs of 15 cells', async () => {
    const response = await getBytes(runtime.app, `/v1/documents/${ID}/blank`);
    expect(response.status).toBe(200);
    expect(response.headers['content-disposition']).toContain(`filename="${ID}-vierge.pdf"`);
    const pdf = new Uint8Array(response.body as Buffer);
    expect((await pdfInfo(pdf)).pages).toBe(1);
    const fields = await inspectForm(pdf);
    const byName = new Map(fields.map((field) => [field.name, field]));
    // 42 boxes, of which 7 are the options of 3 radio groups.
    expect(fields).toHaveLength(38);
    for (const [name, options] of Object.entries(RADIO_GROUPS)) {
      expect(byName.get(name), name).toMatchObject({ type: 'radio', options, value: null });
    }
    for (const name of TEXT_FIELDS) {
      expect(byName.get(name), name).toMatchObject({ type: 'text', value: null });
    }
    for (const name of CHECKBOXES) {
      expect(byName.get(name), name).toMatchObject({
        type: 'checkbox',
        exportValue: 'Oui',
        value: false,
      });
    }
    for (const name of ['employeur.nir', 'salarie.nir']) {
      expect(byName.get(name), name).toMatchObject({ type: 'text', maxLength: 15, comb: true });
    }
    expect(byName.get('salarie.adresse.codePostal')).toMatchObject({ maxLength: 5 });
    expect(fields.every((field) => field.widgets.every((widget) => widget.page === 1))).toBe(true);
  });

  it('lines the comb field up with the printed cells: one cell boundary every 15th of the box', async () => {
    const pdf = new Uint8Array(
      (await getBytes(runtime.app, `/v1/documents/${ID}/blank`)).body as Buffer,
    );
    const nir = (await inspectForm(pdf)).find((field) => field.name === 'employeur.nir');
    const [x, y, width, height] = nir?.widgets[0]?.rect ?? [0, 0, 0, 0];
    const page = renderGray(pdf, 1, 288);
    const scale = 288 / 72;
    // Rendered at 288 dpi (rectangles in pixels). Each printed line starts where a cell of the
    // field starts (it is the cell's left border, 0.25 mm = 0.71 pt wide): a thin vertical strip
    // just right of each boundary of the field's 15 cells is dark, one mid-cell is white.
    const strip = (at: number) =>
      darkPixelsIn(page, [at * scale, (y + height * 0.3) * scale, 2, height * 0.4 * scale]);
    for (let cell = 0; cell < 15; cell += 1) {
      expect(strip(x + (width * cell) / 15 + 0.1), `line before cell ${cell}`).toBeGreaterThan(0);
      expect(strip(x + (width * (cell + 0.5)) / 15), `middle of cell ${cell}`).toBe(0);
    }
    expect(strip(x + width - 0.6), 'line closing the comb').toBeGreaterThan(0);
  });

  it('prints the rule of the base, no SMIC figure, date or amount, and nothing undefined', async () => {
    const pdf = new Uint8Array(
      (await getBytes(runtime.app, `/v1/documents/${ID}/blank`)).body as Buffer,
    );
    const text = squash(pdfText(pdf));
    expect(text).toContain(
      squash(
        'Assiette forfaitaire = 13 (par semaine), 56 (par mois) ou 169 (par trimestre) × SMIC horaire',
      ),
    );
    expect(text).toContain(squash('SMIC horaire en vigueur au premier jour du trimestre civil'));
    // Today's quarter (whatever today is) has no figure on the blank: neither the SMIC of a
    // quarter (12,31 € on 01/10/2026 is unconfirmed in the table), nor a date, nor an amount.
    expect(text).not.toMatch(/€|\d\d\/\d\d\/\d{4}|12,31|12,02/);
    expect(text).not.toContain(squash('Assiette forfaitaire par semaine'));
    expect(text).toContain(squash('5 Demande d’immatriculation du salarié'));
    expect(text).toContain(squash('6 Signature de l’employeur'));
    expect(text).toContain(squash('d’après le modèle Cerfa n° 11469*03'));
    expect(text).not.toContain('UNDEFINED');
  });
});

describe('POST /v1/documents/declaration-embauche-emploi-familial?engine=acroform', () => {
  it('prints the NIR in its comb, the values and the base of the arrival’s quarter', async () => {
    const pdf = await renderAcroform(withNir);
    const text = squash(pdfText(pdf));
    for (const value of [
      '105029910912373',
      '282044410903487',
      'LE GOFF',
      'rue Kervégan',
      '15/12/2024',
    ]) {
      expect(text).toContain(squash(value));
    }
    // Q4 2024: the SMIC of 1 October (11,65 €), not today's.
    expect(text).toContain(squash('SMIC horaire en vigueur au 01/10/2024, 11,65 €'));
    expect(text).toContain(squash('par trimestre : 1 968,85 €'));
    const check = qpdfCheck(pdf);
    expect(check.status, check.output).toBe(0);
  });

  it('keeps the form editable with flatten=false, the boxes ticked as the data says', async () => {
    const fields = await inspectForm(await renderAcroform(sample, '&flatten=false'));
    const value = (name: string) => fields.find((field) => field.name === name)?.value;
    expect(value('employeur.nir')).toBe('282044410903487');
    expect(value('salarie.nir') ?? '').toBe('');
    expect(value('salarie.sansNir')).toBe(true);
    expect(value('salarie.adresseEmployeur')).toBe(true);
    expect(value('salarie.adresse.voie') ?? '').toBe('');
    expect(value('salarie.sexe')).toBe('F');
    expect(value('emploi.regime')).toBe('jeuneAuPair');
    expect(value('emploi.periodeAssiette')).toBe('mois');
    expect(value('employeur.premiereDeclaration')).toBe(false);
    expect(value('immatriculation.pieceIdentite')).toBe(false);
    expect(value('salarie.lieuNaissance.pays')).toBe('Pérou');
  });
});

describe('blank view model', () => {
  const context = { legal: defaultLegalTable(), today: '2026-03-05' };

  it('has a box for every field a filled declaration prints, with or without a NIR', () => {
    const blank = runtime.html.fieldValues(ID, blankDeclarationEmbaucheView(context));
    for (const body of [sample, withNir]) {
      const input = declarationEmbaucheSchema.parse(body);
      const filled = Object.keys(
        runtime.html.fieldValues(ID, toDeclarationEmbaucheView(input, context)),
      );
      expect(filled.filter((name) => !(name in blank))).toEqual([]);
    }
    expect(Object.values(blank).every((value) => value === '' || value === false)).toBe(true);
    expect(runtime.html.toHtml(ID, blankDeclarationEmbaucheView(context))).not.toContain(
      'undefined',
    );
  });

  it('states the rule without an input, and the bases in force at the arrival date given', () => {
    const rule = blankDeclarationEmbaucheView(context).assiette;
    expect(rule.regle).toEqual([
      { periode: 'semaine', facteur: '13' },
      { periode: 'mois', facteur: '56' },
      { periode: 'trimestre', facteur: '169' },
    ]);
    expect(rule.bareme).toEqual([]);
    expect([rule.dateSmic, rule.smicHoraire, rule.trimestre, rule.choisie]).toEqual([
      '',
      '',
      '',
      false,
    ]);
    // In a quarter whose SMIC the table marks unconfirmed, the blank prints no figure either.
    const unconfirmed = { ...context, today: '2026-12-03' };
    expect(blankDeclarationEmbaucheView(unconfirmed).assiette).toEqual(rule);
    const input = declarationEmbaucheSchema.parse(withNir);
    const dated = blankDeclarationEmbaucheView(context, input);
    expect([dated.assiette.dateSmic, dated.assiette.smicHoraire]).toEqual([
      '01/10/2024',
      '11,65\u00a0€',
    ]);
    expect(dated.assiette.bareme.map((line) => line.montant)).toEqual(
      ['151,45', '652,40', '1\u00a0968,85'].map((amount) => `${amount}\u00a0€`),
    );
    expect(dated.assiette.regle).toEqual([]);
    expect(dated.assiette.options.every((option) => !option.coche)).toBe(true);
    expect(dated.delaiJours).toBe('8');
  });
});
