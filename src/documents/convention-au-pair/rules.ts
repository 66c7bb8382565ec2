import type { DocumentContext, RuleOutcome } from '../document-definition.js';
import { RuleCollector } from '../rule-kit.js';
import { checkAgeAuPair, checkRegime, type RegimeAuPair } from '../au-pair-regime.js';
import { LegalValueMissingError } from '../../legal/legal-table.js';
import { compareIso } from '../../shared/dates.js';
import { nationalityFr } from '../../shared/countries.js';
import { formatDateFr } from '../../shared/french-format.js';
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
  checkSignatureDate(input, context, rules);
  const terms = termsOrError(input, context, rules);
  if (terms) {
    checkAge(input, context, regime, rules);
    checkStay(input, terms, rules);
    checkTimetable(input, terms, rules);
    checkPocketMoney(input, terms, rules);
    checkHousing(input, terms, rules);
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

function legalValueUnavailable(rules: RuleCollector, error: LegalValueMissingError): void {
  const path = SIGNATURE_DATE_KEYS.has(error.key) ? 'signature.date' : 'accueil.dateDebut';
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

/** AP10: signed before the young person leaves home, hence no later than the start of the stay. */
function checkSignatureDate(
  input: ConventionAuPairInput,
  context: DocumentContext,
  rules: RuleCollector,
): void {
  const signed = input.signature.date ?? context.today;
  const start = input.accueil.dateDebut;
  if (compareIso(signed, start) > 0) {
    rules.error(
      'signature.date',
      'SIGNED_AFTER_ARRIVAL',
      `La convention doit être signée avant le départ du pays d'origine : signée le ` +
        `${formatDateFr(signed)}, après le début de l'accueil (${formatDateFr(start)}).`,
      `The convention must be signed before leaving the home country: signed on ${signed}, ` +
        `after the stay starts (${start}).`,
    );
  }
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
