import type { DocumentContext, RuleOutcome } from '../document-definition.js';
import { RuleCollector } from '../rule-kit.js';
import { checkAgeAuPair, checkRegime } from '../au-pair-regime.js';
import { LegalValueMissingError } from '../../legal/legal-table.js';
import {
  FRENCH_ATLANTIC_COM,
  FRENCH_TERRITORIES_ABROAD,
  FRENCH_TERRITORY_CODES,
} from '../../shared/countries.js';
import { addDays, compareIso } from '../../shared/dates.js';
import { formatDateFr, formatEuros } from '../../shared/french-format.js';
import { nirConsistencyWarnings, parseNir } from '../../shared/nir.js';
import { assietteForfaitaire } from './assiette.js';
import type { DeclarationEmbaucheInput } from './schema.js';

type Input = DeclarationEmbaucheInput;
type Adresse = Input['employeur']['adresse'];

/**
 * domain-spec §4.2 (EF1–EF4) with DECISIONS §4, §6, §8–10: law blocks (422 naming the field),
 * practice warns. The regime and the age are those of the convention (shared au-pair-regime).
 */
export function declarationEmbaucheRules(input: Input, context: DocumentContext): RuleOutcome {
  const rules = new RuleCollector();
  checkTerritory(input.employeur.adresse, 'employeur.adresse.codePostal', rules);
  if (input.salarie.adresse) {
    checkTerritory(input.salarie.adresse, 'salarie.adresse.codePostal', rules);
    checkLodgedByFamily(input, rules);
  }
  checkNirs(input, rules);
  const regime = checkRegime(
    rules,
    input.emploi.regime,
    input.salarie.nationalite,
    'emploi.regime',
  );
  const { dateDebut, dateFinPrevue } = input.emploi;
  const endInOrder = checkEndDate(dateDebut, dateFinPrevue, rules);
  withLegalValues(rules, () =>
    checkAgeAuPair(rules, {
      dateNaissance: input.salarie.dateNaissance,
      dateDebut,
      dateFin: endInOrder ? dateFinPrevue : undefined,
      regime,
      path: 'salarie.dateNaissance',
      legal: context.legal,
    }),
  );
  withLegalValues(rules, () => checkDeadline(input, context, rules));
  withLegalValues(rules, () => checkBase(input, context, rules));
  return rules.outcome();
}

/** The planned end, when given, cannot precede the arrival. */
function checkEndDate(
  dateDebut: string,
  dateFin: string | undefined,
  rules: RuleCollector,
): boolean {
  if (!dateFin || compareIso(dateFin, dateDebut) >= 0) return true;
  rules.error(
    'emploi.dateFinPrevue',
    'DATES_ORDER',
    `La fin prévue (${formatDateFr(dateFin)}) précède la date d'accueil (${formatDateFr(dateDebut)}).`,
    `The planned end (${dateFin}) is before the arrival date (${dateDebut}).`,
  );
  return false;
}

/**
 * A figure missing from the table on the arrival date (the SMIC before 2022, the ages before
 * 2019): the declaration cannot be computed, 422 naming the date that chose the figure.
 */
function withLegalValues(rules: RuleCollector, check: () => void): void {
  try {
    check();
  } catch (error: unknown) {
    if (!(error instanceof LegalValueMissingError)) throw error;
    rules.error(
      'emploi.dateDebut',
      'LEGAL_VALUE_UNAVAILABLE',
      `Aucune valeur légale connue au ${formatDateFr(error.date)} pour cette déclaration ` +
        `(${error.key}) : la date d'accueil est antérieure aux valeurs de la table.`,
      `No legal value known on ${error.date} for this declaration (${error.key}): the arrival ` +
        'date is before the values of the table.',
    );
  }
}

/**
 * DECISIONS §9: Mayotte (postal codes 976xx) has its own SMIC, and whether the 1985 flat bases
 * apply there is unverified. 98xxx is Monaco or the Pacific collectivities, which have their own
 * social security: no Urssaf to declare to.
 */
function checkTerritory(adresse: Adresse, path: string, rules: RuleCollector): void {
  if (adresse.codePostal.startsWith('976')) {
    rules.error(
      path,
      'MAYOTTE_OUT_OF_SCOPE',
      'Adresse à Mayotte (code postal 976xx) : Mayotte a son propre SMIC et l’application des ' +
        'assiettes forfaitaires de l’arrêté du 22 octobre 1985 n’y est pas établie ; cette ' +
        'déclaration ne la couvre pas. Adressez-vous à la Caisse de sécurité sociale de Mayotte.',
      'Address in Mayotte (postal code 976xx): Mayotte has its own SMIC and whether the flat bases ' +
        'of the arrêté of 22 October 1985 apply there is not established; this declaration does ' +
        'not cover it. Contact the Caisse de sécurité sociale de Mayotte.',
    );
  } else if (adresse.codePostal.startsWith('98')) {
    rules.error(
      path,
      'OUTSIDE_URSSAF_TERRITORY',
      'Code postal 98xxx (Monaco, Nouvelle-Calédonie, Polynésie française, Wallis-et-Futuna) : ' +
        'ces territoires ont leur propre protection sociale, hors Urssaf ; cette déclaration ne ' +
        's’y applique pas.',
      'Postal code 98xxx (Monaco, New Caledonia, French Polynesia, Wallis and Futuna): these ' +
        'territories have their own social security, outside the Urssaf; this declaration does ' +
        'not apply there.',
    );
  }
}

/** The young person is housed by the family (AP7): another address is worth a second look. */
function checkLodgedByFamily(input: Input, rules: RuleCollector): void {
  const own = input.salarie.adresse;
  if (!own || addressKey(own) === addressKey(input.employeur.adresse)) return;
  rules.warn(
    'salarie.adresse',
    'ADDRESS_NOT_FAMILY',
    'L’adresse du salarié diffère de celle de la famille : le stagiaire aide familial ou le ' +
      'jeune au pair est logé et nourri par la famille d’accueil. Vérifiez l’adresse.',
    'The employee’s address differs from the family’s: the young person is housed and fed by ' +
      'the host family. Check the address.',
  );
}

/** Number, street and postal code, case and spacing aside (the complement may name the room). */
function addressKey(adresse: Adresse): string {
  return [adresse.numero ?? '', adresse.voie, adresse.codePostal]
    .map((part) => part.toLocaleLowerCase('fr-FR').replace(/\s+/g, ' ').trim())
    .join('|');
}

/** Rule N5 on the employee's NIR (sex, year and month, born abroad), unusual months on both. */
function checkNirs(input: Input, rules: RuleCollector): void {
  const { employeur, salarie } = input;
  if (employeur.nir) {
    const parsed = parseNir(employeur.nir, { keyRequired: true });
    if (parsed.ok) {
      for (const warning of parsed.warnings) {
        rules.warn('employeur.nir', warning.code, warning.message_fr, warning.message_en);
      }
    }
  }
  if (!salarie.nir) return;
  const parsed = parseNir(salarie.nir, { keyRequired: true });
  if (!parsed.ok) return;
  const consistency = nirConsistencyWarnings(parsed, {
    sex: salarie.sexe === 'M' ? 1 : 2,
    birthDate: salarie.dateNaissance,
    bornAbroad: bornAbroad(salarie.lieuNaissance.pays),
  });
  for (const warning of [...parsed.warnings, ...consistency]) {
    rules.warn('salarie.nir', warning.code, warning.message_fr, warning.message_en);
  }
}

/** France, its DROM and its collectivities have département codes in the NIR; 99 is abroad. */
function bornAbroad(pays: string): boolean {
  return !(
    FRENCH_TERRITORY_CODES.has(pays) ||
    FRENCH_ATLANTIC_COM.has(pays) ||
    FRENCH_TERRITORIES_ABROAD.has(pays)
  );
}

/**
 * EF1: sent to the Urssaf "dans les 8 jours suivant l'accueil", calendar days: the arrival day
 * plus 8 is still on time. A declaration dated before the arrival is fine.
 */
function checkDeadline(input: Input, context: DocumentContext, rules: RuleCollector): void {
  const { dateDebut } = input.emploi;
  const declared = input.signature.date ?? context.today;
  const days = Number(context.legal.valueAt('delaiDeclarationEmbaucheJours', dateDebut).value);
  const lastDay = addDays(dateDebut, days);
  if (compareIso(declared, lastDay) <= 0) return;
  rules.warn(
    'signature.date',
    'DECLARATION_LATE',
    `Déclaration tardive : elle doit parvenir à l'Urssaf dans les ${days} jours suivant ` +
      `l'accueil (${formatDateFr(dateDebut)}), soit au plus tard le ${formatDateFr(lastDay)}. ` +
      'Envoyez-la sans attendre.',
    `Late declaration: it must reach the Urssaf within ${days} days of the arrival ` +
      `(${dateDebut}), i.e. by ${lastDay}. Send it at once.`,
  );
}

/** The base must be computable; a SMIC the table marks unconfirmed is flagged, not refused. */
function checkBase(input: Input, context: DocumentContext, rules: RuleCollector): void {
  const { dateDebut, periodeAssiette } = input.emploi;
  const base = assietteForfaitaire(context.legal, dateDebut, periodeAssiette);
  if (base.smicConfirmed) return;
  rules.warn(
    'emploi.dateDebut',
    'LEGAL_VALUE_UNCONFIRMED',
    `Le SMIC horaire de ${formatEuros(base.smicHoraire)} en vigueur au ${formatDateFr(base.dateSmic)} ` +
      "n'est confirmé que par une seule source : vérifiez l'assiette avant l'envoi.",
    `The hourly SMIC of ${base.smicHoraire / 100} EUR in force on ${base.dateSmic} has a single ` +
      'source: check the base before sending.',
  );
}
