import type { DeclarationEmbaucheView } from './view-model.js';

/**
 * Characters each column holds at the normal size (bold 9.5 pt), measured in Chromium on the
 * sample: about 1.75 mm a character, 2.1 mm for the upper-case names. Beyond it the value gets a
 * line of its own and the type shrinks. Full-width lines hold more than the schema allows today.
 */
const CAPACITE = {
  employeurNomNaissance: 24,
  employeurNomUsage: 28,
  employeurPrenom: 82,
  employeurNumero: 7,
  employeurVoie: 70,
  employeurLocalite: 63,
  employeurComplement: 86,
  telephone: 24,
  courriel: 50,
  numeroUrssaf: 21,
  salarieNomNaissance: 24,
  salarieNomUsage: 28,
  salariePrenom: 27,
  nationalite: 19,
  communeNaissance: 29,
  paysNaissance: 17,
  salarieNumero: 7,
  salarieVoie: 70,
  salarieLocalite: 63,
  salarieComplement: 86,
  salarieAdresseLigne: 76,
  lieu: 38,
} as const;

export type ChampLimite = keyof typeof CAPACITE;

export function noneLarge(): Record<ChampLimite, boolean> {
  const entries = Object.keys(CAPACITE).map((key) => [key, false]);
  return Object.fromEntries(entries) as Record<ChampLimite, boolean>;
}

export function largeFields(view: DeclarationEmbaucheView): Record<ChampLimite, boolean> {
  const { employeur, salarie } = view;
  const values: Record<ChampLimite, string> = {
    employeurNomNaissance: employeur.nomNaissance,
    employeurNomUsage: employeur.nomUsage,
    employeurPrenom: employeur.prenom,
    employeurNumero: employeur.adresse.numero,
    employeurVoie: employeur.adresse.voie,
    employeurLocalite: employeur.adresse.localite,
    employeurComplement: employeur.adresse.complement,
    telephone: employeur.telephone,
    courriel: employeur.courriel,
    numeroUrssaf: employeur.numeroUrssaf,
    salarieNomNaissance: salarie.nomNaissance,
    salarieNomUsage: salarie.nomUsage,
    salariePrenom: salarie.prenom,
    nationalite: salarie.nationalite,
    communeNaissance: salarie.communeNaissance,
    paysNaissance: salarie.paysNaissance,
    salarieNumero: salarie.adresseFamille ? '' : salarie.adresse.numero,
    salarieVoie: salarie.adresseFamille ? '' : salarie.adresse.voie,
    salarieLocalite: salarie.adresseFamille ? '' : salarie.adresse.localite,
    salarieComplement: salarie.adresseFamille ? '' : salarie.adresse.complement,
    salarieAdresseLigne: salarie.adresseFamille ? salarie.adresseLigne : '',
    lieu: view.signature.lieu,
  };
  const entries = (Object.keys(CAPACITE) as ChampLimite[]).map(
    (key) => [key, values[key].length > CAPACITE[key]] as const,
  );
  return Object.fromEntries(entries) as Record<ChampLimite, boolean>;
}
