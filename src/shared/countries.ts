/**
 * Countries as ISO 3166-1 alpha-2 codes, their French names and nationality adjectives,
 * and the groupings the rules need (EU, EEA, France and its overseas territories).
 */

/**
 * Every officially assigned ISO 3166-1 alpha-2 code (249) plus XK, with the feminine nationality
 * adjective ("nationalité : française"). Spellings follow the French official list of gentilés
 * (Journal officiel, recommandation sur les noms d'États). Territories carry the sovereign
 * state's nationality; null where no nationality adjective applies.
 * No npm package was solid enough for this (i18n-nationality's fr-female file mixes territory
 * names into adjectives and gives DROM their own "nationality").
 */
// prettier-ignore
const NATIONALITY_FR: Readonly<Record<string, string | null>> = {
  AD: 'andorrane', AE: 'émirienne', AF: 'afghane', AG: 'antiguaise-et-barbudienne',
  AI: 'britannique', AL: 'albanaise', AM: 'arménienne', AO: 'angolaise', AQ: null,
  AR: 'argentine', AS: 'américaine', AT: 'autrichienne', AU: 'australienne', AW: 'néerlandaise',
  AX: 'finlandaise', AZ: 'azerbaïdjanaise', BA: 'bosnienne', BB: 'barbadienne',
  BD: 'bangladaise', BE: 'belge', BF: 'burkinabée', BG: 'bulgare', BH: 'bahreïnienne',
  BI: 'burundaise', BJ: 'béninoise', BL: 'française', BM: 'britannique', BN: 'brunéienne',
  BO: 'bolivienne', BQ: 'néerlandaise', BR: 'brésilienne', BS: 'bahamienne', BT: 'bhoutanaise',
  BV: null, BW: 'botswanaise', BY: 'biélorusse', BZ: 'bélizienne', CA: 'canadienne',
  CC: 'australienne', CD: 'congolaise', CF: 'centrafricaine', CG: 'congolaise', CH: 'suisse',
  CI: 'ivoirienne', CK: 'néo-zélandaise', CL: 'chilienne', CM: 'camerounaise', CN: 'chinoise',
  CO: 'colombienne', CR: 'costaricienne', CU: 'cubaine', CV: 'cap-verdienne',
  CW: 'néerlandaise', CX: 'australienne', CY: 'chypriote', CZ: 'tchèque', DE: 'allemande',
  DJ: 'djiboutienne', DK: 'danoise', DM: 'dominiquaise', DO: 'dominicaine', DZ: 'algérienne',
  EC: 'équatorienne', EE: 'estonienne', EG: 'égyptienne', EH: null, ER: 'érythréenne',
  ES: 'espagnole', ET: 'éthiopienne', FI: 'finlandaise', FJ: 'fidjienne', FK: 'britannique',
  FM: 'micronésienne', FO: 'danoise', FR: 'française', GA: 'gabonaise', GB: 'britannique',
  GD: 'grenadienne', GE: 'géorgienne', GF: 'française', GG: 'britannique', GH: 'ghanéenne',
  GI: 'britannique', GL: 'danoise', GM: 'gambienne', GN: 'guinéenne', GP: 'française',
  GQ: 'équato-guinéenne', GR: 'grecque', GS: null, GT: 'guatémaltèque', GU: 'américaine',
  GW: 'bissau-guinéenne', GY: 'guyanienne', HK: 'chinoise', HM: null, HN: 'hondurienne',
  HR: 'croate', HT: 'haïtienne', HU: 'hongroise', ID: 'indonésienne', IE: 'irlandaise',
  IL: 'israélienne', IM: 'britannique', IN: 'indienne', IO: null, IQ: 'irakienne',
  IR: 'iranienne', IS: 'islandaise', IT: 'italienne', JE: 'britannique', JM: 'jamaïcaine',
  JO: 'jordanienne', JP: 'japonaise', KE: 'kényane', KG: 'kirghize', KH: 'cambodgienne',
  KI: 'kiribatienne', KM: 'comorienne', KN: 'christophienne', KP: 'nord-coréenne',
  KR: 'sud-coréenne', KW: 'koweïtienne', KY: 'britannique', KZ: 'kazakhstanaise',
  LA: 'laotienne', LB: 'libanaise', LC: 'saint-lucienne', LI: 'liechtensteinoise',
  LK: 'srilankaise', LR: 'libérienne', LS: 'lesothane', LT: 'lituanienne',
  LU: 'luxembourgeoise', LV: 'lettone', LY: 'libyenne', MA: 'marocaine', MC: 'monégasque',
  MD: 'moldave', ME: 'monténégrine', MF: 'française', MG: 'malgache', MH: 'marshallaise',
  MK: 'macédonienne', ML: 'malienne', MM: 'birmane', MN: 'mongole', MO: 'chinoise',
  MP: 'américaine', MQ: 'française', MR: 'mauritanienne', MS: 'britannique', MT: 'maltaise',
  MU: 'mauricienne', MV: 'maldivienne', MW: 'malawite', MX: 'mexicaine', MY: 'malaisienne',
  MZ: 'mozambicaine', NA: 'namibienne', NC: 'française', NE: 'nigérienne', NF: 'australienne',
  NG: 'nigériane', NI: 'nicaraguayenne', NL: 'néerlandaise', NO: 'norvégienne',
  NP: 'népalaise', NR: 'nauruane', NU: 'néo-zélandaise', NZ: 'néo-zélandaise', OM: 'omanaise',
  PA: 'panaméenne', PE: 'péruvienne', PF: 'française', PG: 'papouane-néo-guinéenne',
  PH: 'philippine', PK: 'pakistanaise', PL: 'polonaise', PM: 'française', PN: 'britannique',
  PR: 'américaine', PS: 'palestinienne', PT: 'portugaise', PW: 'palaosienne',
  PY: 'paraguayenne', QA: 'qatarienne', RE: 'française', RO: 'roumaine', RS: 'serbe',
  RU: 'russe', RW: 'rwandaise', SA: 'saoudienne', SB: 'salomonaise', SC: 'seychelloise',
  SD: 'soudanaise', SE: 'suédoise', SG: 'singapourienne', SH: 'britannique', SI: 'slovène',
  SJ: 'norvégienne', SK: 'slovaque', SL: 'sierra-léonaise', SM: 'saint-marinaise',
  SN: 'sénégalaise', SO: 'somalienne', SR: 'surinamaise', SS: 'sud-soudanaise',
  ST: 'santoméenne', SV: 'salvadorienne', SX: 'néerlandaise', SY: 'syrienne', SZ: 'swazie',
  TC: 'britannique', TD: 'tchadienne', TF: 'française', TG: 'togolaise', TH: 'thaïlandaise',
  TJ: 'tadjike', TK: 'néo-zélandaise', TL: 'est-timoraise', TM: 'turkmène', TN: 'tunisienne',
  TO: 'tongienne', TR: 'turque', TT: 'trinidadienne', TV: 'tuvaluane', TW: 'taïwanaise',
  TZ: 'tanzanienne', UA: 'ukrainienne', UG: 'ougandaise', UM: null, US: 'américaine',
  UY: 'uruguayenne', UZ: 'ouzbèke', VA: null, VC: 'vincentaise', VE: 'vénézuélienne',
  VG: 'britannique', VI: 'américaine', VN: 'vietnamienne', VU: 'vanuataise', WF: 'française',
  WS: 'samoane', XK: 'kosovare', YE: 'yéménite', YT: 'française', ZA: 'sud-africaine',
  ZM: 'zambienne', ZW: 'zimbabwéenne',
};

/** The 27 EU member states (domain-spec §1.4; the list of SEED-004). */
export const EU_COUNTRIES: ReadonlySet<string> = new Set([
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU',
  'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
]); // prettier-ignore

/** EEA members outside the EU. */
export const EEA_NON_EU: ReadonlySet<string> = new Set(['IS', 'LI', 'NO']);

/**
 * France for the forms: metropolitan France and the five DROM (Guadeloupe, Martinique, Guyane,
 * La Réunion, Mayotte). A stage there is not "à l'étranger" (DECISIONS §7).
 */
export const FRENCH_TERRITORY_CODES: ReadonlySet<string> = new Set([
  'FR', 'GP', 'MQ', 'GF', 'RE', 'YT',
]); // prettier-ignore

/**
 * Atlantic overseas collectivities (Saint-Barthélemy, Saint-Martin, Saint-Pierre-et-Miquelon):
 * French, but whether the AT/MP attestation treats them as abroad is not settled (domain-spec AT3).
 * Callers decide; nothing here classifies them.
 */
export const FRENCH_ATLANTIC_COM: ReadonlySet<string> = new Set(['BL', 'MF', 'PM']);

/**
 * Pacific overseas collectivities (Nouvelle-Calédonie, Polynésie française, Wallis-et-Futuna)
 * and the TAAF: they have their own social security, so they count as abroad (DECISIONS §7).
 */
export const FRENCH_TERRITORIES_ABROAD: ReadonlySet<string> = new Set(['NC', 'PF', 'WF', 'TF']);

/**
 * Names that Intl (CLDR) spells in a way French administrative forms do not.
 * Everything else comes from Intl.DisplayNames.
 */
const NAME_OVERRIDES_FR: Readonly<Record<string, string>> = {
  CD: 'République démocratique du Congo',
  CG: 'Congo',
  HK: 'Hong Kong',
  MO: 'Macao',
};

let displayNames: Intl.DisplayNames | undefined;
function frenchRegionNames(): Intl.DisplayNames {
  displayNames ??= new Intl.DisplayNames(['fr'], { type: 'region', fallback: 'none' });
  return displayNames;
}

/**
 * True for an officially assigned ISO 3166-1 alpha-2 code (upper case), plus XK (Kosovo).
 *
 * The list is explicit (the keys of the nationality table) rather than "whatever Intl names":
 * Intl.DisplayNames also names macro-regions (EU, EZ, UN, QO), private-use codes (XA, XB, ZZ),
 * exceptionally reserved codes (AC, CP, DG, EA, IC, TA, CQ) and deprecated codes it silently
 * maps to today's countries (UK → Royaume-Uni, SU → Russie, YU, DD, FX, AN, ZR…).
 * XK is user-assigned, but is the code the EU and most registries use for Kosovo.
 */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && Object.hasOwn(NATIONALITY_FR, code);
}

/** French name of the country or territory: 'DE' → 'Allemagne'; null for an unknown code. */
export function countryNameFr(code: string): string | null {
  if (!isCountryCode(code)) return null;
  return NAME_OVERRIDES_FR[code] ?? frenchRegionNames().of(code) ?? null;
}

/**
 * Nationality adjective as French forms print it, feminine and lower case ("nationalité :
 * française"): 'DE' → 'allemande', 'MA' → 'marocaine'.
 * A territory's people have the nationality of the sovereign state ('GP' → 'française',
 * 'PR' → 'américaine', 'GL' → 'danoise'). Returns null when there is no such adjective
 * (uninhabited territories, Sahara occidental, Vatican) or the code is unknown: the caller
 * then prints the country name.
 */
export function nationalityFr(code: string): string | null {
  return isCountryCode(code) ? (NATIONALITY_FR[code] ?? null) : null;
}

/** EU, EEA or Swiss national: the "européen" of the stagiaire aide familial regime (DECISIONS §3). */
export function isEuropeanNational(code: string): boolean {
  return EU_COUNTRIES.has(code) || EEA_NON_EU.has(code) || code === 'CH';
}

/** France or a DROM: not abroad for the AT/MP attestation. */
export function isFrenchTerritory(code: string): boolean {
  return FRENCH_TERRITORY_CODES.has(code);
}

/**
 * The state whose nationality several codes share (its territories carry it): "française" read
 * back from a form is France, not Mayotte. "congolaise" stays ambiguous (two states).
 */
const STATE_OF_NATIONALITY: Readonly<Record<string, string>> = {
  américaine: 'US',
  australienne: 'AU',
  britannique: 'GB',
  chinoise: 'CN',
  danoise: 'DK',
  finlandaise: 'FI',
  française: 'FR',
  néerlandaise: 'NL',
  'néo-zélandaise': 'NZ',
  norvégienne: 'NO',
};

export type CountryReading =
  { found: true; code: string } | { found: false; candidates: readonly string[] };

/**
 * The country a person wrote on a form, in French: its name ("Colombie"), its nationality
 * ("colombienne", "colombien") or its ISO code ("CO"); case, accents and hyphens do not matter.
 * Not found: `candidates` lists the codes it could be when it is ambiguous ("congolaise"), else
 * none.
 */
export function countryFromFrench(text: string): CountryReading {
  const code = text.trim().toUpperCase();
  if (isCountryCode(code)) return { found: true, code };
  const codes = frenchCountryIndex().get(foldForLookup(text)) ?? [];
  const [only] = codes;
  if (only !== undefined && codes.length === 1) return { found: true, code: only };
  return { found: false, candidates: codes };
}

let countryIndex: Map<string, string[]> | undefined;
function frenchCountryIndex(): Map<string, string[]> {
  if (countryIndex) return countryIndex;
  const index = new Map<string, Set<string>>();
  const add = (key: string, code: string) => {
    const folded = foldForLookup(key);
    index.set(folded, (index.get(folded) ?? new Set()).add(code));
  };
  for (const code of Object.keys(NATIONALITY_FR)) {
    const name = countryNameFr(code);
    if (name) add(name, code);
    const nationality = NATIONALITY_FR[code];
    if (!nationality) continue;
    const state = STATE_OF_NATIONALITY[nationality] ?? code;
    // The feminine the forms print, and the masculine a person may write instead.
    for (const form of [nationality, masculineOf(nationality)]) add(form, state);
  }
  countryIndex = new Map([...index].map(([key, codes]) => [key, [...codes].sort()]));
  return countryIndex;
}

/** colombienne → colombien, française → français, grecque → grec; belge and russe unchanged. */
function masculineOf(feminine: string): string {
  return feminine
    .split('-')
    .map((word) =>
      word
        .replace(/(ienne|éenne|enne)$/, (ending) => ending.slice(0, -2))
        .replace(/c?que$/, 'c')
        .replace(/([^gsuèlt]|[^e]t)e$/, '$1')
        .replace(/(aise|ise|ane|ine|ande|ende|onde|ote|ète)$/, (ending) => ending.slice(0, -1)),
    )
    .join('-');
}

/** Lower case, no accents, hyphens and apostrophes as spaces, spaces collapsed. */
export function foldForLookup(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[-'’]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
