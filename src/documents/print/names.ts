import { capitals } from './capitals.js';

/** A person's names, the keys of `identite` in fields.ts. */
export interface Names {
  nomNaissance: string;
  nomUsage?: string | undefined;
  prenom: string;
}

/**
 * How the usage name shows beside the birth name:
 * - `instead`: alone, in place of the birth name (a letter names people by the name they use);
 * - `parentheses`: after the birth name, "MARTIN (DURAND)";
 * - `{ mention }`: after the birth name and a mention, "MARTIN épouse DURAND".
 */
export type UsageName = 'instead' | 'parentheses' | { mention: string };

export interface PrintedNameOptions {
  usage: UsageName;
  /** Where the first name goes: `none` when the form has a box of its own for it. */
  prenom: 'before' | 'after' | 'none';
}

/**
 * A person's name as a document prints it: family names in capitals (see capitals.ts), the first
 * name as given. Every document prints names through this one function, its options saying which
 * of the French ways the form uses:
 * - { usage: 'instead', prenom: 'before' }: "Françoise DUPRÉ" (a letter's sender and signatory);
 * - { usage: { mention: 'épouse' }, prenom: 'none' }: "LEFÈVRE épouse N'DIAYE" (a form's name box);
 * - { usage: 'parentheses', prenom: 'after' }: "LEFÈVRE (N'DIAYE) Héloïse" (civil-status order).
 */
export function printedName(person: Names, { usage, prenom }: PrintedNameOptions): string {
  const family = familyNames(person, usage);
  if (prenom === 'before') return `${person.prenom} ${family}`;
  return prenom === 'after' ? `${family} ${person.prenom}` : family;
}

function familyNames({ nomNaissance, nomUsage }: Names, usage: UsageName): string {
  if (!nomUsage) return capitals(nomNaissance);
  if (usage === 'instead') return capitals(nomUsage);
  if (usage === 'parentheses') return `${capitals(nomNaissance)} (${capitals(nomUsage)})`;
  return `${capitals(nomNaissance)} ${usage.mention} ${capitals(nomUsage)}`;
}
