import { describe, expect, it } from 'vitest';
import {
  countryNameFr,
  EEA_NON_EU,
  EU_COUNTRIES,
  FRENCH_ATLANTIC_COM,
  FRENCH_TERRITORIES_ABROAD,
  FRENCH_TERRITORY_CODES,
  isCountryCode,
  isEuropeanNational,
  isFrenchTerritory,
  nationalityFr,
} from '../../src/shared/countries.js';

/** Every pair of capital letters: 676 candidates. */
const ALL_TWO_LETTER_CODES = Array.from({ length: 26 * 26 }, (_, index) =>
  String.fromCharCode(65 + Math.floor(index / 26), 65 + (index % 26)),
);

describe('isCountryCode', () => {
  it('knows the 249 assigned ISO 3166-1 codes plus XK', () => {
    expect(ALL_TWO_LETTER_CODES.filter(isCountryCode)).toHaveLength(250);
  });

  it('accepts countries and territories', () => {
    for (const code of ['FR', 'DE', 'CA', 'US', 'GP', 'NC', 'XK', 'TW', 'PS', 'AQ']) {
      expect(isCountryCode(code), code).toBe(true);
    }
  });

  it('rejects macro-regions, private-use, reserved and deprecated codes', () => {
    const refused = [
      'EU',
      'EZ',
      'UN',
      'ZZ',
      'QO',
      'XA',
      'XB',
      'AC',
      'CP',
      'DG',
      'EA',
      'IC',
      'TA',
      'CQ',
      'UK',
      'SU',
      'YU',
      'DD',
      'FX',
      'AN',
      'ZR',
      'CS',
      'TP',
    ];
    for (const code of refused) expect(isCountryCode(code), code).toBe(false);
  });

  it('rejects lower case, other lengths and alpha-3', () => {
    for (const code of ['fr', 'Fr', 'F', 'FRA', '', '12'])
      expect(isCountryCode(code), code).toBe(false);
  });

  it('has a French name for every code it accepts', () => {
    for (const code of ALL_TWO_LETTER_CODES.filter(isCountryCode)) {
      expect(countryNameFr(code), code).toBeTruthy();
    }
  });
});

describe('countryNameFr', () => {
  it('names countries in French', () => {
    expect(countryNameFr('DE')).toBe('Allemagne');
    expect(countryNameFr('CA')).toBe('Canada');
    expect(countryNameFr('FR')).toBe('France');
    expect(countryNameFr('CH')).toBe('Suisse');
    expect(countryNameFr('CD')).toBe('République démocratique du Congo');
  });

  it('returns null for unknown codes', () => {
    expect(countryNameFr('EU')).toBeNull();
    expect(countryNameFr('de')).toBeNull();
  });
});

describe('nationalityFr', () => {
  it('gives the feminine adjective in lower case', () => {
    expect(nationalityFr('FR')).toBe('française');
    expect(nationalityFr('DE')).toBe('allemande');
    expect(nationalityFr('MA')).toBe('marocaine');
    expect(nationalityFr('US')).toBe('américaine');
    expect(nationalityFr('GB')).toBe('britannique');
    expect(nationalityFr('CI')).toBe('ivoirienne');
    expect(nationalityFr('GY')).toBe('guyanienne');
    expect(nationalityFr('DO')).toBe('dominicaine');
    expect(nationalityFr('DM')).toBe('dominiquaise');
  });

  it("gives a territory the sovereign state's nationality", () => {
    expect(nationalityFr('GP')).toBe('française');
    expect(nationalityFr('NC')).toBe('française');
    expect(nationalityFr('PR')).toBe('américaine');
    expect(nationalityFr('GL')).toBe('danoise');
  });

  it('returns null when there is no adjective or the code is unknown', () => {
    expect(nationalityFr('AQ')).toBeNull();
    expect(nationalityFr('EH')).toBeNull();
    expect(nationalityFr('UK')).toBeNull();
  });

  it('writes every adjective in lower case', () => {
    for (const code of ALL_TWO_LETTER_CODES.filter(isCountryCode)) {
      const adjective = nationalityFr(code);
      if (adjective !== null) expect(adjective, code).toBe(adjective.toLowerCase());
    }
  });
});

describe('European groupings', () => {
  it('has the 27 EU members of SEED-004', () => {
    expect(EU_COUNTRIES.size).toBe(27);
    for (const code of EU_COUNTRIES) expect(isCountryCode(code), code).toBe(true);
    expect(EU_COUNTRIES.has('HR')).toBe(true);
    expect(EU_COUNTRIES.has('GB')).toBe(false);
  });

  it('treats EU, EEA and Swiss nationals as European', () => {
    expect([...EEA_NON_EU].sort()).toEqual(['IS', 'LI', 'NO']);
    for (const code of ['FR', 'DE', 'IS', 'LI', 'NO', 'CH'])
      expect(isEuropeanNational(code), code).toBe(true);
    for (const code of ['US', 'GB', 'MA', 'UA', 'TR'])
      expect(isEuropeanNational(code), code).toBe(false);
  });
});

describe('French territories', () => {
  it('counts metropolitan France and the DROM as France', () => {
    for (const code of ['FR', 'GP', 'MQ', 'GF', 'RE', 'YT'])
      expect(isFrenchTerritory(code), code).toBe(true);
    expect(FRENCH_TERRITORY_CODES.size).toBe(6);
  });

  it('keeps the Atlantic COM apart and counts the Pacific COM and TAAF as abroad', () => {
    expect([...FRENCH_ATLANTIC_COM].sort()).toEqual(['BL', 'MF', 'PM']);
    for (const code of ['NC', 'PF', 'WF', 'TF']) {
      expect(FRENCH_TERRITORIES_ABROAD.has(code)).toBe(true);
      expect(isFrenchTerritory(code)).toBe(false);
    }
    for (const code of FRENCH_ATLANTIC_COM) expect(isFrenchTerritory(code)).toBe(false);
  });
});
