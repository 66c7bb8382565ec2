import type { FormReading } from '../read/form-reading.js';

/**
 * The declaration's form read back: its boxes are named after input paths, but for those the
 * service ticks itself. "Première déclaration" follows from no Urssaf number, "sans NIR" from
 * no NIR, "même adresse que l'employeur" from no address of the employee's own, and the
 * "joindre une copie" boxes from the attachments a render brings.
 */
export const declarationEmbaucheReading: FormReading = {
  computed: [
    'employeur.premiereDeclaration',
    'salarie.sansNir',
    'salarie.adresseEmployeur',
    'immatriculation.pieceIdentite',
    'immatriculation.pieceEtatCivil',
    'immatriculation.titreSejour',
  ],
};
