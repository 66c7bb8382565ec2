import { execFileSync } from 'node:child_process';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useRuntime } from '../helpers/app.js';
import { fillThroughAcroform, getBytes, postForBytes } from '../helpers/http.js';
import { useLegalOverride } from '../helpers/legal-override.js';
import { layoutLines, pdfInfo, pdfText, squash } from '../helpers/pdf.js';
import { loadSample, withChange } from '../helpers/samples.js';

/** What the convention prints beyond the raw sample values the contract test checks. */
const ID = 'convention-au-pair';
const sample = loadSample(ID);
const FOOTER = 'Document établi d’après le modèle Cerfa n° 15973*01';
const runtime = useRuntime();

async function render(body: unknown, app = runtime.app) {
  const response = await postForBytes(app, `/v1/documents/${ID}`, body);
  expect(response.status, String(response.body)).toBe(200);
  const pdf = new Uint8Array(response.body as Buffer);
  const text = pdfText(pdf);
  return { response, pdf, text, flat: squash(text), pages: text.split('\f').map(squash) };
}

/**
 * The scale Chromium printed a page at: a word of the form (its size in pt given) against the
 * footer's "Document", which sits in the page margin box (7 pt, never scaled). Anything wider
 * than the page makes Chromium shrink the whole content to fit, and every value gets smaller.
 */
function printScale(pdf: Uint8Array, page: number, word: string, sizePt: number): number {
  const boxes = execFileSync('pdftotext', ['-bbox', '-f', `${page}`, '-l', `${page}`, '-', '-'], {
    input: pdf,
    encoding: 'utf8',
  });
  const height = (text: string) => {
    const match = new RegExp(`yMin="([\\d.]+)" xMax="[\\d.]+" yMax="([\\d.]+)">(?:${text})<`).exec(
      boxes,
    );
    if (!match) throw new Error(`"${text}" not found on page ${page}`);
    return Number(match[2]) - Number(match[1]);
  };
  return (height(word) / height('Document')) * (7 / sizePt);
}

/** The annex's penalties: how a row starts, its article, sentence and fine (the table's). */
const PENALTY_ROWS: [string, string, string, string][] = [
  ['Traite des êtres humains', '225-4-1, I', '7 ans d’emprisonnement', '150 000 €'],
  ['Traite d’un mineur', '225-4-1, II', '10 ans d’emprisonnement', '1 500 000 €'],
  ['Traite aggravée :', '225-4-2, I', '10 ans d’emprisonnement', '1 500 000 €'],
  ['Traite aggravée d’un mineur', '225-4-2, II', '15 ans de réclusion criminelle', '1 500 000 €'],
  ['Traite en bande organisée', '225-4-3', '20 ans de réclusion criminelle', '3 000 000 €'],
  ['Traite avec tortures', '225-4-4', 'réclusion criminelle à perpétuité', '4 500 000 €'],
  ['Réduction en esclavage', '224-1 A', '20 ans de réclusion criminelle', '—'],
  [
    'Exploitation d’une personne réduite en esclavage',
    '224-1 B',
    '20 ans de réclusion criminelle',
    '—',
  ],
  ['Esclavage aggravé', '224-1 C', '30 ans de réclusion criminelle', '—'],
  ['Obtenir d’une personne vulnérable', '225-13', '5 ans d’emprisonnement', '150 000 €'],
  ['Soumettre une personne vulnérable', '225-14', '7 ans d’emprisonnement', '200 000 €'],
  ['Travail forcé, imposé', '225-14-1', '7 ans d’emprisonnement', '200 000 €'],
  ['Réduction en servitude', '225-14-2', '10 ans d’emprisonnement', '300 000 €'],
  ['Services non rétribués (225-13)', '225-15', '7 ans d’emprisonnement', '200 000 €'],
  ['Conditions indignes (225-14)', '225-15', '10 ans d’emprisonnement', '300 000 €'],
  ['Travail forcé (225-14-1)', '225-15', '10 ans d’emprisonnement', '300 000 €'],
  ['Servitude (225-14-2)', '225-15', '15 ans de réclusion criminelle', '400 000 €'],
];

/** A line that starts a row: its first words, then article, sentence and fine, in that order. */
function rowMatcher(cells: readonly string[]) {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return expect.stringMatching(new RegExp(`^${cells.map(escape).join('.* ')}$`));
}

function change(changes: Record<string, unknown>, base: unknown = sample) {
  let body = base as Record<string, unknown>;
  for (const [path, value] of Object.entries(changes)) body = withChange(body, path, value);
  return body;
}

const stagiaire = change({
  'jeune.nationalite': 'DE',
  'jeune.qualification': undefined,
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
});

describe('the rendered convention', () => {
  it('has the form, the undertakings and the annex on four pages, with the footer on each', async () => {
    const { pdf, pages, text } = await render(sample);
    expect((await pdfInfo(pdf)).pages).toBe(4);
    expect(pages[0]).toContain(squash('N° 15973*01'));
    expect(pages[0]).toContain(
      squash('Convention conclue entre le jeune au pair et la famille d’accueil'),
    );
    expect(pages[0]).toContain(squash('2. La famille d’accueil'));
    // Two children a row leave room for the housing section on page 1.
    expect(pages[0]).toContain(squash('3. Logement'));
    expect(pages[1]).toContain(squash('4. Organisation des activités et des tâches'));
    expect(pages[1]).toContain(squash('8. Modalités de rupture anticipée'));
    expect(pages[2]).toContain(squash('9. Engagements et obligations des signataires'));
    expect(pages[2]).toContain(squash('10. Signatures'));
    expect(pages[3]).toContain(squash('Annexe — Traite des êtres humains'));
    const footers = text.split('\f').slice(0, 4).map(squash);
    footers.forEach((page, index) => {
      expect(page).toContain(squash(FOOTER));
      expect(page).toContain(squash(`Page ${index + 1} / 4`));
    });
    expect(squash(text)).not.toContain(squash('formulaire officiel Cerfa'));
  });

  it('prints at full scale: nothing is wider than the page', async () => {
    const { pdf } = await render(sample);
    expect(printScale(pdf, 1, 'Nom', 9.5)).toBeCloseTo(1, 2);
    expect(printScale(pdf, 2, 'Montant', 9.5)).toBeCloseTo(1, 2);
    expect(printScale(pdf, 3, 'Fait', 9.5)).toBeCloseTo(1, 2);
  });

  it('states the regime: jeune au pair, its weekly limit and minimum pocket money', async () => {
    const { flat } = await render(sample);
    expect(flat).toContain(squash('1. Le jeune au pair'));
    expect(flat).toContain(squash('durée maximale des tâches : 25 h par semaine'));
    expect(flat).toContain(squash('qui ne peut être inférieur à 320,00 €'));
    expect(flat).toContain(squash('Le jeune au pair la joint à sa demande de visa'));
  });

  it('states the stagiaire regime for a European: daily limit, Sunday, French courses', async () => {
    const { flat } = await render(stagiaire);
    expect(flat).toContain(squash('1. Le stagiaire aide familial étranger'));
    expect(flat).toContain(squash('durée maximale des tâches : 5 h par jour'));
    expect(flat).toContain(squash('dont au moins un dimanche par mois'));
    expect(flat).toContain(
      squash('Le stagiaire est inscrit à des cours de français pour étrangers'),
    );
    expect(flat).toContain(squash('Nationalité : allemande'));
    expect(flat).not.toContain(squash('qui ne peut être inférieur à'));
  });

  it('prints the timetable with the weekly total and the rest days', async () => {
    const { flat } = await render(sample);
    expect(flat).toContain(squash('5 h 5 h 6 h 5 h 4 h 0 h 0 h 25 h 2 jours'));
    expect(flat).toContain(squash('Jour(s) de repos complet par semaine : samedi et dimanche'));
    const quarter = await render(change({ 'activites.horaires.vendredi': 3.75 }));
    expect(quarter.flat).toContain(squash('3 h 45 0 h 0 h 24 h 45'));
  });

  it("prints the children's ages at the start of the stay and the length of the stay", async () => {
    const { flat } = await render(sample);
    expect(flat).toContain(squash('Mathéo 21/06/2019 7 ans'));
    expect(flat).toContain(squash('Léonie 09/03/2022 4 ans'));
    expect(flat).toContain(squash('Âge au début de l’accueil : 23 ans'));
    expect(flat).toContain(squash('Du : 04/01/2027 au : 31/10/2027 soit : 9 mois et 28 jours'));
  });

  it('prints the pocket money the French way, with its payment day', async () => {
    const { flat } = await render(change({ 'argentDePoche.montant': 320 }));
    expect(flat).toContain(squash('Montant mensuel : 320,00 € Versé : le 5 de chaque mois'));
  });

  it('prints nationalities as adjectives and the names of the family', async () => {
    const { flat } = await render(sample);
    expect(flat).toContain(squash('Nationalité : colombienne'));
    expect(flat).toContain(squash('Nationalité : française'));
    expect(flat).toContain(squash('Nationalité : belge'));
    expect(flat).toContain(squash('Nom de naissance : GÓMEZ PEÑA'));
    expect(flat).toContain(squash('MARCHAND Aurélie VANDENBROUCKE Benoît'));
  });

  it('prints the annex on trafficking: Code pénal, victims’ rights and national numbers', async () => {
    const { pages } = await render(sample);
    const annex = pages[3] ?? '';
    for (const words of [
      'articles 225-4-1 et suivants du code pénal',
      'Les sanctions pénales encourues',
      'article 225-15-1',
      'cinq fois celle d’une personne physique (article 131-38)',
      'articles 225-4-6 et 225-16',
      'Les droits des victimes',
      'commission d’indemnisation des victimes d’infractions',
      'articles L425-1 et suivants',
      '116 006',
      'Numéro d’urgence européen',
    ]) {
      expect(annex).toContain(squash(words));
    }
    expect(annex).not.toContain(squash('119'));
  });

  it('gives each offence of the annex its article and its penalty, row by row', async () => {
    const { pdf } = await render(sample);
    const lines = layoutLines(pdf, 4);
    for (const row of PENALTY_ROWS) expect(lines, row.join(' | ')).toContainEqual(rowMatcher(row));
  });

  it('ends the annex with the associations that help victims, and how to reach them', async () => {
    const { pages } = await render(sample);
    const annex = pages[3] ?? '';
    for (const words of [
      'France Victimes : numéro national d’aide aux victimes, gratuit, 7 jours sur 7',
      '0 825 009 907',
      'Dispositif national Ac.Sé',
      'coordonné par l’association ALC (Nice)',
      'www.acse-alc.org',
      '01 44 52 88 90',
      'Comité contre l’esclavage moderne (CCEM)',
      'www.esclavagemoderne.org',
    ]) {
      expect(annex).toContain(squash(words));
    }
  });

  it('stays under 200 KB: checkboxes are vectors, not page-sized raster masks', async () => {
    const { pdf } = await render(sample);
    expect(pdf.length).toBeLessThan(200_000);
  });

  it('sets the metadata and names the file after the young person', async () => {
    const { pdf, response } = await render(sample);
    const info = await pdfInfo(pdf);
    expect(info.title).toBe('Convention au pair — Valentina Sofía Gómez Peña');
    expect(info.keywords).toContain('Cerfa 15973*01');
    expect(response.headers['content-disposition']).toContain(
      "filename*=UTF-8''convention-au-pair-G%C3%B3mez%20Pe%C3%B1a-Valentina%20Sof%C3%ADa.pdf",
    );
  });

  it('returns warnings in the Paperasse-Warnings header, never on the document', async () => {
    const { response, flat } = await render(change({ 'logement.surfaceChambre': 8.5 }));
    const warnings = JSON.parse(response.headers['paperasse-warnings'] as string) as unknown[];
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'ROOM_SMALLER_THAN_USUAL', path: 'logement.surfaceChambre' }),
    ]);
    expect(flat).toContain(squash('Surface de la chambre : 8,5 m²'));
    expect(flat).not.toContain(squash('préfectures'));
  });

  it('answers 422 naming the field for a law rule, in both languages, from /validate', async () => {
    const response = await request(runtime.app)
      .post(`/v1/documents/${ID}/validate`)
      .send(change({ 'argentDePoche.montant': '319.99' }));
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        path: 'argentDePoche.montant',
        code: 'POCKET_MONEY_BELOW_MINIMUM',
        message_fr: expect.stringContaining('320,00'),
        message_en: expect.stringContaining('320'),
      }),
    ]);
  });

  it('keeps every value printed and nothing cut when every text is at its maximum length', async () => {
    const long = (length: number) =>
      'Éléonore-Ŵ '.repeat(60).slice(0, length).trim().padEnd(length, 'é');
    const parent = {
      nomNaissance: long(60),
      nomUsage: long(60),
      prenom: long(80),
      nationalite: 'FR',
      profession: long(60),
    };
    const body = change({
      'jeune.nomNaissance': long(60),
      'jeune.nomUsage': long(60),
      'jeune.prenom': long(80),
      'jeune.lieuNaissance.commune': long(60),
      'jeune.numeroPasseport': 'A'.repeat(20),
      'jeune.adressePaysResidence.lignesAdresse': [long(80), long(80), long(80)],
      'jeune.courriel': `${'a'.repeat(68)}@example.com`,
      'jeune.telephone': '+57 (300) 000-000-000-0',
      'famille.courriel': `${'b'.repeat(68)}@example.fr`,
      'jeune.qualification.precisions': long(160),
      'famille.parents': [parent, { ...parent, nationalite: 'BE' }],
      'famille.adresse': {
        numero: long(12),
        voie: long(80),
        complement: long(60),
        codePostal: '69002',
        localite: long(60),
      },
      'famille.enfants': Array.from({ length: 8 }, () => ({
        prenom: long(40),
        dateNaissance: '2019-06-21',
      })),
      'activites.taches': Array.from({ length: 8 }, () => long(160)),
      'activites.precisionsHoraires': long(300),
      cours: { etablissement: long(100), intitule: long(120), heuresParSemaine: 12.75 },
      rupture: { preavisJours: 90, modalites: long(400) },
      'signature.lieu': long(60),
    });
    const { pdf, flat, pages, text } = await render(body);
    const count = (await pdfInfo(pdf)).pages;
    expect(count).toBe(5);
    for (const page of [1, 2, 3])
      expect(printScale(pdf, page, 'Nom|Type|Tâches', 9.5)).toBeCloseTo(1, 2);
    // pdftotext drops the hyphen where a line breaks after one ("Éléonore-|Ŵ"): compare without.
    const unhyphenated = (text: string) => squash(text).replaceAll('-', '');
    for (const value of [
      long(60),
      long(80),
      long(100),
      long(120),
      long(160),
      long(300),
      long(400),
    ]) {
      expect(unhyphenated(flat)).toContain(unhyphenated(value));
    }
    expect(flat).toContain(squash(`${'a'.repeat(68)}@example.com`));
    expect(flat).toContain(squash(`${'b'.repeat(68)}@example.fr`));
    // Sections are never split: each band and its last line sit on the same page.
    const signatures = pages.findIndex((page) => page.includes(squash('10. Signatures')));
    expect(pages[signatures]).toContain(squash('La famille d’accueil'));
    expect(pages[count - 1]).toContain(squash('Annexe — Traite des êtres humains'));
    expect(pages[count - 1]).toContain(squash('116 006'));
    expect(squash(text.split('\f')[count - 1] ?? '')).toContain(squash(`Page ${count} / ${count}`));
  });
});

describe('legal figures come from the table, never from the template', () => {
  const overridden = useLegalOverride(
    [
      { key: 'argentDePocheAuPairMinimum', value: '345.50', unit: 'EUR' },
      { key: 'heuresMaxSemaineAuPair', value: '22.5', unit: 'h/semaine' },
    ],
    'Valeur de test',
  );

  it('prints the minimum and the weekly limit in force at the dates of the convention', async () => {
    const body = change({
      'argentDePoche.montant': '345.50',
      'activites.horaires.vendredi': 1.5,
    });
    const { flat } = await render(body, overridden.app);
    expect(flat).toContain(squash('durée maximale des tâches : 22 h 30 par semaine'));
    expect(flat).toContain(squash('qui ne peut être inférieur à 345,50 €'));
    const response = await request(overridden.app)
      .post(`/v1/documents/${ID}/validate`)
      .send(change({ 'argentDePoche.montant': '345.49', 'activites.horaires.vendredi': 1.5 }));
    expect(response.status).toBe(422);
  });
});

describe('the annex’s penalties come from the legal table, through both engines', () => {
  const AMENDED: [string, string, string, string][] = [
    ['Traite des êtres humains', '225-4-1, I', '7 ans d’emprisonnement', '175 000 €'],
    ['Soumettre une personne vulnérable', '225-14', '8 ans d’emprisonnement', '200 000 €'],
    ['Réduction en esclavage', '224-1 A', 'réclusion criminelle à perpétuité', '—'],
  ];

  const overridden = useLegalOverride(
    [
      { key: 'conditionsIndignesPeine', value: '8', unit: 'ans ou perpétuité' },
      { key: 'traiteAmende', value: '175000', unit: 'EUR' },
      { key: 'reductionEsclavagePeine', value: 'perpétuité', unit: 'ans ou perpétuité' },
    ],
    'Code pénal modifié (valeur de test)',
  );

  it.each(['html', 'acroform'])('prints the amended penalties (%s)', async (engine) => {
    const pdf =
      engine === 'html'
        ? (await render(sample, overridden.app)).pdf
        : await fillThroughAcroform(overridden.app, ID, sample);
    expect((await pdfInfo(pdf)).pages).toBe(4);
    const lines = layoutLines(pdf, 4);
    for (const row of AMENDED) expect(lines, row.join(' | ')).toContainEqual(rowMatcher(row));
    // A convention dated before the amendment keeps the penalties then in force.
    const earlier = withChange(sample, 'signature.date', '2026-06-30');
    const before =
      engine === 'html'
        ? (await render(earlier, overridden.app)).pdf
        : await fillThroughAcroform(overridden.app, ID, earlier);
    expect(layoutLines(before, 4)).toContainEqual(
      rowMatcher([
        'Soumettre une personne vulnérable',
        '225-14',
        '7 ans d’emprisonnement',
        '200 000 €',
      ]),
    );
  });

  it('prints them on the blank form, for the day it is asked', async () => {
    const response = await getBytes(overridden.app, `/v1/documents/${ID}/blank`);
    expect(response.status).toBe(200);
    const lines = layoutLines(new Uint8Array(response.body as Buffer), 4);
    for (const row of AMENDED) expect(lines, row.join(' | ')).toContainEqual(rowMatcher(row));
  });
});

describe('a convention signed after the arrival', () => {
  it('is printed without claiming it was established before the departure', async () => {
    const onTime = (await render(sample)).flat;
    expect(onTime).toContain(squash('La convention est établie avant que le jeune au pair'));
    const late = (await render(withChange(sample, 'signature.date', '2027-01-06'))).flat;
    expect(late).not.toContain(squash('La convention est établie avant que'));
    expect(late).toContain(squash('Le jeune au pair la joint à sa demande de visa'));
  });
});
