import type { DocumentContext } from '../document-definition.js';
import { countryNameFr } from '../../shared/countries.js';
import { formatDateFr, NBSP } from '../../shared/french-format.js';
import {
  addressLines,
  addressOnOneLine,
  capitals,
  numberInWords,
  printedName,
  type Names,
} from '../print/index.js';
import { penalSanctionAt, type PenalSanction } from '../print/penal-mention.js';
import { wholeHyphenatedWords, type Texte } from '../print/hyphenated-words.js';
import { dateLettre, dureeHebergement, seuilsAt, type Seuils } from './rules.js';
import type { AttestationHebergementInput } from './schema.js';

/** U+202F NARROW NO-BREAK SPACE: before « ; », as French typography wants (U+00A0 before « : »). */
const NNBSP = '\u202F';

/**
 * A person as the letter writes them, agreed with their sex. Caller texts are `Texte` (see
 * line-breaks.ts): the template keeps their hyphenated words whole.
 */
export interface PersonneView {
  civilite: 'Madame' | 'Monsieur';
  prenom: Texte;
  /** The name in use (usage name, else birth name), upper case: "LEFÈBVRE-CHÂTEAU". */
  nom: Texte;
  /** "né" / "née". */
  ne: string;
  /** The birth name after "née" when a usage name is printed ("née MARTIN le …"), else empty. */
  nomNaissance: Texte;
  /** JJ/MM/AAAA: the birth date as on an identity paper. */
  dateNaissance: string;
  communeNaissance: Texte;
  /** The country's French name when born outside France ("Côte d’Ivoire"), else empty. */
  paysNaissance: Texte;
}

export interface AttestationHebergementView {
  title: string;
  /** Set when the texts are long: smaller type so that the letter keeps to one page (style.css). */
  dense: boolean;
  /** The sender block, top left: name, street lines, "CP LOCALITÉ". */
  expediteur: Texte[];
  hebergeant: PersonneView & {
    soussigne: string;
    informe: string;
    /** The address on one line, after "demeurant". */
    adresse: Texte;
  };
  heberge: PersonneView;
  hebergement: {
    depuis: string;
    maniereStable: boolean;
    /**
     * Computed from the dates, so that the letter says no more than they do (rules.ts,
     * dureeHebergement): strictly more than three months → "soit depuis plus de trois mois";
     * exactly three → "soit depuis trois mois"; fewer → nothing.
     */
    plusDeTroisMois: boolean;
    troisMoisExactement: boolean;
    /** The threshold as the letter words it: "trois mois" (legal table). */
    dureeMinimale: string;
    titreGratuit: boolean;
  };
  /** Completes "… pour servir et valoir ce que de droit, à l'appui de …". */
  usage: Texte;
  sanction: PenalSanction;
  faitA: { lieu: Texte; date: string };
  /** The host's name again, under the signature space. */
  signataire: Texte;
  /** "Pièces jointes", each item ending with its punctuation (« ; » then « . »). */
  piecesJointes: Texte[];
}

/**
 * Characters of the view's texts above which the normal type (11.5 pt) may run onto a second
 * page. Measured with wide letters (W, Œ, M): one page up to about 1 070, two from 1 150.
 */
const DENSE_FROM = 900;

/** The view's texts, each counted as often as it is printed (the host's name three times). */
function printedLength(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (value && typeof value === 'object') {
    return Object.values(value).reduce<number>((sum, item) => sum + printedLength(item), 0);
  }
  return 0;
}

type Personne = AttestationHebergementInput['heberge'];

/** Pure mapping of a valid input to what the letter prints, agreed and formatted the French way. */
export function toAttestationHebergementView(
  input: AttestationHebergementInput,
  context: DocumentContext,
): AttestationHebergementView {
  const { hebergeant, heberge, hebergement, signature } = input;
  const date = dateLettre(input, context);
  const seuils = seuilsAt(context.legal, date);
  const duree = dureeHebergement(hebergement.depuis, date, seuils);
  const feminine = hebergeant.sexe === 'F';
  const view: AttestationHebergementView = {
    title: 'Attestation d’hébergement',
    dense: false,
    expediteur: [
      nameInUse(hebergeant),
      ...addressLines(hebergeant.adresse, { complement: 'ownLine', townInCapitals: true }),
    ].map(wholeHyphenatedWords),
    hebergeant: {
      ...personne(hebergeant),
      soussigne: feminine ? 'soussignée' : 'soussigné',
      informe: feminine ? 'informée' : 'informé',
      adresse: wholeHyphenatedWords(addressOnOneLine(hebergeant.adresse)),
    },
    heberge: personne(heberge),
    hebergement: {
      depuis: formatDateFr(hebergement.depuis),
      maniereStable: hebergement.maniereStable,
      plusDeTroisMois: duree === 'plusDe',
      troisMoisExactement: duree === 'exactement',
      dureeMinimale: enMois(seuils.dureePieceIdentiteMois),
      titreGratuit: hebergement.titreGratuit === true,
    },
    usage: wholeHyphenatedWords(usage(input)),
    sanction: penalSanctionAt(context.legal, date),
    faitA: { lieu: wholeHyphenatedWords(signature.lieu), date: formatDateFr(date) },
    signataire: wholeHyphenatedWords(nameInUse(hebergeant)),
    piecesJointes: piecesJointes(input, seuils).map(wholeHyphenatedWords),
  };
  return { ...view, dense: printedLength(view) > DENSE_FROM };
}

function personne(person: Personne): PersonneView {
  const feminine = person.sexe === 'F';
  const country = person.lieuNaissance.pays;
  return {
    civilite: feminine ? 'Madame' : 'Monsieur',
    prenom: wholeHyphenatedWords(person.prenom),
    nom: wholeHyphenatedWords(printedName(person, { usage: 'instead', prenom: 'none' })),
    ne: feminine ? 'née' : 'né',
    nomNaissance: person.nomUsage ? wholeHyphenatedWords(capitals(person.nomNaissance)) : [],
    dateNaissance: formatDateFr(person.dateNaissance),
    communeNaissance: wholeHyphenatedWords(person.lieuNaissance.commune),
    paysNaissance: country === 'FR' ? [] : wholeHyphenatedWords(countryNameFr(country) ?? country),
  };
}

/** The name a French letter writes: "Prénom NOM D'USAGE", the birth name coming after "née". */
function nameInUse(person: Names): string {
  return printedName(person, { usage: 'instead', prenom: 'before' });
}

function usage({ motif, heberge }: AttestationHebergementInput): string {
  const interesse = heberge.sexe === 'F' ? 'l’intéressée' : 'l’intéressé';
  switch (motif.type) {
    case 'carteIdentite':
      return `de la demande de carte nationale d’identité de ${interesse}`;
    case 'passeport':
      return `de la demande de passeport de ${interesse}`;
    case 'autre':
      // The sentence brings its own full stop.
      return `de la démarche suivante${NBSP}: ${(motif.precision ?? '').replace(/\.+$/, '')}`;
  }
}

/** A number of months in the words of a letter: 3 → "trois mois", 12 → "un an"; 7 → "7 mois". */
function enMois(months: number): string {
  if (months === 12) return 'un an';
  return `${numberInWords(months, { upTo: 6 }) ?? String(months)} mois`;
}

/** "de" before a consonant, "d’" before a vowel: "de moins d’un an", "de moins de six mois". */
function elide(words: string): string {
  return /^[aeiouy]/i.test(words) ? `d’${words}` : `de ${words}`;
}

function piecesJointes(
  { justificatifDomicile }: AttestationHebergementInput,
  seuils: Seuils,
): string[] {
  const proof = justificatifDomicile
    ? `${NBSP}: ${justificatifDomicile.nature} du ${formatDateFr(justificatifDomicile.date)}`
    : '';
  return [
    `copie de ma pièce d’identité${NNBSP};`,
    `justificatif de domicile à mon nom, de moins ${elide(enMois(seuils.ancienneteJustificatifMois))}${proof}.`,
  ];
}
