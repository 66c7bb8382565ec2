import type { DocumentContext, RuleOutcome } from '../document-definition.js';
import { RuleCollector } from '../rule-kit.js';
import { LegalValueMissingError, type LegalKey } from '../../legal/legal-table.js';
import { addDays, addMonths, compareIso } from '../../shared/dates.js';
import { FRENCH_ATLANTIC_COM, FRENCH_TERRITORY_CODES } from '../../shared/countries.js';
import { formatDateFr, formatEuros } from '../../shared/french-format.js';
import { decimalToCents } from '../../shared/decimal.js';
import { parseNir } from '../../shared/nir.js';
import type { AttestationAtmpInput } from './schema.js';
import { gratificationTerms, signatureConvention } from './gratification.js';

/** domain-spec §2.2 (AT1–AT9) with DECISIONS §6–7: law blocks, practice warns. */
export function attestationAtmpRules(
  input: AttestationAtmpInput,
  context: DocumentContext,
): RuleOutcome {
  const rules = new RuleCollector();
  checkDates(input, context, rules);
  checkCountry(input, rules);
  checkNirWarnings(input, rules);
  if (input.eleve.mentionNomUsage && !input.eleve.nomUsage) {
    rules.error(
      'eleve.mentionNomUsage',
      'MENTION_WITHOUT_NAME',
      '« épouse » ou « veuve » précède un nom d’usage : indiquez eleve.nomUsage.',
      '"épouse" or "veuve" comes before a usage name: give eleve.nomUsage.',
    );
  }
  try {
    checkGratification(input, context, rules);
  } catch (error: unknown) {
    if (!(error instanceof LegalValueMissingError)) throw error;
    rules.error(
      'stage.dateSignatureConvention',
      'LEGAL_VALUE_UNAVAILABLE',
      `Aucune valeur légale connue au ${formatDateFr(error.date)} pour ce calcul (${error.key}).`,
      `No legal value known on ${error.date} for this computation (${error.key}).`,
    );
  }
  return rules.outcome();
}

/** AT1, AT2, AT8. */
function checkDates(
  input: AttestationAtmpInput,
  context: DocumentContext,
  rules: RuleCollector,
): void {
  const { dateDebut, dateFin } = input.stage;
  if (compareIso(dateFin, dateDebut) < 0) {
    rules.error(
      'stage.dateFin',
      'DATES_ORDER',
      `La date de fin (${formatDateFr(dateFin)}) précède la date de début (${formatDateFr(dateDebut)}).`,
      `The end date (${dateFin}) is before the start date (${dateDebut}).`,
    );
    return;
  }
  const maxMonths = legalNumber(context, 'dureeMaxStageEtrangerMois', dateDebut);
  if (maxMonths === undefined) {
    rules.error(
      'stage.dateDebut',
      'LEGAL_VALUE_UNAVAILABLE',
      `Aucune durée maximale de stage connue au ${formatDateFr(dateDebut)} (dureeMaxStageEtrangerMois).`,
      `No maximum internship length known on ${dateDebut} (dureeMaxStageEtrangerMois).`,
    );
    return;
  }
  const lastDay = addDays(addMonths(dateDebut, maxMonths), -1);
  if (compareIso(dateFin, lastDay) > 0) {
    rules.error(
      'stage.dateFin',
      'STAGE_TOO_LONG',
      `Un stage à l'étranger ne peut excéder ${maxMonths} mois, prolongations incluses : ` +
        `dernier jour possible le ${formatDateFr(lastDay)}.`,
      `An internship abroad cannot exceed ${maxMonths} months, extensions included: ` +
        `last possible day ${lastDay}.`,
    );
  }
  const issued = input.signature?.date ?? context.today;
  const missing = PRINTED_FIGURES.find((key) => legalNumber(context, key, issued) === undefined);
  if (missing) {
    rules.error(
      'signature.date',
      'LEGAL_VALUE_UNAVAILABLE',
      `Aucune valeur légale connue au ${formatDateFr(issued)} pour les seuils que le formulaire imprime (${missing}).`,
      `No legal value known on ${issued} for the thresholds the form prints (${missing}).`,
    );
  }
  if (compareIso(issued, dateDebut) > 0) {
    rules.warn(
      'signature.date',
      'ATTESTATION_AFTER_START',
      "L'attestation est datée après le début du stage : elle se demande à la CPAM avant le départ.",
      'The attestation is dated after the internship starts: it should reach the CPAM before departure.',
    );
  }
}

/**
 * The legal figures the form prints at the attestation's date (view-model.ts: seuilsImprimes,
 * informationsAt): without them there is nothing to print.
 */
const PRINTED_FIGURES: readonly LegalKey[] = [
  'dureeMaxStageEtrangerMois',
  'seuilGratificationMois',
  'seuilGratificationJours',
  'seuilGratificationHeures',
  'plafondHoraireSecuriteSociale',
  'tauxGratificationStage',
];

/** A legal value in force on `date`, or undefined when the table has none yet. */
function legalNumber(context: DocumentContext, key: LegalKey, date: string): number | undefined {
  try {
    return Number(context.legal.valueAt(key, date).value);
  } catch (error: unknown) {
    if (error instanceof LegalValueMissingError) return undefined;
    throw error;
  }
}

/** AT3 and the province needed for AT4. DROM are France; Pacific collectivities are abroad. */
function checkCountry(input: AttestationAtmpInput, rules: RuleCollector): void {
  const { pays, provinceCanada } = input.stage;
  if (FRENCH_TERRITORY_CODES.has(pays)) {
    rules.error(
      'stage.pays',
      'STAGE_IN_FRANCE',
      "Cette attestation concerne les stages à l'étranger ; la France et les DROM en sont exclus.",
      'This attestation is for internships abroad; France and its overseas departments are excluded.',
    );
  } else if (FRENCH_ATLANTIC_COM.has(pays)) {
    rules.warn(
      'stage.pays',
      'COUNTRY_STATUS_UNCERTAIN',
      'Saint-Barthélemy, Saint-Martin et Saint-Pierre-et-Miquelon : vérifiez auprès de la CPAM que ' +
        "le stage relève bien d'un stage à l'étranger.",
      'Saint-Barthélemy, Saint-Martin and Saint-Pierre-et-Miquelon: check with the CPAM that the ' +
        'internship counts as abroad.',
    );
  }
  if (pays === 'CA' && !provinceCanada) {
    rules.error(
      'stage.provinceCanada',
      'REQUIRED',
      'Province obligatoire pour un stage au Canada (le Québec relève d’un formulaire particulier).',
      'Province required for an internship in Canada (Québec has a form of its own).',
    );
  }
  if (pays !== 'CA' && provinceCanada) {
    rules.error(
      'stage.provinceCanada',
      'PROVINCE_WITHOUT_CANADA',
      'Une province canadienne n’a de sens que si le pays est le Canada (CA).',
      'A Canadian province only applies when the country is Canada (CA).',
    );
  }
}

function checkNirWarnings(input: AttestationAtmpInput, rules: RuleCollector): void {
  const parsed = parseNir(input.eleve.nir, { keyRequired: true });
  if (!parsed.ok) return;
  for (const warning of parsed.warnings) {
    rules.warn('eleve.nir', warning.code, warning.message_fr, warning.message_en);
  }
}

/** AT4 (Québec), C5 computed or checked, AT5 and AT9 (threshold and legal minimum). */
function checkGratification(
  input: AttestationAtmpInput,
  context: DocumentContext,
  rules: RuleCollector,
): void {
  const { stage } = input;
  const signed = signatureConvention(stage);
  const monthly = stage.gratification?.montantMensuel;

  if (stage.pays === 'CA' && stage.provinceCanada === 'QC') {
    const threshold = decimalToCents(
      context.legal.valueAt('quebecSeuilGratificationMensuelleEuros', signed).value,
    );
    if (monthly === undefined || monthly < threshold) {
      rules.error(
        'stage.provinceCanada',
        'QUEBEC_USE_SE401Q104',
        'Stage au Québec non rémunéré ou rémunéré à moins de 1 000 dollars canadiens ' +
          `(${formatEuros(threshold)}) par mois : n'utilisez pas cette attestation, remplissez le ` +
          'formulaire SE 401 Q 104 (www.cleiss.fr) et adressez-le à la CPAM.',
        'Internship in Québec unpaid or paid under 1,000 Canadian dollars a month: do not use this ' +
          'attestation; fill in form SE 401 Q 104 (www.cleiss.fr) and send it to the CPAM.',
      );
      return;
    }
  }

  const paidAbove = remunereAuDela(input, context, rules);
  if (paidAbove === true) {
    rules.warn(
      'stage.remunereAuDelaGratification',
      'LOCAL_ATMP_COVERAGE',
      "Stage rémunéré au-delà de la gratification : l'assurance maladie française ne couvre pas le " +
        "risque AT/MP ; l'établissement doit s'assurer d'une protection dans le pays d'accueil.",
      'Internship paid above the gratification: French insurance does not cover the work-accident ' +
        'risk; the school must make sure the host country covers it.',
    );
  }
  checkThreshold(input, context, rules);
}

/** C5: computed from the gratification when given; a given answer must agree with it. */
export function remunereAuDela(
  input: AttestationAtmpInput,
  context: DocumentContext,
  rules?: RuleCollector,
): boolean | undefined {
  const { stage } = input;
  const declared = stage.remunereAuDelaGratification;
  if (!stage.gratification) {
    if (declared === undefined) {
      rules?.error(
        'stage.remunereAuDelaGratification',
        'REQUIRED',
        'Indiquez si le stage est rémunéré au-delà de la gratification (true/false), ou donnez ' +
          'stage.gratification pour la calculer.',
        'Say whether the internship is paid above the gratification (true/false), or give ' +
          'stage.gratification to compute it.',
      );
    }
    return declared;
  }
  const { hoursPerMonth: hours, monthlyMinimum: minimum } = gratificationTerms(
    stage,
    context.legal,
  );
  const computed = stage.gratification.montantMensuel > minimum;
  if (declared !== undefined && declared !== computed) {
    rules?.error(
      'stage.remunereAuDelaGratification',
      'GRATIFICATION_MISMATCH',
      `Réponse incohérente : ${formatEuros(stage.gratification.montantMensuel)} par mois pour ${hours} h ` +
        `${computed ? 'dépasse' : 'ne dépasse pas'} la gratification de ${formatEuros(minimum)}.`,
      `Inconsistent answer: ${stage.gratification.montantMensuel / 100} EUR a month for ${hours} h ` +
        `${computed ? 'exceeds' : 'does not exceed'} the gratification of ${minimum / 100} EUR.`,
    );
  }
  return computed;
}

/** AT9: above 44 days / 308 h of presence (or 2 months), a gratification is compulsory. */
function checkThreshold(
  input: AttestationAtmpInput,
  context: DocumentContext,
  rules: RuleCollector,
): void {
  const { stage } = input;
  const signed = signatureConvention(stage);
  const maxDays = Number(context.legal.valueAt('seuilGratificationJours', signed).value);
  const maxHours = Number(context.legal.valueAt('seuilGratificationHeures', signed).value);
  const months = Number(context.legal.valueAt('seuilGratificationMois', signed).value);
  const over = stage.presence
    ? (stage.presence.jours ?? 0) > maxDays || (stage.presence.heures ?? 0) > maxHours
    : compareIso(stage.dateFin, addDays(addMonths(stage.dateDebut, months), -1)) > 0;
  if (!over) return;
  const monthly = stage.gratification?.montantMensuel ?? 0;
  const {
    hourly,
    hoursPerMonth: hours,
    monthlyMinimum: minimum,
  } = gratificationTerms(stage, context.legal);
  if (monthly === 0 && stage.remunereAuDelaGratification !== true) {
    rules.warn(
      'stage.gratification.montantMensuel',
      'GRATIFICATION_REQUIRED',
      `Présence de plus de ${maxDays} jours ou ${maxHours} heures : la gratification est obligatoire ` +
        `(au moins ${formatEuros(hourly)} par heure).`,
      `Presence over ${maxDays} days or ${maxHours} hours: a gratification is compulsory ` +
        `(at least ${hourly / 100} EUR an hour).`,
    );
  } else if (stage.gratification && monthly < minimum) {
    rules.warn(
      'stage.gratification.montantMensuel',
      'GRATIFICATION_BELOW_MINIMUM',
      `Gratification inférieure au minimum légal : ${formatEuros(minimum)} pour ${hours} h par mois.`,
      `Gratification below the legal minimum: ${minimum / 100} EUR for ${hours} h a month.`,
    );
  }
}
