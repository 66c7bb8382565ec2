import type { DocumentContext } from '../document-definition.js';
import { LIBELLES_REGIME } from '../au-pair-regime.js';
import { noneLarge } from './layout.js';
import { NO_ADDRESS, nirComb } from '../print/index.js';
import type { DeclarationEmbaucheInput } from './schema.js';
import { assietteView, CERFA, TITLE, type DeclarationEmbaucheView } from './view-model.js';

/**
 * The empty declaration, laid out as a normal render (fillable form, engine acroform): every box
 * empty, every checkbox unticked, the employee's address in full and the registration section
 * present (a family may have to fill either). The deadline and the base of section 4 are those of
 * the arrival date given, or of today: the SMIC of that quarter and each period's base.
 */
export function blankDeclarationEmbaucheView(
  context: DocumentContext,
  input?: DeclarationEmbaucheInput,
): DeclarationEmbaucheView {
  const date = input?.emploi.dateDebut ?? context.today;
  return {
    title: TITLE,
    cerfa: CERFA,
    dense: false,
    large: noneLarge(),
    delaiJours: context.legal.valueAt('delaiDeclarationEmbaucheJours', date).value,
    employeur: {
      nomNaissance: '',
      nomUsage: '',
      prenom: '',
      nir: nirComb(undefined),
      adresse: NO_ADDRESS,
      telephone: '',
      courriel: '',
      numeroUrssaf: '',
      premiereDeclaration: false,
    },
    salarie: {
      nomNaissance: '',
      nomUsage: '',
      prenom: '',
      feminin: false,
      masculin: false,
      dateNaissance: '',
      communeNaissance: '',
      paysNaissance: '',
      nationalite: '',
      nir: nirComb(undefined),
      sansNir: false,
      adresse: NO_ADDRESS,
      adresseLigne: '',
      adresseFamille: false,
    },
    emploi: {
      stagiaire: false,
      jeuneAuPair: false,
      libelleStagiaire: LIBELLES_REGIME.stagiaireAideFamilial,
      libelleJeuneAuPair: LIBELLES_REGIME.jeuneAuPair,
      dateDebut: '',
      dateFinPrevue: '',
    },
    assiette: assietteView(context, date, undefined),
    immatriculation: { titreSejour: true },
    numeros: { immatriculation: 5, signature: 6 },
    signature: { lieu: '', date: '' },
  };
}
