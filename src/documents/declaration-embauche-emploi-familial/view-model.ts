import type { DocumentContext } from '../document-definition.js';
import { LIBELLES_REGIME, regimeAuPair } from '../au-pair-regime.js';
import { countryNameFr, nationalityFr } from '../../shared/countries.js';
import { addDays, addMonths } from '../../shared/dates.js';
import { formatDateFr, formatEuros } from '../../shared/french-format.js';
import {
  addressBoxes,
  addressOnOneLine,
  capitals,
  nirComb,
  type AddressBoxes,
  type NirComb,
} from '../print/index.js';
import { assietteForfaitaire, FACTEUR_ASSIETTE, PERIODES_ASSIETTE } from './assiette.js';
import type { AssietteForfaitaire, PeriodeAssiette } from './assiette.js';
import type { DeclarationEmbaucheInput } from './schema.js';
import { largeFields, noneLarge, type ChampLimite } from './layout.js';
import { demandeImmatriculation, titreSejourDemande, type PieceAJoindre } from './pieces.js';

type Input = DeclarationEmbaucheInput;

/** The Cerfa followed (DECISIONS §1): printed in the header box and the footer. */
export const CERFA = '11469*03';

export interface DeclarationEmbaucheView {
  title: string;
  cerfa: string;
  /** Set when a value would wrap: smaller type so that the form keeps its pages (style.css). */
  dense: boolean;
  /** Fields whose value is too long for its column: they take a whole line (style.css). */
  large: Record<ChampLimite, boolean>;
  /** "dans les 8 jours suivant l'accueil", from the legal table at the arrival date. */
  delaiJours: string;
  employeur: {
    nomNaissance: string;
    nomUsage: string;
    prenom: string;
    nir: NirComb;
    adresse: AddressBoxes;
    telephone: string;
    courriel: string;
    numeroUrssaf: string;
    /** No Urssaf number yet: the declaration is also the employer's registration. */
    premiereDeclaration: boolean;
  };
  salarie: {
    nomNaissance: string;
    nomUsage: string;
    prenom: string;
    feminin: boolean;
    masculin: boolean;
    dateNaissance: string;
    communeNaissance: string;
    paysNaissance: string;
    nationalite: string;
    nir: NirComb;
    sansNir: boolean;
    adresse: AddressBoxes;
    /** The address on one line, printed when it is the family's. */
    adresseLigne: string;
    /** No address of their own was given: they live at the family's. */
    adresseFamille: boolean;
  };
  emploi: {
    stagiaire: boolean;
    jeuneAuPair: boolean;
    libelleStagiaire: string;
    libelleJeuneAuPair: string;
    dateDebut: string;
    dateFinPrevue: string;
  };
  assiette: {
    options: Array<{ libelle: string; facteur: string; coche: boolean; champ: string }>;
    /** A period is chosen: the calculation of its base is printed (not on a blank form). */
    choisie: boolean;
    /** Each period's base in the quarter, printed on a blank form instead. */
    bareme: Array<{ periode: string; montant: string }>;
    /**
     * The public blank form (no arrival date) prints the rule, each period's multiple of the SMIC,
     * and no figure: see blank-view.ts. Empty otherwise.
     */
    regle: Array<{ periode: string; facteur: string }>;
    /** "Assiette forfaitaire mensuelle : 56 × 12,02 € (SMIC … au 01/01/2026) = 673,12 €". */
    adjectif: string;
    facteur: string;
    smicHoraire: string;
    dateSmic: string;
    montant: string;
    trimestre: string;
    trimestreDu: string;
    trimestreAu: string;
  };
  /** Present when the employee has no NIR: the declaration is also their registration request. */
  immatriculation: {
    /** The residence permit is asked for too (a national from outside the EU, EEA, Switzerland). */
    titreSejour: boolean;
    /** "Joindre une copie": each box ticked when the request brings that document. */
    jointes: Record<PieceAJoindre, boolean>;
  } | null;
  /** Section numbers: the registration section exists only without a NIR. */
  numeros: { immatriculation: number; signature: number };
  signature: { lieu: string; date: string };
}

export const LIBELLES_PERIODE: Readonly<Record<PeriodeAssiette, string>> = {
  semaine: 'Semaine',
  mois: 'Mois',
  trimestre: 'Trimestre',
};

const ADJECTIFS_PERIODE: Readonly<Record<PeriodeAssiette, string>> = {
  semaine: 'hebdomadaire',
  mois: 'mensuelle',
  trimestre: 'trimestrielle',
};

export const TITLE = 'Déclaration d’embauche d’un emploi familial';

/** Pure mapping of a valid input to what the form prints, formatted the French way. */
export function toDeclarationEmbaucheView(
  input: Input,
  context: DocumentContext,
): DeclarationEmbaucheView {
  const { salarie, emploi } = input;
  const regime = emploi.regime ?? regimeAuPair(salarie.nationalite);
  const view: DeclarationEmbaucheView = {
    title: TITLE,
    cerfa: CERFA,
    dense: false,
    large: noneLarge(),
    delaiJours: context.legal.valueAt('delaiDeclarationEmbaucheJours', emploi.dateDebut).value,
    employeur: employeurView(input.employeur),
    salarie: salarieView(input),
    emploi: {
      stagiaire: regime === 'stagiaireAideFamilial',
      jeuneAuPair: regime === 'jeuneAuPair',
      libelleStagiaire: LIBELLES_REGIME.stagiaireAideFamilial,
      libelleJeuneAuPair: LIBELLES_REGIME.jeuneAuPair,
      dateDebut: formatDateFr(emploi.dateDebut),
      dateFinPrevue: emploi.dateFinPrevue ? formatDateFr(emploi.dateFinPrevue) : '',
    },
    assiette: assietteView(context, emploi.dateDebut, emploi.periodeAssiette),
    immatriculation: immatriculationView(salarie, context.attached ?? []),
    numeros: { immatriculation: 5, signature: salarie.nir ? 5 : 6 },
    signature: {
      lieu: input.signature.lieu,
      date: formatDateFr(input.signature.date ?? context.today),
    },
  };
  const large = largeFields(view);
  return { ...view, large, dense: Object.values(large).some(Boolean) };
}

/** Section 1: the family. */
function employeurView(employeur: Input['employeur']): DeclarationEmbaucheView['employeur'] {
  return {
    nomNaissance: capitals(employeur.nomNaissance),
    nomUsage: capitals(employeur.nomUsage ?? ''),
    prenom: employeur.prenom,
    nir: nirComb(employeur.nir),
    adresse: addressBoxes(employeur.adresse),
    telephone: employeur.telephone ?? '',
    courriel: employeur.courriel ?? '',
    numeroUrssaf: employeur.numeroUrssaf ?? '',
    premiereDeclaration: !employeur.numeroUrssaf,
  };
}

/** Section 2: the young person; without an address of their own, the family's. */
function salarieView(input: Input): DeclarationEmbaucheView['salarie'] {
  const { salarie } = input;
  const adresse = salarie.adresse ?? input.employeur.adresse;
  return {
    nomNaissance: capitals(salarie.nomNaissance),
    nomUsage: capitals(salarie.nomUsage ?? ''),
    prenom: salarie.prenom,
    feminin: salarie.sexe === 'F',
    masculin: salarie.sexe === 'M',
    dateNaissance: formatDateFr(salarie.dateNaissance),
    communeNaissance: salarie.lieuNaissance.commune,
    paysNaissance: countryNameFr(salarie.lieuNaissance.pays) ?? salarie.lieuNaissance.pays,
    nationalite:
      nationalityFr(salarie.nationalite) ??
      countryNameFr(salarie.nationalite) ??
      salarie.nationalite,
    nir: nirComb(salarie.nir),
    sansNir: !salarie.nir,
    adresse: addressBoxes(adresse),
    adresseLigne: addressOnOneLine(adresse),
    adresseFamille: !salarie.adresse,
  };
}

/**
 * Section 5, without a NIR: the copies to join, each ticked when the request brings it (a JSON
 * request brings none: the family ticks them by hand).
 */
function immatriculationView(
  salarie: Input['salarie'],
  attached: readonly string[],
): DeclarationEmbaucheView['immatriculation'] {
  if (!demandeImmatriculation(salarie)) return null;
  const titreSejour = titreSejourDemande(salarie);
  return {
    titreSejour,
    jointes: {
      pieceIdentite: attached.includes('pieceIdentite'),
      acteNaissance: attached.includes('acteNaissance'),
      titreSejour: titreSejour && attached.includes('titreSejour'),
    },
  };
}

/**
 * Section 4: the three periods with their multiple, in the quarter of `date`; the chosen one
 * ticked and its base computed. Without a choice (a blank form), each period's base is listed;
 * without a date either (the public blank form), only the rule (see blank-view.ts).
 */
export function assietteView(
  context: DocumentContext,
  date: string | undefined,
  chosen: PeriodeAssiette | undefined,
): DeclarationEmbaucheView['assiette'] {
  if (date === undefined) return assietteRule(context);
  const bases = PERIODES_ASSIETTE.map((periode) =>
    assietteForfaitaire(context.legal, date, periode),
  );
  const base = bases.find((candidate) => candidate.periode === chosen);
  const { dateSmic, smicHoraire } = bases[0] as AssietteForfaitaire;
  return {
    options: bases.map(({ periode, facteur }) => ({
      libelle: LIBELLES_PERIODE[periode],
      facteur,
      coche: periode === chosen,
      champ: `emploi.periodeAssiette.${periode}`,
    })),
    choisie: base !== undefined,
    bareme: base
      ? []
      : bases.map(({ periode, montant }) => ({
          periode: LIBELLES_PERIODE[periode].toLocaleLowerCase('fr-FR'),
          montant: formatEuros(montant),
        })),
    regle: [],
    adjectif: base ? ADJECTIFS_PERIODE[base.periode] : '',
    facteur: base?.facteur ?? '',
    smicHoraire: formatEuros(smicHoraire),
    dateSmic: formatDateFr(dateSmic),
    montant: base ? formatEuros(base.montant) : '',
    trimestre: quarterName(dateSmic),
    trimestreDu: formatDateFr(dateSmic),
    trimestreAu: formatDateFr(addDays(addMonths(dateSmic, 3), -1)),
  };
}

/**
 * The base as a rule: each period's multiple of the SMIC (the table's, today), no SMIC figure, no
 * date and no amount.
 */
function assietteRule(context: DocumentContext): DeclarationEmbaucheView['assiette'] {
  const facteurs = PERIODES_ASSIETTE.map((periode) => ({
    periode,
    facteur: context.legal.valueAt(FACTEUR_ASSIETTE[periode], context.today).value,
  }));
  return {
    options: facteurs.map(({ periode, facteur }) => ({
      libelle: LIBELLES_PERIODE[periode],
      facteur,
      coche: false,
      champ: `emploi.periodeAssiette.${periode}`,
    })),
    choisie: false,
    bareme: [],
    regle: facteurs.map(({ periode, facteur }) => ({
      periode: LIBELLES_PERIODE[periode].toLocaleLowerCase('fr-FR'),
      facteur,
    })),
    adjectif: '',
    facteur: '',
    smicHoraire: '',
    dateSmic: '',
    montant: '',
    trimestre: '',
    trimestreDu: '',
    trimestreAu: '',
  };
}

/** "2026-04-01" → "2e trimestre 2026". */
function quarterName(firstDay: string): string {
  const quarter = (Number(firstDay.slice(5, 7)) - 1) / 3 + 1;
  return `${quarter === 1 ? '1er' : `${quarter}e`} trimestre ${firstDay.slice(0, 4)}`;
}
