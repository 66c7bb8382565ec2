import type { DocumentContext } from '../document-definition.js';
import { LIBELLES_REGIME } from '../au-pair-regime.js';
import { noneLarge } from './layout.js';
import { NO_ADDRESS, nirComb } from '../print/index.js';
import type { DeclarationEmbaucheInput } from './schema.js';
import { assietteView, CERFA, TITLE, type DeclarationEmbaucheView } from './view-model.js';

/**
 * The empty declaration, laid out as a normal render (fillable form, engine acroform): every box
 * empty, every checkbox unticked, the employee's address in full and the registration section
 * present (a family may have to fill either). The deadline is the one in force at the arrival
 * date given, or today.
 *
 * Section 4 prints figures only for an input (the form an acroform render fills): the SMIC of the
 * arrival's quarter, its date, and each period's base, as the html render does. The public blank
 * form (GET …/blank, no input) prints the rule instead, "13, 56 ou 169 × SMIC horaire en vigueur
 * au premier jour du trimestre civil", and no figure: a figure printed on a blank is read as fact
 * though the blank cannot stand behind it. It is that of the quarter it was printed in, wrong for
 * an arrival in another, and stale the next quarter on a form kept for later; and the table's
 * entry may be unconfirmed (a single source), which a render says in a LEGAL_VALUE_UNCONFIRMED
 * warning but a blank, which has no warnings, would assert silently. The rule is the arrêté's and
 * is true in every quarter; the family reads the SMIC of its quarter when it fills the form.
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
    assiette: assietteView(context, input?.emploi.dateDebut, undefined),
    immatriculation: {
      titreSejour: true,
      jointes: { pieceIdentite: false, acteNaissance: false, titreSejour: false },
    },
    numeros: { immatriculation: 5, signature: 6 },
    signature: { lieu: '', date: '' },
  };
}
