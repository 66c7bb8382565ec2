/**
 * The convention's annex (CESEDA L426-22): the penalties of the code pénal it quotes, from the
 * legal table, and whom to call, from victim-support.json. The template writes the offences and
 * their articles; every figure and every number comes from here.
 *
 * The contacts are not in the legal table: they are this annex's directory (numbers, names, web
 * sites, each with its sources and the day the list was checked), not figures the law dates, and
 * a table entry holds one decimal. A changed number is an edit of victim-support.json.
 */
import { z } from 'zod';
import type { LegalTable } from '../../legal/legal-table.js';
import { isIsoDate } from '../../shared/dates.js';
import { custodyText, fineText, numberInWords } from '../print/index.js';
import support from './victim-support.json' with { type: 'json' };

/** Offences punished by a custodial sentence and a fine: keys …Peine and …Amende. */
const WITH_FINE = [
  'traite',
  'traiteMineur',
  'traiteAggravee',
  'traiteMineurAggravee',
  'traiteBandeOrganisee',
  'traiteTortures',
  'servicesNonRetribues',
  'conditionsIndignes',
  'travailForce',
  'servitude',
  'servicesNonRetribuesAggraves',
  'conditionsIndignesAggravees',
  'travailForceAggrave',
  'servitudeAggravee',
] as const;
/** Crimes the code punishes with réclusion criminelle alone (224-1 A to 224-1 C): key …Peine. */
const WITHOUT_FINE = ['reductionEsclavage', 'exploitationEsclavage', 'esclavageAggrave'] as const;

export type Offence = (typeof WITH_FINE)[number] | (typeof WITHOUT_FINE)[number];

export interface ContactView {
  numero: string;
  /** The association's name; empty for an emergency number. */
  nom: string;
  description: string;
  /** Its web site, "www.…"; empty when none is printed. */
  site: string;
}

/** "7 ans d’emprisonnement" and "150 000 €"; no fine for the crimes of 224-1 A to 224-1 C. */
export interface PeineView {
  peine: string;
  amende?: string;
}

export interface AnnexeView {
  /** The longest sentence and the highest fine, by offence. */
  peines: Record<Offence, PeineView>;
  /** "cinq fois": a legal person's fine against a natural person's (code pénal, art. 131-38). */
  amendePersonneMorale: string;
  urgences: ContactView[];
  associations: ContactView[];
}

const contactSchema = z.strictObject({
  numero: z.string().regex(/^\d+( \d+)*$/, 'digits, in groups separated by one space'),
  nom: z.string().min(1).optional(),
  description: z.string().min(1),
  site: z
    .string()
    .regex(/^www\.[a-z0-9.-]+\.[a-z]{2,}$/, 'a bare "www.…" address')
    .optional(),
  sources: z.array(z.string().min(1)).min(1),
  /** False when the number itself was not read in a source (the organisation was). */
  verified: z.boolean(),
  note: z.string().optional(),
});

const victimSupportSchema = z.strictObject({
  checkedOn: z.string().refine(isIsoDate, 'expected a calendar date YYYY-MM-DD'),
  about: z.string(),
  urgences: z.array(contactSchema).min(1),
  associations: z.array(contactSchema).min(1),
});

/** The list, checked when the module loads: a mistyped edit stops the service at start-up. */
export const VICTIM_SUPPORT = victimSupportSchema.parse(support);

function contactView(contact: z.infer<typeof contactSchema>): ContactView {
  return {
    numero: contact.numero,
    nom: contact.nom ?? '',
    description: contact.description,
    site: contact.site ?? '',
  };
}

/**
 * The annex's figures in force on `date` (the convention's date). Throws LegalValueMissingError
 * when the table has none then: the rules refuse such a convention before any render.
 */
export function annexeView(legal: LegalTable, date: string): AnnexeView {
  const peines = {} as Record<Offence, PeineView>;
  for (const offence of WITH_FINE) {
    peines[offence] = {
      peine: custodyText(legal.valueAt(`${offence}Peine`, date).value),
      amende: fineText(legal.valueAt(`${offence}Amende`, date).value),
    };
  }
  for (const offence of WITHOUT_FINE) {
    peines[offence] = { peine: custodyText(legal.valueAt(`${offence}Peine`, date).value) };
  }
  const times = Number(legal.valueAt('amendePersonneMoraleFois', date).value);
  return {
    peines,
    amendePersonneMorale: `${numberInWords(times) ?? String(times)} fois`,
    urgences: VICTIM_SUPPORT.urgences.map(contactView),
    associations: VICTIM_SUPPORT.associations.map(contactView),
  };
}
