/**
 * The AcroForm fill: a ~25-field one-page form (22 text fields, one of them multiline, and 3
 * checkboxes) built with pdf-lib, filled with accented values (é, è, ç, œ, « », U+202F) and
 * flattened, by Paperasse's `fillForm` and by a bare pdf-lib fill. Both are CPU-bound in Node's
 * one thread: more than one fill at a time in one process cannot go faster (fillForm is measured
 * at 2 as a check); more throughput needs more processes (or worker threads).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { fillForm } from '../src/engines/acroform/fill.js';
import { coveredCodePoints, loadFonts } from '../src/fonts.js';
import { fontsDir } from '../src/paths.js';
import { interleavedLatency, throughput, timed, WARM_RENDERS, type Latency } from './stats.js';

const NNBSP = '\u202f';

const TEXT_VALUES: Record<string, string> = {
  nom: 'Lefèvre-Œuvray',
  prenom: 'Hélène',
  nomUsage: 'Bœuf',
  naissance: '03/07/1994',
  lieuNaissance: 'Saint-Étienne (Loire)',
  nationalite: 'française',
  nir: '2 94 07 42 218 045 37',
  adresse: `12${NNBSP}bis, rue de l’Église\nRésidence « Les Cèdres », bâtiment C\n42000 Saint-Étienne`,
  codePostal: '42000',
  commune: 'Saint-Étienne',
  telephone: `06${NNBSP}12${NNBSP}34${NNBSP}56${NNBSP}78`,
  courriel: 'helene.lefevre@exemple.fr',
  employeur: 'Société coopérative « Les Œillets »',
  siret: `123${NNBSP}456${NNBSP}789${NNBSP}00012`,
  emploi: 'Aide à domicile (garde d’enfants)',
  debut: '01/09/2025',
  fin: '30/06/2026',
  heures: `24${NNBSP}h par semaine`,
  salaire: `1${NNBSP}234,56${NNBSP}€`,
  observations: 'Cœur de métier : accompagnement, ménage, repas — dès réception.',
  lieu: 'Besançon',
  date: '22/11/2025',
};
const CHECKED: Record<string, boolean> = { majeur: true, cdi: false, tempsPartiel: true };

/** Field name → value, as the API's `values` object. */
export const FORM_VALUES: Record<string, string | boolean> = { ...TEXT_VALUES, ...CHECKED };

export async function buildBenchForm(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const helvetica = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  const form = doc.getForm();
  let y = 800;
  for (const name of Object.keys(TEXT_VALUES)) {
    const height = name === 'adresse' ? 48 : 20;
    y -= height + 8;
    page.drawText(name, { x: 40, y: y + 5, size: 9, font: helvetica });
    const field = form.createTextField(name);
    if (name === 'adresse') field.enableMultiline();
    field.addToPage(page, { x: 150, y, width: 400, height, font: helvetica });
  }
  Object.keys(CHECKED).forEach((name, index) => {
    page.drawText(name, { x: 40 + index * 180, y: 40, size: 9, font: helvetica });
    form
      .createCheckBox(name)
      .addToPage(page, { x: 120 + index * 180, y: 36, width: 14, height: 14 });
  });
  return doc.save({ updateFieldAppearances: false });
}

const fonts = loadFonts(fontsDir);
const covered = coveredCodePoints(fonts);
const sansRegular = readFileSync(join(fontsDir, 'LiberationSans-Regular.ttf'));

/** Paperasse: check every value, set, fix auto sizes, appearances with Liberation Sans, flatten. */
export function paperasseFill(form: Uint8Array): Promise<Uint8Array> {
  return fillForm(form, FORM_VALUES, { flatten: true, fonts, covered });
}

/** Bare pdf-lib: set, `updateFieldAppearances(font)` with embedded Liberation Sans, flatten. */
export async function bareFill(form: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(form);
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(sansRegular, { subset: true });
  const acroForm = doc.getForm();
  for (const [name, value] of Object.entries(TEXT_VALUES))
    acroForm.getTextField(name).setText(value);
  for (const [name, on] of Object.entries(CHECKED)) {
    if (on) acroForm.getCheckBox(name).check();
  }
  acroForm.updateFieldAppearances(font);
  // Without `false`, flatten and save rebuild appearances with Helvetica, which throws on U+202F.
  acroForm.flatten({ updateFieldAppearances: false });
  return doc.save({ updateFieldAppearances: false });
}

export interface FillRow extends Latency {
  fill: string;
  firstMs: number;
  docsPerSecond1: number;
  /** Two fills at a time in this one process (half the iterations): a check, not a gain. */
  docsPerSecond2?: number;
  bytes: number;
}

/**
 * Both fills of the same form: first fills, p50/p95 interleaved (same machine load for both),
 * then docs/s one at a time, and fillForm two at a time.
 */
export async function benchFills(form: Uint8Array): Promise<[FillRow, FillRow]> {
  const paperasse = () => paperasseFill(form);
  const bare = () => bareFill(form);
  const firstPaperasse = await timed(paperasse);
  const firstBare = await timed(bare);
  const [paperasseWarm, bareWarm] = await interleavedLatency(paperasse, bare);
  return [
    {
      fill: 'Paperasse fillForm (flatten)',
      firstMs: firstPaperasse.ms,
      ...paperasseWarm,
      docsPerSecond1: await throughput(paperasse, 1),
      docsPerSecond2: await throughput(paperasse, 2, Math.ceil(WARM_RENDERS / 2)),
      bytes: firstPaperasse.result.length,
    },
    {
      fill: 'bare pdf-lib fill (flatten)',
      firstMs: firstBare.ms,
      ...bareWarm,
      docsPerSecond1: await throughput(bare, 1),
      bytes: firstBare.result.length,
    },
  ];
}

export const FIELD_COUNT = Object.keys(FORM_VALUES).length;
