import { isEuropeanNational } from '../../shared/countries.js';
import type { ExpectedAttachment } from '../document-definition.js';
import type { DeclarationEmbaucheInput } from './schema.js';

/**
 * The copies section 5 asks to join ("Joindre une copie"): without a NIR the declaration is also
 * the employee's registration request, which needs an identity document and a civil-status
 * document, and the residence permit of a national from outside the EU, the EEA and Switzerland
 * (domain-spec §4). Each is a multipart part `attachments.<name>`; its box on the form is ticked
 * when the request brings it.
 */
export type PieceAJoindre = 'pieceIdentite' | 'acteNaissance' | 'titreSejour';

type Salarie = Pick<DeclarationEmbaucheInput['salarie'], 'nir' | 'nationalite'>;

/** No NIR: the declaration is also the employee's registration request (section 5). */
export function demandeImmatriculation(salarie: Salarie): boolean {
  return !salarie.nir;
}

/**
 * The registration request of a national from outside the EU, the EEA and Switzerland (a jeune
 * au pair: the rules refuse a regime the nationality contradicts) also asks for the residence
 * permit.
 */
export function titreSejourDemande(salarie: Salarie): boolean {
  return demandeImmatriculation(salarie) && !isEuropeanNational(salarie.nationalite);
}

const salarieOf = (input: unknown) => (input as DeclarationEmbaucheInput).salarie;

export const PIECES_A_JOINDRE: readonly (ExpectedAttachment & { name: PieceAJoindre })[] = [
  {
    name: 'pieceIdentite',
    label_fr:
      'Pièce d’identité du salarié (passeport, carte nationale d’identité ou titre de séjour)',
    label_en: "The employee's identity document (passport, ID card or residence permit)",
    when: (input) => demandeImmatriculation(salarieOf(input)),
  },
  {
    name: 'acteNaissance',
    label_fr: 'Extrait d’acte de naissance du salarié',
    label_en: "The employee's birth certificate",
    when: (input) => demandeImmatriculation(salarieOf(input)),
  },
  {
    name: 'titreSejour',
    label_fr: 'Titre de séjour du salarié (VLS-TS ou carte de séjour temporaire « jeune au pair »)',
    label_en:
      "The employee's residence permit (VLS-TS or temporary residence card “jeune au pair”)",
    when: (input) => titreSejourDemande(salarieOf(input)),
  },
];
