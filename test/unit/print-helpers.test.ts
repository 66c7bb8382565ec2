import { describe, expect, it } from 'vitest';
import {
  addressBoxes,
  addressLines,
  addressOnOneLine,
  capitals,
  custodyText,
  fineText,
  NIR_GROUP_SIZES,
  NO_ADDRESS,
  nirComb,
  numberInWords,
  penaltyText,
  printedName,
} from '../../src/documents/print/index.js';

const full = {
  numero: '14 bis',
  voie: 'rue des Hauts-Pavés',
  complement: 'Résidence Les Érables, 3e étage',
  codePostal: '44000',
  localite: 'Saint-Étienne-de-Montluc',
};
const bare = { voie: 'chemin du Moulin', codePostal: '20000', localite: 'Ajaccio' };

describe('capitals', () => {
  it('changes the case only, accents and ligatures kept', () => {
    expect(capitals('Lefèbvre-Château')).toBe('LEFÈBVRE-CHÂTEAU');
    expect(capitals("N'Guessan œillet çà et là")).toBe("N'GUESSAN ŒILLET ÇÀ ET LÀ");
    expect(capitals('Gómez Peña')).toBe('GÓMEZ PEÑA');
    expect(capitals('')).toBe('');
  });

  it('keeps ß as ß inside capitals: STRASSE would be another spelling (see test/unit/capitals.test.ts)', () => {
    expect(capitals('Weiß')).toBe('WEIß');
    expect(capitals('Straße')).toBe('STRAßE');
    expect(capitals('ẞ')).toBe('ẞ');
  });
});

describe('printedName', () => {
  const birthOnly = { nomNaissance: 'Lefèvre', prenom: 'Héloïse' };
  const withUsage = { ...birthOnly, nomUsage: "N'Diaye" };

  it('prints the usage name instead of the birth name, first name before (a letter)', () => {
    const options = { usage: 'instead', prenom: 'before' } as const;
    expect(printedName(withUsage, options)).toBe("Héloïse N'DIAYE");
    expect(printedName(birthOnly, options)).toBe('Héloïse LEFÈVRE');
    expect(printedName(withUsage, { usage: 'instead', prenom: 'none' })).toBe("N'DIAYE");
  });

  it('prints both names joined by a mention, without the first name (a form)', () => {
    const options = { usage: { mention: 'épouse' }, prenom: 'none' } as const;
    expect(printedName(withUsage, options)).toBe("LEFÈVRE épouse N'DIAYE");
    expect(printedName(birthOnly, options)).toBe('LEFÈVRE');
  });

  it('prints the usage name in parentheses, the first name after (civil-status order)', () => {
    const options = { usage: 'parentheses', prenom: 'after' } as const;
    expect(printedName(withUsage, options)).toBe("LEFÈVRE (N'DIAYE) Héloïse");
    expect(printedName(birthOnly, options)).toBe('LEFÈVRE Héloïse');
  });

  it('keeps the first name as given and capitalises family names by case only', () => {
    const person = { nomNaissance: 'Weiß', nomUsage: 'Müller', prenom: 'élodie' };
    expect(printedName(person, { usage: 'instead', prenom: 'before' })).toBe('élodie MÜLLER');
    expect(printedName(person, { usage: 'parentheses', prenom: 'after' })).toBe(
      'WEIß (MÜLLER) élodie',
    );
  });
});

describe('addresses', () => {
  it('gives La Poste lines, the complement on its own line and the town in capitals', () => {
    const options = { complement: 'ownLine', townInCapitals: true } as const;
    expect(addressLines(full, options)).toEqual([
      '14 bis rue des Hauts-Pavés',
      'Résidence Les Érables, 3e étage',
      '44000 SAINT-ÉTIENNE-DE-MONTLUC',
    ]);
    expect(addressLines(bare, options)).toEqual(['chemin du Moulin', '20000 AJACCIO']);
  });

  it('gives two lines, the complement after the street, the town as given', () => {
    const options = { complement: 'afterStreet' } as const;
    expect(addressLines(full, options)).toEqual([
      '14 bis rue des Hauts-Pavés, Résidence Les Érables, 3e étage',
      '44000 Saint-Étienne-de-Montluc',
    ]);
    expect(addressLines(bare, options)).toEqual(['chemin du Moulin', '20000 Ajaccio']);
    expect(addressLines({ ...bare, complement: 'Bât. A' }, options)).toEqual([
      'chemin du Moulin, Bât. A',
      '20000 Ajaccio',
    ]);
  });

  it('writes the address on one line, without empty parts', () => {
    expect(addressOnOneLine(full)).toBe(
      '14 bis rue des Hauts-Pavés, Résidence Les Érables, 3e étage, 44000 Saint-Étienne-de-Montluc',
    );
    expect(addressOnOneLine(bare)).toBe('chemin du Moulin, 20000 Ajaccio');
  });

  it('fills one box per part, empty when the part was not given', () => {
    expect(addressBoxes(full)).toEqual(full);
    expect(addressBoxes(bare)).toEqual({ ...bare, numero: '', complement: '' });
    expect(Object.values(NO_ADDRESS)).toEqual(['', '', '', '', '']);
    expect(Object.isFrozen(NO_ADDRESS)).toBe(true);
  });
});

describe('nirComb', () => {
  const joined = (comb: string[][]) => comb.map((group) => group.join(''));

  it('groups the NIR as on the carte Vitale, one character a cell', () => {
    const comb = nirComb('2 95 10 99 126 111 93');
    expect(joined(comb)).toEqual(['2', '95', '10', '99', '126', '111', '93']);
    expect(comb.map((group) => group.length)).toEqual([...NIR_GROUP_SIZES]);
    expect(comb[4]).toEqual(['1', '2', '6']);
  });

  it('keeps 2A and 2B in the département cells, whatever the separators', () => {
    expect(joined(nirComb('253072A07300443'))).toEqual(['2', '53', '07', '2A', '073', '004', '43']);
    expect(joined(nirComb('2.53.07.2b.073.004.70'))).toEqual([
      '2',
      '53',
      '07',
      '2B',
      '073',
      '004',
      '70',
    ]);
  });

  it('leaves the 15 cells empty without a NIR, or with one that does not read as a NIR', () => {
    for (const nir of [undefined, '', '2 95 10 99 126 111 94', '2951099126111']) {
      const comb = nirComb(nir);
      expect(comb.map((group) => group.length)).toEqual([1, 2, 2, 2, 3, 3, 2]);
      expect(comb.flat().every((cell) => cell === '')).toBe(true);
    }
  });
});

describe('numberInWords', () => {
  it('writes zéro to dix in words', () => {
    expect([0, 1, 2, 3, 6, 7, 10].map((value) => numberInWords(value))).toEqual([
      'zéro',
      'un',
      'deux',
      'trois',
      'six',
      'sept',
      'dix',
    ]);
  });

  it('leaves larger numbers, negatives and fractions to figures', () => {
    for (const value of [11, 21, 71, 80, 81, 100, 1000, -1, 1.5, Number.NaN]) {
      expect(numberInWords(value), String(value)).toBeUndefined();
    }
  });

  it('stops at the bound a caller gives', () => {
    expect(numberInWords(6, { upTo: 6 })).toBe('six');
    expect(numberInWords(7, { upTo: 6 })).toBeUndefined();
    expect(numberInWords(0, { upTo: 6 })).toBe('zéro');
  });
});

describe('penalties (code pénal, art. 131-1 and 131-4)', () => {
  const NBSP = '\u00a0';

  it('calls up to ten years emprisonnement, beyond it réclusion criminelle', () => {
    expect(['1', '2', '7', '10', '15', '20', '30'].map(custodyText)).toEqual([
      `1${NBSP}an d’emprisonnement`,
      `2${NBSP}ans d’emprisonnement`,
      `7${NBSP}ans d’emprisonnement`,
      `10${NBSP}ans d’emprisonnement`,
      `15${NBSP}ans de réclusion criminelle`,
      `20${NBSP}ans de réclusion criminelle`,
      `30${NBSP}ans de réclusion criminelle`,
    ]);
    expect(custodyText('perpétuité')).toBe('réclusion criminelle à perpétuité');
  });

  it('refuses what is not whole years or perpétuité', () => {
    for (const value of ['7.5', '', 'sept', 'perpetuite']) {
      expect(() => custodyText(value), value).toThrow(RangeError);
    }
  });

  it('writes the fine in euros with no-break spaces, and joins both', () => {
    expect(fineText('1500000')).toBe(`1${NBSP}500${NBSP}000${NBSP}€`);
    expect(penaltyText('7', '150000')).toBe(
      `7${NBSP}ans d’emprisonnement et 150${NBSP}000${NBSP}€ d’amende`,
    );
    expect(penaltyText('20')).toBe(`20${NBSP}ans de réclusion criminelle`);
  });
});
