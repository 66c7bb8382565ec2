import { describe, expect, it } from 'vitest';
import { blankConventionAuPairView } from '../../src/documents/convention-au-pair/blank-view.js';
import { conventionAuPairSchema } from '../../src/documents/convention-au-pair/schema.js';
import { toConventionAuPairView } from '../../src/documents/convention-au-pair/view-model.js';
import { inspectForm } from '../../src/engines/acroform/inspect.js';
import { defaultLegalTable, type LegalTable } from '../../src/legal/legal-table.js';
import { useRuntime } from '../helpers/app.js';
import { qpdfCheck } from '../helpers/forms.js';
import { fillThroughAcroform, getBytes } from '../helpers/http.js';
import { layoutLines, pdfInfo, pdfText, squash } from '../helpers/pdf.js';
import { loadSample, withChange } from '../helpers/samples.js';

/** The fillable convention made from its template (engine acroform, GET …/blank). */
const ID = 'convention-au-pair';
const sample = loadSample(ID);
const runtime = useRuntime();
const NBSP = '\u00a0';

/** A representative set of the blank form's fields, by page. */
const TEXT_FIELDS: Record<string, number> = {
  'jeune.nomNaissance': 1,
  'jeune.lieuNaissance.pays': 1,
  'jeune.age': 1,
  'jeune.adressePaysResidence.lignesAdresse[2]': 1,
  'jeune.qualification.precisions': 1,
  'famille.parents[1].profession': 1,
  'famille.adresse.codePostal': 1,
  'famille.nombreEnfants': 1,
  'famille.enfants[0].prenom': 1,
  'famille.enfants[7].age': 1,
  'logement.surfaceChambre': 2,
  'activites.taches[7]': 2,
  'activites.horaires.lundi': 2,
  'activites.totalSemaine': 2,
  'activites.joursRepos': 2,
  'argentDePoche.montant': 2,
  'cours.heuresParSemaine': 2,
  'accueil.duree': 2,
  'rupture.preavisJours': 2,
  'signature.lieu': 3,
  'signature.date': 3,
};
const CHECKBOXES: Record<string, number> = {
  'jeune.qualification.justificatif.professionnel': 1,
  'activites.repos.dimanche': 2,
  'accueil.prolongation': 2,
  'engagements.absenceLienParente': 3,
};
/** One choice of several: a radio group, its options, its page. */
const RADIO_GROUPS: Record<string, [string[], number]> = {
  regime: [['jeuneAuPair', 'stagiaireAideFamilial'], 1],
  'jeune.sexe': [['F', 'M'], 1],
  'logement.type': [['appartement', 'maison'], 2],
  'logement.chambreIndividuelle': [['oui', 'non'], 2],
  'logement.fenetre': [['oui', 'non'], 2],
  'logement.salleDeBain': [['individuelle', 'partagee'], 2],
};
const MULTILINE = ['activites.precisionsHoraires', 'rupture.modalites'];

const renderAcroform = (body: unknown, query = '') =>
  fillThroughAcroform(runtime.app, ID, body, query);

/** A German stagiaire whose family fills every line the form has: eight children, eight tasks. */
const fullStagiaire = (() => {
  let body: Record<string, unknown> = sample;
  for (const [path, value] of Object.entries({
    'jeune.nationalite': 'DE',
    'jeune.qualification': undefined,
    'jeune.adressePaysResidence.lignesAdresse': ['Königstraße 27', 'Hinterhaus', '80331 München'],
    'famille.enfants': Array.from({ length: 8 }, (_, index) => ({
      prenom: `Enfant ${index + 1}`,
      dateNaissance: `201${index}-05-0${index + 1}`,
    })),
    'activites.taches': Array.from({ length: 8 }, (_, index) => `Tâche n° ${index + 1}`),
    'activites.horaires': {
      lundi: 4.5,
      mardi: 4.5,
      mercredi: 5,
      jeudi: 4.5,
      vendredi: 3.75,
      samedi: 2,
      dimanche: 0,
    },
    'argentDePoche.montant': '330.00',
  })) {
    body = withChange(body, path, value);
  }
  return body;
})();

describe('GET /v1/documents/convention-au-pair/blank', () => {
  it('answers the fillable form on four pages, each box a field where it is printed', async () => {
    const response = await getBytes(runtime.app, `/v1/documents/${ID}/blank`);
    expect(response.status).toBe(200);
    expect(response.headers['content-disposition']).toContain(`filename="${ID}-vierge.pdf"`);
    const pdf = new Uint8Array(response.body as Buffer);
    expect((await pdfInfo(pdf)).pages).toBe(4);
    const fields = await inspectForm(pdf);
    const byName = new Map(fields.map((field) => [field.name, field]));
    // 116 boxes, of which 12 are the options of 6 radio groups.
    expect(fields).toHaveLength(110);
    for (const [name, page] of Object.entries(TEXT_FIELDS)) {
      expect(byName.get(name), name).toMatchObject({ type: 'text', value: null });
      expect(
        byName.get(name)?.widgets.map((widget) => widget.page),
        name,
      ).toEqual([page]);
    }
    for (const [name, page] of Object.entries(CHECKBOXES)) {
      expect(byName.get(name), name).toMatchObject({
        type: 'checkbox',
        exportValue: 'Oui',
        value: false,
      });
      expect(byName.get(name)?.widgets[0]?.page, name).toBe(page);
    }
    for (const [name, [options, page]] of Object.entries(RADIO_GROUPS)) {
      expect(byName.get(name), name).toMatchObject({ type: 'radio', options, value: null });
      expect(
        byName.get(name)?.widgets.map((widget) => widget.page),
        name,
      ).toEqual(options.map(() => page));
    }
    for (const name of MULTILINE) {
      expect(byName.get(name), name).toMatchObject({ type: 'text', multiline: true });
    }
    expect(byName.get('famille.adresse.codePostal')).toMatchObject({ maxLength: 5 });
    // No field on the annex (page 4): it is read, not filled.
    expect(fields.flatMap((field) => field.widgets).every((widget) => widget.page < 4)).toBe(true);
  });

  it('prints texts for either regime, no value and nothing undefined', async () => {
    const pdf = new Uint8Array(
      (await getBytes(runtime.app, `/v1/documents/${ID}/blank`)).body as Buffer,
    );
    const text = squash(pdfText(pdf));
    expect(text).toContain(squash('1. Le jeune au pair ou le stagiaire aide familial étranger'));
    expect(text).toContain(
      squash('25 h par semaine pour le jeune au pair, 5 h par jour pour le stagiaire'),
    );
    expect(text).toContain(squash('Le stagiaire est inscrit à des cours de français'));
    expect(text).not.toContain('UNDEFINED');
    expect(text).not.toContain(squash('Aucun enfant'));
  });

  it('carries the annex on page 4: each offence with its penalty, then whom to call', async () => {
    const pdf = new Uint8Array(
      (await getBytes(runtime.app, `/v1/documents/${ID}/blank`)).body as Buffer,
    );
    const lines = layoutLines(pdf, 4);
    for (const row of [
      /^Traite des êtres humains 225-4-1, I 7 ans d’emprisonnement 150 000 €$/,
      /^Traite avec tortures .* 225-4-4 réclusion criminelle à perpétuité 4 500 000 €$/,
      /^Soumettre une personne vulnérable .* 225-14 7 ans d’emprisonnement 200 000 €$/,
      /^Servitude \(225-14-2\) .* 225-15 15 ans de réclusion criminelle 400 000 €$/,
    ]) {
      expect(lines).toContainEqual(expect.stringMatching(row));
    }
    const annex = squash(pdfText(pdf).split('\f')[3] ?? '');
    for (const words of ['116 006', '0 825 009 907', 'www.acse-alc.org', '01 44 52 88 90']) {
      expect(annex).toContain(squash(words));
    }
  });
});

describe('POST /v1/documents/convention-au-pair?engine=acroform', () => {
  it("prints the sample's values in the form with the texts of its regime, qpdf clean", async () => {
    const pdf = await renderAcroform(sample);
    const text = squash(pdfText(pdf));
    for (const value of ['GÓMEZ PEÑA', 'Valentina Sofía', 'Léonie', '09/03/2022', '11,5', '25 h']) {
      expect(text).toContain(squash(value));
    }
    expect(text).toContain(squash('1. Le jeune au pair'));
    expect(text).toContain(squash('durée maximale des tâches : 25 h par semaine)'));
    expect(text).not.toContain(squash('pour le stagiaire'));
    expect((await pdfInfo(pdf)).pages).toBe(4);
    const check = qpdfCheck(pdf);
    expect(check.status, check.output).toBe(0);
  });

  it('fills every line the form holds and ticks the boxes as the data says', async () => {
    const fields = await inspectForm(await renderAcroform(fullStagiaire, '&flatten=false'));
    const value = (name: string) => fields.find((field) => field.name === name)?.value;
    expect(value('regime')).toBe('stagiaireAideFamilial');
    expect(value('famille.enfants[7].prenom')).toBe('Enfant 8');
    expect(value('famille.nombreEnfants')).toBe('8');
    expect(value('activites.taches[7]')).toBe('Tâche n° 8');
    expect(value('jeune.adressePaysResidence.lignesAdresse[0]')).toBe('Königstraße 27');
    expect(value('activites.horaires.vendredi')).toBe(`3${NBSP}h${NBSP}45`);
    expect(value('activites.repos.dimanche')).toBe(true);
    expect(value('activites.repos.samedi')).toBe(false);
    expect(value('logement.chambreIndividuelle')).toBe('oui');
    expect(value('jeune.qualification.justificatif.francais')).toBe(false);
    expect(value('rupture.modalites')).toContain('Notification par lettre');
  });
});

describe('blank view model', () => {
  const context = { legal: defaultLegalTable(), today: '2026-11-22' };

  it('has a box for every field a filled convention prints, at the schema’s maxima', () => {
    const input = conventionAuPairSchema.parse(fullStagiaire);
    const filled = Object.keys(
      runtime.html.fieldValues(ID, toConventionAuPairView(input, context)),
    );
    const blank = runtime.html.fieldValues(ID, blankConventionAuPairView(context));
    expect(filled.filter((name) => !(name in blank))).toEqual([]);
    expect(Object.values(blank).every((value) => value === '' || value === false)).toBe(true);
    expect(runtime.html.toHtml(ID, blankConventionAuPairView(context))).not.toContain('undefined');
  });

  it('quotes the legal figures in force at the date of the input, or today without one', () => {
    // A pocket money minimum raised on 01/07/2026, over the real table.
    const base = defaultLegalTable();
    const legal: LegalTable = {
      ...base,
      valueAt: (key, date) => {
        const entry = base.valueAt(key, date);
        return key === 'argentDePocheAuPairMinimum' && date >= '2026-07-01'
          ? { ...entry, effective: '2026-07-01', value: '345.50' }
          : entry;
      },
    };
    const input = conventionAuPairSchema.parse(sample);
    const early = { legal, today: '2026-03-01' };
    expect(blankConventionAuPairView(early).legal.argentDePocheMinimum).toBe(`320,00${NBSP}€`);
    // The sample is signed on 20/11/2026: its form says 345,50 €, as its html render does.
    const dated = blankConventionAuPairView(early, input);
    expect(dated.legal.argentDePocheMinimum).toBe(`345,50${NBSP}€`);
    expect(dated.legal).toEqual(toConventionAuPairView(input, early).legal);
    expect(dated.regime).toMatchObject({ estAuPair: true, caseAuPair: false });
  });
});
