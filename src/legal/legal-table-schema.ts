/**
 * Shape of one dated legal value, shared by the builtin table and the operator's override file
 * (DECISIONS §2), so that both go through the same checks.
 */
import { z } from 'zod';
import { isIsoDate } from '../shared/dates.js';

export type LegalKey =
  | 'smicHoraire'
  | 'minimumGaranti'
  | 'plafondMensuelSecuriteSociale'
  | 'plafondHoraireSecuriteSociale'
  | 'tauxGratificationStage'
  | 'seuilGratificationJours'
  | 'seuilGratificationHeures'
  | 'seuilGratificationMois'
  | 'quebecSeuilGratificationMensuelleEuros'
  | 'dureeMaxStageEtrangerMois'
  | 'argentDePocheAuPairMinimum'
  | 'heuresMaxSemaineAuPair'
  | 'heuresMaxJourStagiaire'
  | 'ageMinAuPair'
  | 'ageMinStagiaireAideFamilial'
  | 'ageMaxAuPair'
  | 'dureeMinAccueilAuPairMois'
  | 'dureeMaxAccueilAuPairMois'
  | 'dureeMaxAccueilAuPairProlongeeMois'
  | 'delaiDeclarationEmbaucheJours'
  | 'delaiAccordEcritAuPairJours'
  | 'argentDePocheStagiaireMinFoisMG'
  | 'argentDePocheStagiaireMaxFoisMG'
  | 'assietteForfaitaireSemaineFoisSmic'
  | 'assietteForfaitaireMoisFoisSmic'
  | 'assietteForfaitaireTrimestreFoisSmic'
  | 'surfaceMinChambreAuPair'
  | 'ageMinEnfantGardeAuPair'
  | 'fausseAttestationEmprisonnementAns'
  | 'fausseAttestationAmende'
  | 'ageMajorite'
  | 'dureeHebergementPieceIdentiteMois'
  | 'ancienneteMaxJustificatifDomicileMois'
  /*
   * The penalties the convention au pair's annex quotes (CESEDA L426-22): for each offence of the
   * code pénal, the longest custodial sentence (…Peine) and the highest fine (…Amende).
   */
  | 'traitePeine'
  | 'traiteAmende'
  | 'traiteMineurPeine'
  | 'traiteMineurAmende'
  | 'traiteAggraveePeine'
  | 'traiteAggraveeAmende'
  | 'traiteMineurAggraveePeine'
  | 'traiteMineurAggraveeAmende'
  | 'traiteBandeOrganiseePeine'
  | 'traiteBandeOrganiseeAmende'
  | 'traiteTorturesPeine'
  | 'traiteTorturesAmende'
  | 'reductionEsclavagePeine'
  | 'exploitationEsclavagePeine'
  | 'esclavageAggravePeine'
  | 'servicesNonRetribuesPeine'
  | 'servicesNonRetribuesAmende'
  | 'conditionsIndignesPeine'
  | 'conditionsIndignesAmende'
  | 'travailForcePeine'
  | 'travailForceAmende'
  | 'servitudePeine'
  | 'servitudeAmende'
  | 'servicesNonRetribuesAggravesPeine'
  | 'servicesNonRetribuesAggravesAmende'
  | 'conditionsIndignesAggraveesPeine'
  | 'conditionsIndignesAggraveesAmende'
  | 'travailForceAggravePeine'
  | 'travailForceAggraveAmende'
  | 'servitudeAggraveePeine'
  | 'servitudeAggraveeAmende'
  | 'amendePersonneMoraleFois';

export type LegalUnit =
  | 'EUR'
  | 'EUR/h'
  | '%'
  | 'h'
  | 'jours'
  | 'mois'
  | 'h/semaine'
  | 'h/jour'
  | 'ans'
  | 'm²'
  /** A coefficient: 13 × SMIC horaire, 75 × minimum garanti. */
  | '×'
  /**
   * A custodial sentence: whole years, or "perpétuité". Up to 10 years it is emprisonnement,
   * beyond it réclusion criminelle (code pénal, art. 131-1 and 131-4).
   */
  | 'ans ou perpétuité';

export interface LegalValue {
  key: LegalKey;
  /** First day the value applies, 'YYYY-MM-DD'. */
  effective: string;
  /**
   * Exact decimal with '.', e.g. "12.31", "15", "308": never a float. A custodial sentence (unit
   * "ans ou perpétuité") is whole years or the word "perpétuité".
   */
  value: string;
  unit: LegalUnit;
  /** The text that sets the value ("Décret 2025-1228 du 17/12/2025"). */
  legalText: string;
  /** Where the value was read: short name, plus URL when known. */
  sources: string[];
  /** False when only one unofficial source gives it (e.g. SMIC 2026-06-01). */
  confirmed: boolean;
  note?: string;
}

/** Each key has one unit: an override with another unit is a mistake, not a new figure. */
export const UNIT_OF_KEY: Readonly<Record<LegalKey, LegalUnit>> = {
  smicHoraire: 'EUR/h',
  minimumGaranti: 'EUR',
  plafondMensuelSecuriteSociale: 'EUR',
  plafondHoraireSecuriteSociale: 'EUR/h',
  tauxGratificationStage: '%',
  seuilGratificationJours: 'jours',
  seuilGratificationHeures: 'h',
  seuilGratificationMois: 'mois',
  quebecSeuilGratificationMensuelleEuros: 'EUR',
  dureeMaxStageEtrangerMois: 'mois',
  argentDePocheAuPairMinimum: 'EUR',
  heuresMaxSemaineAuPair: 'h/semaine',
  heuresMaxJourStagiaire: 'h/jour',
  ageMinAuPair: 'ans',
  ageMinStagiaireAideFamilial: 'ans',
  ageMaxAuPair: 'ans',
  dureeMinAccueilAuPairMois: 'mois',
  dureeMaxAccueilAuPairMois: 'mois',
  dureeMaxAccueilAuPairProlongeeMois: 'mois',
  delaiDeclarationEmbaucheJours: 'jours',
  delaiAccordEcritAuPairJours: 'jours',
  argentDePocheStagiaireMinFoisMG: '×',
  argentDePocheStagiaireMaxFoisMG: '×',
  assietteForfaitaireSemaineFoisSmic: '×',
  assietteForfaitaireMoisFoisSmic: '×',
  assietteForfaitaireTrimestreFoisSmic: '×',
  surfaceMinChambreAuPair: 'm²',
  ageMinEnfantGardeAuPair: 'ans',
  fausseAttestationEmprisonnementAns: 'ans',
  fausseAttestationAmende: 'EUR',
  ageMajorite: 'ans',
  dureeHebergementPieceIdentiteMois: 'mois',
  ancienneteMaxJustificatifDomicileMois: 'mois',
  traitePeine: 'ans ou perpétuité',
  traiteAmende: 'EUR',
  traiteMineurPeine: 'ans ou perpétuité',
  traiteMineurAmende: 'EUR',
  traiteAggraveePeine: 'ans ou perpétuité',
  traiteAggraveeAmende: 'EUR',
  traiteMineurAggraveePeine: 'ans ou perpétuité',
  traiteMineurAggraveeAmende: 'EUR',
  traiteBandeOrganiseePeine: 'ans ou perpétuité',
  traiteBandeOrganiseeAmende: 'EUR',
  traiteTorturesPeine: 'ans ou perpétuité',
  traiteTorturesAmende: 'EUR',
  reductionEsclavagePeine: 'ans ou perpétuité',
  exploitationEsclavagePeine: 'ans ou perpétuité',
  esclavageAggravePeine: 'ans ou perpétuité',
  servicesNonRetribuesPeine: 'ans ou perpétuité',
  servicesNonRetribuesAmende: 'EUR',
  conditionsIndignesPeine: 'ans ou perpétuité',
  conditionsIndignesAmende: 'EUR',
  travailForcePeine: 'ans ou perpétuité',
  travailForceAmende: 'EUR',
  servitudePeine: 'ans ou perpétuité',
  servitudeAmende: 'EUR',
  servicesNonRetribuesAggravesPeine: 'ans ou perpétuité',
  servicesNonRetribuesAggravesAmende: 'EUR',
  conditionsIndignesAggraveesPeine: 'ans ou perpétuité',
  conditionsIndignesAggraveesAmende: 'EUR',
  travailForceAggravePeine: 'ans ou perpétuité',
  travailForceAggraveAmende: 'EUR',
  servitudeAggraveePeine: 'ans ou perpétuité',
  servitudeAggraveeAmende: 'EUR',
  amendePersonneMoraleFois: '×',
};

/** The unit of a custodial sentence, and its one value that is not a number of years. */
export const CUSTODIAL_UNIT = 'ans ou perpétuité' satisfies LegalUnit;
export const PERPETUITE = 'perpétuité';

const LEGAL_KEYS = Object.keys(UNIT_OF_KEY) as [LegalKey, ...LegalKey[]];
const LEGAL_UNITS = [...new Set(Object.values(UNIT_OF_KEY))] as [LegalUnit, ...LegalUnit[]];

export const legalValueSchema = z
  .strictObject({
    key: z.enum(LEGAL_KEYS),
    effective: z.string().refine(isIsoDate, 'expected a calendar date YYYY-MM-DD'),
    value: z
      .string({ error: 'expected a decimal string such as "12.31" (a string, not a JSON number)' })
      .regex(
        new RegExp(`^(\\d+(\\.\\d+)?|${PERPETUITE})$`),
        `expected a non-negative decimal string with "." (e.g. "12.31"), or "${PERPETUITE}"`,
      ),
    unit: z.enum(LEGAL_UNITS),
    legalText: z.string().trim().min(1),
    sources: z.array(z.string().trim().min(1)).min(1),
    confirmed: z.boolean(),
    note: z.string().optional(),
  })
  .superRefine((entry, context) => {
    const expected = UNIT_OF_KEY[entry.key];
    if (entry.unit !== expected) {
      context.addIssue({
        code: 'custom',
        path: ['unit'],
        message: `unit of ${entry.key} must be "${expected}", not "${entry.unit}"`,
      });
    }
    if (expected === CUSTODIAL_UNIT) {
      if (!/^\d+$/.test(entry.value) && entry.value !== PERPETUITE) {
        context.addIssue({
          code: 'custom',
          path: ['value'],
          message: `a custodial sentence is whole years ("7") or "${PERPETUITE}"`,
        });
      }
    } else if (entry.value === PERPETUITE) {
      context.addIssue({
        code: 'custom',
        path: ['value'],
        message: `only a custodial sentence (unit "${CUSTODIAL_UNIT}") can be "${PERPETUITE}"`,
      });
    }
    if (expected === 'EUR' || expected === 'EUR/h') {
      // Amounts become cents: more than two decimals cannot be exact.
      if (/\.\d{3,}$/.test(entry.value)) {
        context.addIssue({
          code: 'custom',
          path: ['value'],
          message: 'an amount in euros has at most two decimals',
        });
      }
    }
  });

export const legalValuesFileSchema = z.array(legalValueSchema);

/** "entry [3] field "effective": expected a calendar date YYYY-MM-DD" for each zod issue. */
export function describeLegalValueIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const [index, ...field] = issue.path;
      if (typeof index !== 'number') {
        return `the file must hold a JSON array of entries (${issue.message})`;
      }
      const fieldText = field.length > 0 ? ` field "${field.join('.')}"` : '';
      return `entry [${index}]${fieldText}: ${issue.message}`;
    })
    .join('; ');
}
