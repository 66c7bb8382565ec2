/**
 * Each document as the browser tests fill it: from its sample, with one field made wrong in a
 * way a rule of the law refuses, then corrected; and text the downloaded PDF must hold (accented
 * values of the sample, as printed). Shared by the JavaScript-off and JavaScript-on tests, so
 * that a new document is one more line here.
 */
export interface DocumentCase {
  id: string;
  /** The field made wrong, its wrong value, and a part of the message expected. */
  wrong: { name: string; value: string; message: RegExp };
  printed: string[];
}

export const DOCUMENT_CASES: readonly DocumentCase[] = [
  {
    // A NIR whose key does not match its 13 digits.
    id: 'attestation-atmp-stage-etranger',
    wrong: { name: 'eleve.nir', value: '2 95 10 99 126 111 94', message: /clé/i },
    printed: ['Héloïse', 'LEFÈVRE'],
  },
  {
    // Pocket money under the monthly minimum of a jeune au pair.
    id: 'convention-au-pair',
    wrong: { name: 'argentDePoche.montant', value: '100', message: /minimum|au moins/i },
    printed: ['Valentina Sofía', 'Medellín'],
  },
  {
    // Born in 1990, the young person is over 30 when placed au pair (rule EF4, as AP1).
    id: 'declaration-embauche-emploi-familial',
    wrong: { name: 'salarie.dateNaissance', value: '1990-08-19', message: /à 30 ans/ },
    printed: ['Ximena Lucía', 'GUÉRIN', 'Résidence Les Érables'],
  },
  {
    // A proof of address dated more than a year before the letter.
    id: 'attestation-hebergement',
    wrong: { name: 'justificatifDomicile.date', value: '2025-10-02', message: /moins d'un an/ },
    printed: ['Françoise', 'Saint-Étienne', 'Rémi', "facture d'électricité"],
  },
];
