import type { z } from 'zod';
import type { adresseFrance } from '../fields.js';
import { capitals } from './capitals.js';

/** A French postal address as every document takes it (fields.ts). */
export type AdresseFrance = z.infer<typeof adresseFrance>;

/** An address in a form's boxes: one per part, empty when the part was not given. */
export interface AddressBoxes {
  numero: string;
  voie: string;
  complement: string;
  codePostal: string;
  localite: string;
}

/** The boxes of a blank form. */
export const NO_ADDRESS: Readonly<AddressBoxes> = Object.freeze({
  numero: '',
  voie: '',
  complement: '',
  codePostal: '',
  localite: '',
});

export function addressBoxes(address: AdresseFrance): AddressBoxes {
  return {
    numero: address.numero ?? '',
    voie: address.voie,
    complement: address.complement ?? '',
    codePostal: address.codePostal,
    localite: address.localite,
  };
}

export interface AddressLinesOptions {
  /**
   * `ownLine`: the complement on a line of its own, as La Poste orders a letter's address;
   * `afterStreet`: after the street, on its line, where a form has fewer lines to give.
   */
  complement: 'ownLine' | 'afterStreet';
  /** "69100 VILLEURBANNE": the town in capitals, as on an envelope. */
  townInCapitals?: boolean;
}

/** An address in lines, the street first and "CP Localité" last (La Poste order). */
export function addressLines(address: AdresseFrance, options: AddressLinesOptions): string[] {
  const street = streetLine(address);
  const town = options.townInCapitals ? capitals(address.localite) : address.localite;
  const lastLine = `${address.codePostal} ${town}`;
  if (options.complement === 'afterStreet') {
    return [[street, address.complement].filter(Boolean).join(', '), lastLine];
  }
  return [street, ...(address.complement ? [address.complement] : []), lastLine];
}

/** "14 bis rue des Hauts-Pavés, Résidence Les Érables, 44000 Nantes": inside a sentence. */
export function addressOnOneLine(address: AdresseFrance): string {
  return [streetLine(address), address.complement, `${address.codePostal} ${address.localite}`]
    .filter(Boolean)
    .join(', ');
}

/** "14 bis rue des Hauts-Pavés": the number, when there is one, before the street. */
function streetLine(address: AdresseFrance): string {
  return [address.numero, address.voie].filter(Boolean).join(' ');
}
