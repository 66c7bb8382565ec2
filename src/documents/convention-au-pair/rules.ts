import type { DocumentContext, RuleOutcome } from '../document-definition.js';
import { RuleCollector } from '../rule-kit.js';
import { checkAgeAuPair, checkRegime, type RegimeAuPair } from '../au-pair-regime.js';
import { LegalValueMissingError } from '../../legal/legal-table.js';
import { addDays, compareIso, daysBetweenInclusive } from '../../shared/dates.js';
import { nationalityFr } from '../../shared/countries.js';
import { formatDateFr } from '../../shared/french-format.js';
import { annexeView } from './annex.js';
import type { ConventionAuPairInput } from './schema.js';
import { conventionTerms, SIGNATURE_DATE_KEYS, type ConventionTerms } from './terms.js';
import {
  checkHousing,
  checkPocketMoney,
  checkStay,
  checkTimetable,
  checkUndertakings,
} from './rules-stay.js';

/**
 * domain-spec §3.3 (AP1–AP13) with DECISIONS §3–6 and §11: rules that are law block (422 naming
 * the field), rules of practice warn. Every figure comes from the legal table (terms.ts).
 */
export function conventionAuPairRules(
  input: ConventionAuPairInput,
  context: DocumentContext,
): RuleOutcome {
  const rules = new RuleCollector();
  const regime = checkRegime(rules, input.regime, input.jeune.nationalite, 'regime');
  checkNationality(input, regime, rules);
  checkParties(input, regime, rules);
  checkUndertakings(input, regime, rules);
  checkChildrenBorn(input, context, rules);
  const terms = termsOrError(input, context, rules);
  if (terms) {
    checkSignedBeforeArrival(input, context, rules);
    checkAge(input, context, regime, rules);
    checkStay(input, terms, rules);
    checkTimetable(input, terms, rules);
    checkPocketMoney(input, terms, rules);
    checkHousing(input, terms, rules);
    checkAnnexFigures(terms, context, rules);
  }
  return rules.outcome();
}

function termsOrError(
  input: ConventionAuPairInput,
  context: DocumentContext,
  rules: RuleCollector,
): ConventionTerms | undefined {
  try {
    return conventionTerms(input, context.legal, context.today);
  } catch (error: unknown) {
    if (!(error instanceof LegalValueMissingError)) throw error;
    legalValueUnavailable(rules, error);
    return undefined;
  }
}

/** The annex quotes the penalties in force at the convention's date (annex.ts). */
function checkAnnexFigures(
  terms: ConventionTerms,
  context: DocumentContext,
  rules: RuleCollector,
): void {
  try {
    annexeView(context.legal, terms.signature);
  } catch (error: unknown) {
    if (!(error instanceof LegalValueMissingError)) throw error;
    legalValueUnavailable(rules, error, 'signature.date');
  }
}

function legalValueUnavailable(
  rules: RuleCollector,
  error: LegalValueMissingError,
  path = SIGNATURE_DATE_KEYS.has(error.key) ? 'signature.date' : 'accueil.dateDebut',
): void {
  rules.error(
    path,
    'LEGAL_VALUE_UNAVAILABLE',
    `Aucune valeur légale connue au ${formatDateFr(error.date)} pour cette convention ` +
      `(${error.key}) : le régime des jeunes au pair en vigueur depuis 2019 ne s'applique pas.`,
    `No legal value known on ${error.date} for this convention (${error.key}).`,
  );
}

/** AP1, AP1', AP1'': the shared age rule, at the start of the stay. */
function checkAge(
  input: ConventionAuPairInput,
  context: DocumentContext,
  regime: RegimeAuPair,
  rules: RuleCollector,
): void {
  try {
    checkAgeAuPair(rules, {
      dateNaissance: input.jeune.dateNaissance,
      dateDebut: input.accueil.dateDebut,
      dateFin: input.accueil.dateFin,
      regime,
      path: 'jeune.dateNaissance',
      legal: context.legal,
    });
  } catch (error: unknown) {
    if (!(error instanceof LegalValueMissingError)) throw error;
    legalValueUnavailable(rules, error);
  }
}

/**
 * AP4, nationality: the young person is a foreign national, and a jeune au pair's nationality
 * differs from the host family's. A family of mixed nationality is read parent by parent: the au
 * pair may not share the nationality of either parent (a French–Colombian couple cannot host a
 * Colombian au pair; a French–German one can), and the error names that parent. L426-22 makes
 * this a condition of the jeune au pair only: the stagiaire's nationality is not compared.
 */
function checkNationality(
  input: ConventionAuPairInput,
  regime: RegimeAuPair,
  rules: RuleCollector,
): void {
  const { jeune, famille } = input;
  if (nationalityFr(jeune.nationalite) === 'française') {
    rules.error(
      'jeune.nationalite',
      'FRENCH_NATIONAL',
      'Le jeune au pair ou le stagiaire aide familial étranger est de nationalité étrangère.',
      'The au pair or stagiaire aide familial étranger is a foreign national.',
    );
  }
  if (regime !== 'jeuneAuPair') return;
  famille.parents.forEach((parent, index) => {
    if (parent.nationalite !== jeune.nationalite) return;
    const adjective = nationalityFr(jeune.nationalite) ?? jeune.nationalite;
    rules.error(
      `famille.parents[${index}].nationalite`,
      'SAME_NATIONALITY_AS_FAMILY',
      `Le jeune au pair doit être d'une nationalité différente de celle de la famille ` +
        `d'accueil : ce parent est lui aussi de nationalité ${adjective}.`,
      `The au pair's nationality must differ from the host family's: this parent is also ` +
        `${jeune.nationalite}.`,
    );
  });
}

/** AP4, no kinship (both regimes: the convention's attestation); L426-22's level of French. */
function checkParties(
  input: ConventionAuPairInput,
  regime: RegimeAuPair,
  rules: RuleCollector,
): void {
  if (regime === 'jeuneAuPair' && !input.jeune.qualification) {
    rules.error(
      'jeune.qualification',
      'REQUIRED',
      'Jeune au pair : indiquez sa connaissance de base du français, son niveau ' +
        "d'instruction secondaire ou ses qualifications professionnelles (CESEDA L426-22).",
      'Au pair: give their basic knowledge of French, secondary education or professional ' +
        'qualifications (CESEDA L426-22).',
    );
  }
  if (!input.engagements.absenceLienParente) {
    rules.error(
      'engagements.absenceLienParente',
      'KINSHIP_ATTESTATION_REQUIRED',
      "Le jeune et la famille d'accueil doivent attester n'avoir aucun lien de parenté (true).",
      'The young person and the host family must attest that they are not related (true).',
    );
  }
}

/**
 * AP10, a warning in every case (DECISIONS §6). The European Agreement on au pair placement
 * (Council of Europe, ETS No. 068, in force for France since 1971), art. 6 § 1, wants the written
 * agreement "preferably before" the young person leaves their country of residence "and at the
 * latest during the first week" of the placement; service-public's "avant l'arrivée" restates
 * the preference. So, counting the arrival (accueil.dateDebut) as day 1 of the placement:
 * - signed by the arrival day: nothing to say;
 * - signed within the first week (days 2–7): the preference is missed, the deadline kept — a
 *   warning (SIGNED_AFTER_ARRIVAL);
 * - signed later: the Agreement's "at the latest" is missed — a stronger warning
 *   (SIGNED_AFTER_FIRST_WEEK), not a refusal. A 422 cannot make a late agreement timely: it could
 *   only leave the placement with no written agreement at all, which is what art. 6 first
 *   requires, or push the family to backdate the signature. The Agreement binds the States to
 *   promote its provisions (art. 1), it does not void a late agreement; and the Urssaf deadline
 *   of the hiring declaration, missed, is likewise a warning (DECLARATION_LATE). And a
 *   convention re-signed for an extension (accueil.prolongation) keeps the stay's first day: a
 *   refusal would stop it too.
 * The length of the week is read from the legal table (delaiAccordEcritAuPairJours).
 */
function checkSignedBeforeArrival(
  input: ConventionAuPairInput,
  context: DocumentContext,
  rules: RuleCollector,
): void {
  const signed = input.signature.date ?? context.today;
  const start = input.accueil.dateDebut;
  if (compareIso(signed, start) <= 0) return;
  let weekDays: number;
  try {
    weekDays = Number(context.legal.valueAt('delaiAccordEcritAuPairJours', start).value);
  } catch (error: unknown) {
    if (!(error instanceof LegalValueMissingError)) throw error;
    legalValueUnavailable(rules, error);
    return;
  }
  const day = daysBetweenInclusive(start, signed);
  const lastDay = addDays(start, weekDays - 1);
  const when = {
    fr:
      `La date de signature (signature.date), le ${formatDateFr(signed)}, tombe au ${day}e ` +
      `jour de l'accueil commencé le ${formatDateFr(start)}`,
    en:
      `The signature date (signature.date), ${signed}, is day ${day} of the stay that started ` +
      `on ${start}`,
  };
  if (day <= weekDays) {
    rules.warn(
      'signature.date',
      'SIGNED_AFTER_ARRIVAL',
      `${when.fr}. L'Accord européen sur le placement au pair (art. 6) veut la convention de ` +
        'préférence avant le départ du pays de résidence, et au plus tard au cours de la ' +
        `première semaine de l'accueil, soit le ${formatDateFr(lastDay)} : ce délai est tenu.`,
      `${when.en}. The European Agreement on au pair placement (art. 6) wants the convention ` +
        'preferably before leaving the country of residence, and at the latest during the first ' +
        `week of the stay, i.e. by ${lastDay}: that deadline is kept.`,
    );
    return;
  }
  rules.warn(
    'signature.date',
    'SIGNED_AFTER_FIRST_WEEK',
    `${when.fr} : après la première semaine. L'Accord européen sur le placement au pair ` +
      `(art. 6) impose de conclure la convention au plus tard le ${formatDateFr(lastDay)} ; elle ` +
      "est hors délai. Le document est établi pour que l'accord écrit existe, à sa date réelle " +
      'de signature.',
    `${when.en}: after the first week. The European Agreement on au pair placement (art. 6) ` +
      `requires the convention by ${lastDay} at the latest; it is late. The document is produced ` +
      'so that the written agreement exists, with its real signature date.',
  );
}

/** The children are born by the convention's date (signature date, else today in Paris). */
function checkChildrenBorn(
  input: ConventionAuPairInput,
  context: DocumentContext,
  rules: RuleCollector,
): void {
  const signed = input.signature.date ?? context.today;
  input.famille.enfants.forEach((enfant, index) => {
    if (compareIso(enfant.dateNaissance, signed) <= 0) return;
    rules.error(
      `famille.enfants[${index}].dateNaissance`,
      'CHILD_NOT_BORN',
      `Date de naissance postérieure à la convention (${formatDateFr(signed)}).`,
      `Birth date after the convention's date (${signed}).`,
    );
  });
}
