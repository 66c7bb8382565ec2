import { PDFDocument } from 'pdf-lib';
import request from 'supertest';
import { expect, it } from 'vitest';
import { useRuntime } from '../helpers/app.js';

/**
 * A family fills the blank convention in a PDF reader the way people write, not the way the
 * service prints: lower-case names, dates with dots, a masculine nationality, "350 €", a day off
 * ticked with no hours. Reading it back gives the data a render takes.
 */
const runtime = useRuntime();

const TYPED: Record<string, string> = {
  'jeune.nomNaissance': 'Gómez Peña',
  'jeune.prenom': 'Valentina',
  'jeune.dateNaissance': '14.05.2003',
  'jeune.lieuNaissance.commune': 'Medellín',
  'jeune.lieuNaissance.pays': 'colombie',
  'jeune.nationalite': 'colombien',
  'jeune.numeroPasseport': 'AT4829157',
  'jeune.adressePaysResidence.lignesAdresse[0]': 'Carrera 43A # 7-50',
  'jeune.adressePaysResidence.pays': 'CO',
  'jeune.telephone': '+57 304 512 8890',
  'jeune.courriel': 'valentina@example.com',
  'jeune.qualification.precisions': 'DELF B1',
  'famille.parents[0].nomNaissance': 'Marchand',
  'famille.parents[0].prenom': 'Aurélie',
  'famille.parents[0].nationalite': 'Française',
  'famille.parents[0].profession': 'Médecin',
  'famille.adresse.numero': '18',
  'famille.adresse.voie': 'rue Sainte-Hélène',
  'famille.adresse.codePostal': '69002',
  'famille.adresse.localite': 'Lyon',
  'famille.telephone': '04 78 42 17 63',
  'famille.courriel': 'famille@example.fr',
  'famille.enfants[1].prenom': 'Léonie',
  'famille.enfants[1].dateNaissance': '9/3/2022',
  'logement.nombrePieces': '5',
  'logement.surfaceChambre': '11,5 m²',
  'activites.taches[0]': 'Garder les enfants',
  'activites.horaires.lundi': '5h',
  'activites.horaires.mardi': '5',
  'activites.horaires.mercredi': '6 h',
  'activites.horaires.jeudi': '5',
  'activites.horaires.vendredi': '4',
  'argentDePoche.montant': '350 €',
  'argentDePoche.jourVersement': '5',
  'cours.etablissement': 'Alliance française de Lyon',
  'cours.intitule': 'FLE B2',
  'cours.heuresParSemaine': '6',
  'accueil.dateDebut': '04/01/2027',
  'accueil.dateFin': '31/10/2027',
  'rupture.preavisJours': '15 jours',
  'signature.lieu': 'Lyon',
  'signature.date': '20/11/2026',
};

it('reads a convention typed by a family back into the data a render takes', async () => {
  const blank = await runtime.core.blank('convention-au-pair');
  const doc = await PDFDocument.load(blank.pdf);
  const form = doc.getForm();
  for (const [name, text] of Object.entries(TYPED)) form.getTextField(name).setText(text);
  for (const name of ['activites.repos.samedi', 'activites.repos.dimanche']) {
    form.getCheckBox(name).check();
  }
  for (const name of ['engagements.absenceLienParente', 'engagements.logeNourri']) {
    form.getCheckBox(name).check();
  }
  form.getCheckBox('jeune.qualification.justificatif.francais').check();
  const radios: Record<string, string> = {
    regime: 'jeuneAuPair',
    'jeune.sexe': 'F',
    'logement.type': 'appartement',
    'logement.chambreIndividuelle': 'oui',
    'logement.fenetre': 'oui',
    'logement.salleDeBain': 'partagee',
  };
  for (const [name, option] of Object.entries(radios)) form.getRadioGroup(name).select(option);
  const pdf = await doc.save({ updateFieldAppearances: false });

  const response = await request(runtime.app)
    .post('/v1/documents/convention-au-pair/read')
    .attach('file', Buffer.from(pdf), 'convention-remplie.pdf');

  expect(response.status, JSON.stringify(response.body)).toBe(200);
  const { data } = response.body as { data: Record<string, Record<string, unknown>> };
  expect(data.jeune).toMatchObject({
    nomNaissance: 'Gómez Peña',
    dateNaissance: '2003-05-14',
    lieuNaissance: { commune: 'Medellín', pays: 'CO' },
    nationalite: 'CO',
    sexe: 'F',
    qualification: { justificatif: 'francais' },
  });
  expect(data.famille).toMatchObject({
    parents: [{ nomNaissance: 'Marchand', nationalite: 'FR' }],
    // The child was written on the form's second row: the first, empty, is dropped.
    enfants: [{ prenom: 'Léonie', dateNaissance: '2022-03-09' }],
  });
  expect(data.logement).toEqual({
    type: 'appartement',
    nombrePieces: 5,
    chambreIndividuelle: true,
    surfaceChambre: 11.5,
    fenetre: true,
    salleDeBain: 'partagee',
  });
  expect(data.activites?.horaires).toEqual({
    lundi: 5,
    mardi: 5,
    mercredi: 6,
    jeudi: 5,
    vendredi: 4,
    samedi: 0,
    dimanche: 0,
  });
  expect(data.argentDePoche).toEqual({ montant: '350', jourVersement: 5 });
  expect(data.accueil).toEqual({
    dateDebut: '2027-01-04',
    dateFin: '2027-10-31',
    prolongation: false,
  });
  expect(data.rupture).toEqual({ preavisJours: 15 });

  // What was read renders: the family gets the clean print from its own filled form.
  const rendered = await request(runtime.app).post('/v1/documents/convention-au-pair').send(data);
  expect(rendered.status).toBe(200);
  expect(rendered.headers['content-type']).toBe('application/pdf');
});
