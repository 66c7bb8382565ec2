import type { DocumentContext, RuleOutcome } from '../document-definition.js';
import { RuleCollector } from '../rule-kit.js';
import { LegalValueMissingError, type LegalKey, type LegalTable } from '../../legal/legal-table.js';
import { addDays, addMonths, ageAt, compareIso } from '../../shared/dates.js';
import { formatDateFr } from '../../shared/french-format.js';
import { penalSanctionAt } from '../print/penal-mention.js';
import type { AttestationHebergementInput } from './schema.js';

/**
 * The letter's thresholds, from the legal table at the letter's date: majority (Code civil
 * art. 414), "de manière stable ou depuis plus de 3 mois" and "justificatif de moins d'un an"
 * (service-public F14807, SEED-001).
 */
export interface Seuils {
  majorite: number;
  dureePieceIdentiteMois: number;
  ancienneteJustificatifMois: number;
}

export function seuilsAt(legal: LegalTable, date: string): Seuils {
  const figure = (key: LegalKey) => Number(legal.valueAt(key, date).value);
  return {
    majorite: figure('ageMajorite'),
    dureePieceIdentiteMois: figure('dureeHebergementPieceIdentiteMois'),
    ancienneteJustificatifMois: figure('ancienneteMaxJustificatifDomicileMois'),
  };
}

/** A justificatif this close to one year old may be refused at the counter a few weeks later. */
const PREAVIS_JUSTIFICATIF_MOIS = 3;

/** The letter's date: the one given, else today in Paris (as the view model prints it). */
export function dateLettre(input: AttestationHebergementInput, context: DocumentContext): string {
  return input.signature.date ?? context.today;
}

/** How long the hosting has lasted on the letter's date, against the threshold (3 months). */
export type DureeHebergement = 'moins' | 'exactement' | 'plusDe';

/**
 * The letter may only say what the dates support. Counted as elapsed time, like an age (ageAt)
 * or a délai in months (Code de procédure civile art. 641): hosted since 20 August, the three
 * months are complete on 20 November, "depuis trois mois", and exceeded from 21 November,
 * "depuis plus de trois mois". Not both ends counted (domain-spec §1.4's default for periods):
 * the letter is signed during its day, and "depuis le 20 août" read on 20 November is three
 * months, not three months and a day. A month without the same day ends on its last one
 * (art. 641 al. 2): since 30 November, three months on 28 February (29 in a leap year), more
 * from 1 March.
 */
export function dureeHebergement(depuis: string, date: string, seuils: Seuils): DureeHebergement {
  const complete = addMonths(depuis, seuils.dureePieceIdentiteMois);
  const order = compareIso(date, complete);
  return order < 0 ? 'moins' : order === 0 ? 'exactement' : 'plusDe';
}

/**
 * The first letter date on which a hosting since `depuis` has lasted more than the threshold: the
 * day after the months are complete (since 20/08: 21/11).
 */
export function premiereDatePlusDe(depuis: string, seuils: Seuils): string {
  return addDays(addMonths(depuis, seuils.dureePieceIdentiteMois), 1);
}

export function pourPieceIdentite(motif: AttestationHebergementInput['motif']): boolean {
  return motif.type === 'carteIdentite' || motif.type === 'passeport';
}

/** domain-spec §5.4 (AH1–AH5) with DECISIONS §6: law blocks, practice warns. */
export function attestationHebergementRules(
  input: AttestationHebergementInput,
  context: DocumentContext,
): RuleOutcome {
  const rules = new RuleCollector();
  const date = dateLettre(input, context);
  checkMotif(input, rules);
  const datesInOrder = checkDates(input, date, context, rules);
  checkSamePerson(input, rules);
  try {
    penalSanctionAt(context.legal, date);
    const seuils = seuilsAt(context.legal, date);
    if (datesInOrder) {
      checkAges(input, date, seuils, rules);
      checkDuration(input, date, seuils, rules);
    }
    checkJustificatif(input, date, seuils, rules);
  } catch (error: unknown) {
    if (!(error instanceof LegalValueMissingError)) throw error;
    rules.error(
      'signature.date',
      'LEGAL_VALUE_UNAVAILABLE',
      `Aucune valeur légale connue au ${formatDateFr(date)} pour cette attestation (${error.key}).`,
      `No legal value known on ${date} for this attestation (${error.key}).`,
    );
  }
  return rules.outcome();
}

/** H10: "autre" needs its wording; the two identity papers have theirs. */
function checkMotif(input: AttestationHebergementInput, rules: RuleCollector): void {
  const { type, precision } = input.motif;
  if (type === 'autre' && !precision) {
    rules.error(
      'motif.precision',
      'REQUIRED',
      'Motif « autre » : précisez la démarche pour laquelle l’attestation est établie.',
      'Purpose "autre": state what the attestation is for.',
    );
  }
  if (type !== 'autre' && precision) {
    rules.error(
      'motif.precision',
      'PRECISION_WITHOUT_AUTRE',
      'La précision ne s’emploie qu’avec le motif « autre » : la lettre nomme déjà la carte ' +
        'd’identité ou le passeport.',
      'A precision only goes with the purpose "autre": the letter already names the identity ' +
        'card or passport.',
    );
  }
}

/**
 * AH1 and the order of births: born ≤ hosted since ≤ letter date. A newborn may be hosted from
 * the day of birth; the hébergeant must be born before. Returns false when the order is broken,
 * so that the age and duration rules do not pile up on the same mistake.
 */
function checkDates(
  input: AttestationHebergementInput,
  date: string,
  context: DocumentContext,
  rules: RuleCollector,
): boolean {
  const { depuis } = input.hebergement;
  let inOrder = true;
  if (compareIso(depuis, date) > 0) {
    inOrder = false;
    rules.error(
      'hebergement.depuis',
      'DATES_ORDER',
      `L'hébergement (depuis le ${formatDateFr(depuis)}) ne peut commencer après la date de ` +
        `l'attestation (${formatDateFr(date)}).`,
      `The hosting (since ${depuis}) cannot start after the attestation's date (${date}).`,
    );
  }
  if (compareIso(input.heberge.dateNaissance, depuis) > 0) {
    inOrder = false;
    rules.error(
      'heberge.dateNaissance',
      'BIRTH_AFTER_HOSTING_START',
      `La personne hébergée est née (${formatDateFr(input.heberge.dateNaissance)}) après le ` +
        `début de l'hébergement (${formatDateFr(depuis)}).`,
      `The hosted person was born (${input.heberge.dateNaissance}) after the hosting started ` +
        `(${depuis}).`,
    );
  }
  if (compareIso(input.hebergeant.dateNaissance, depuis) >= 0) {
    inOrder = false;
    rules.error(
      'hebergeant.dateNaissance',
      'BIRTH_AFTER_HOSTING_START',
      `L'hébergeant doit être né(e) avant le début de l'hébergement (${formatDateFr(depuis)}).`,
      `The host must be born before the hosting started (${depuis}).`,
    );
  }
  if (compareIso(date, context.today) > 0) {
    rules.warn(
      'signature.date',
      'DATE_IN_FUTURE',
      `L'attestation est datée du ${formatDateFr(date)}, dans le futur : elle atteste un ` +
        'hébergement à cette date ; datez-la du jour de la signature.',
      `The attestation is dated ${date}, in the future: date it the day it is signed.`,
    );
  }
  return inOrder;
}

/**
 * The hébergeant signs as an adult (H2, blocking). A minor hébergé is allowed (a child living with
 * a grandparent, an aunt…) but, for an identity paper, unusual (AH5): a warning.
 */
function checkAges(
  input: AttestationHebergementInput,
  date: string,
  seuils: Seuils,
  rules: RuleCollector,
): void {
  const hostAge = ageAt(input.hebergeant.dateNaissance, date);
  if (hostAge < seuils.majorite) {
    rules.error(
      'hebergeant.dateNaissance',
      'HOST_UNDER_18',
      `L'hébergeant doit être majeur (${seuils.majorite} ans) à la date de l'attestation ` +
        `(${formatDateFr(date)}) ; âge à cette date : ${hostAge} ans.`,
      `The host must be of age (${seuils.majorite}) on the attestation's date (${date}); ` +
        `age then: ${hostAge}.`,
    );
  }
  // For another purpose (a school, a bank), hosting a minor needs no remark.
  if (
    pourPieceIdentite(input.motif) &&
    ageAt(input.heberge.dateNaissance, date) < seuils.majorite
  ) {
    rules.warn(
      'heberge.dateNaissance',
      'HOSTED_PERSON_MINOR',
      'La personne hébergée est mineure : pour sa carte d’identité ou son passeport, on joint en ' +
        'principe le justificatif de domicile de son représentant légal ; cette attestation ne ' +
        'sert que si elle vit chez un tiers (un grand-parent, par exemple).',
      'The hosted person is a minor: an identity card or passport application normally uses the ' +
        "legal guardian's proof of address; this attestation only serves when the child lives " +
        'with someone else (a grandparent, for instance).',
    );
  }
}

/**
 * AH2: for an identity card or passport, "de manière stable" or "depuis plus de 3 mois" (F14807,
 * mairies): strictly more, so exactly three months is not enough, as the letter then says
 * "depuis trois mois" (dureeHebergement).
 */
function checkDuration(
  input: AttestationHebergementInput,
  date: string,
  seuils: Seuils,
  rules: RuleCollector,
): void {
  if (!pourPieceIdentite(input.motif)) return;
  const { depuis, maniereStable } = input.hebergement;
  const duree = dureeHebergement(depuis, date, seuils);
  if (duree === 'plusDe') return;
  const mois = seuils.dureePieceIdentiteMois;
  const earliest = premiereDatePlusDe(depuis, seuils);
  const [lasted, lastedEn] =
    duree === 'exactement'
      ? [`depuis ${mois} mois exactement`, `exactly ${mois} months`]
      : [`depuis moins de ${mois} mois`, `less than ${mois} months`];
  if (!maniereStable) {
    rules.error(
      'hebergement.depuis',
      'HOSTING_TOO_RECENT',
      `Pour une carte d'identité ou un passeport, l'hébergement doit durer depuis plus de ` +
        `${mois} mois ou être attesté « de manière stable » (hebergement.maniereStable). ` +
        `Commencé le ${formatDateFr(depuis)}, il dure ${lasted} au ${formatDateFr(date)} ; ` +
        `plus de ${mois} mois à partir du ${formatDateFr(earliest)}.`,
      `For an identity card or passport, the hosting must have lasted more than ${mois} months ` +
        `or be attested as stable (hebergement.maniereStable). Started on ${depuis}, it has ` +
        `lasted ${lastedEn} on ${date}; more than ${mois} months from ${earliest}.`,
    );
    return;
  }
  rules.warn(
    'hebergement.depuis',
    'STABLE_UNDER_THREE_MONTHS',
    `Hébergement stable, ${lasted} au ${formatDateFr(date)} : service-public.fr l’admet, mais ` +
      `beaucoup de mairies demandent « depuis plus de ${mois} mois » (à partir du ` +
      `${formatDateFr(earliest)}).`,
    `Stable hosting, lasting ${lastedEn} on ${date}: service-public.fr accepts it, but many ` +
      `town halls ask for "more than ${mois} months" (from ${earliest}).`,
  );
}

/** AH3: nobody hosts themselves. Same names (accents and case aside) and birth date → refused. */
function checkSamePerson(input: AttestationHebergementInput, rules: RuleCollector): void {
  const { hebergeant, heberge } = input;
  const same =
    comparable(hebergeant.nomNaissance) === comparable(heberge.nomNaissance) &&
    comparable(hebergeant.prenom) === comparable(heberge.prenom) &&
    hebergeant.dateNaissance === heberge.dateNaissance;
  if (same) {
    rules.error(
      'heberge',
      'SAME_PERSON',
      "L'hébergé et l'hébergeant sont la même personne (mêmes nom, prénom et date de naissance).",
      'The hosted person and the host are the same person (same names and birth date).',
    );
  }
}

/** "Lefèbvre-Château", "LEFEBVRE CHATEAU" and "lefebvre  château" compare equal. */
function comparable(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase('fr-FR')
    .replace(/[\s'’-]+/g, ' ')
    .trim();
}

/** AH4: the letter says "de moins d'un an"; the justificatif, when named, must say the same. */
function checkJustificatif(
  input: AttestationHebergementInput,
  date: string,
  seuils: Seuils,
  rules: RuleCollector,
): void {
  const justificatif = input.justificatifDomicile;
  if (!justificatif) return;
  if (compareIso(justificatif.date, date) > 0) {
    rules.error(
      'justificatifDomicile.date',
      'DATES_ORDER',
      `Le justificatif (${formatDateFr(justificatif.date)}) ne peut être postérieur à ` +
        `l'attestation (${formatDateFr(date)}).`,
      `The proof of address (${justificatif.date}) cannot be dated after the attestation (${date}).`,
    );
    return;
  }
  const oneYearBefore = addMonths(date, -seuils.ancienneteJustificatifMois);
  if (compareIso(justificatif.date, oneYearBefore) <= 0) {
    rules.error(
      'justificatifDomicile.date',
      'PROOF_OF_ADDRESS_TOO_OLD',
      `Le justificatif de domicile doit avoir moins d'un an : daté après le ` +
        `${formatDateFr(oneYearBefore)} pour une attestation du ${formatDateFr(date)}.`,
      `The proof of address must be under one year old: dated after ${oneYearBefore} for an ` +
        `attestation of ${date}.`,
    );
    return;
  }
  const oneYearOld = addMonths(justificatif.date, seuils.ancienneteJustificatifMois);
  if (compareIso(oneYearOld, addMonths(date, PREAVIS_JUSTIFICATIF_MOIS)) <= 0) {
    rules.warn(
      'justificatifDomicile.date',
      'PROOF_OF_ADDRESS_EXPIRES_SOON',
      `Le justificatif de domicile aura un an le ${formatDateFr(oneYearOld)} : le dossier doit ` +
        'être déposé avant, ou joignez un justificatif plus récent.',
      `The proof of address turns one year old on ${oneYearOld}: file before then, or attach a ` +
        'more recent one.',
    );
  }
}
