/**
 * One line per document for the home page: who needs it and when (domain-spec, "Who, where,
 * when"). Keyed by document id; a document without a line is listed by its title alone.
 */
export const DOCUMENT_GUIDE: Readonly<Record<string, string>> = {
  'attestation-atmp-stage-etranger':
    'Pour l’établissement d’enseignement d’un élève ou étudiant en stage dans une entreprise à l’étranger : à adresser à la CPAM de l’établissement avant le départ en stage.',
  'convention-au-pair':
    'Pour la famille d’accueil et le jeune au pair : à signer et à établir avant le départ du pays d’origine, pour la demande de visa.',
  'declaration-embauche-emploi-familial':
    'Pour la famille d’accueil : à adresser à l’Urssaf de son domicile dans les 8 jours suivant l’accueil.',
  'attestation-hebergement':
    'Pour la personne qui héberge quelqu’un : lettre sur papier libre, jointe par exemple à une demande de carte d’identité ou de passeport.',
};

/**
 * The documents a school establishes for its students, each linked to its class page, with the
 * sections the whole class shares: typed once on the page, under each row's own cells.
 */
export const CLASS_SHARED: Readonly<Record<string, readonly string[]>> = {
  'attestation-atmp-stage-etranger': ['etablissement', 'signature'],
};

export const SCHOOL_DOCUMENTS: readonly string[] = Object.keys(CLASS_SHARED);
