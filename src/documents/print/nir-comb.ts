import { parseNir } from '../../shared/nir.js';

/**
 * The NIR's groups as on the carte Vitale: sexe (1), année (2), mois (2), département (2, "2A"
 * and "2B" for Corsica), commune (3), ordre (3), clé (2): the comb's cells are printed in them.
 */
export const NIR_GROUP_SIZES = [1, 2, 2, 2, 3, 3, 2] as const;

/** One character a cell, the cells in the card's groups. */
export type NirComb = string[][];

/**
 * The NIR in its comb. A NIR not given prints as empty cells that can be filled by hand (a blank
 * form, an employee without a NIR yet); so does one that does not read as a NIR, which the
 * schema refuses before anything is printed.
 */
export function nirComb(nir: string | undefined): NirComb {
  const parsed = nir ? parseNir(nir, { keyRequired: true }) : undefined;
  const characters = parsed?.ok ? [...parsed.normalized] : [];
  let index = 0;
  return NIR_GROUP_SIZES.map((size) =>
    Array.from({ length: size }, () => characters[index++] ?? ''),
  );
}
