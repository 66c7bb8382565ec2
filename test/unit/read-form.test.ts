import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readForm } from '../../src/core/read-form.js';
import type { SchemaNode } from '../../src/core/schema-node.js';
import { dateIso, montant, pays, texte } from '../../src/documents/fields.js';
import { readAmount, readCountry, readDate, readNumber } from '../../src/documents/read/decode.js';
import { nameWithMention, postalLine, streetLine } from '../../src/documents/read/readers.js';
import { UnreadableValue } from '../../src/documents/read/unreadable.js';

/** What a person types in a box, read as the input's types (src/documents/read/). */
describe('reading typed text', () => {
  it.each([
    ['14/05/2003', '2003-05-14'],
    ['4/5/2003', '2003-05-04'],
    ['14.05.2003', '2003-05-14'],
    [' 14 - 05 - 2003 ', '2003-05-14'],
    ['2003-05-14', '2003-05-14'],
    ['', undefined],
  ])('reads the date %j as %j', (typed, iso) => {
    expect(readDate(typed)).toBe(iso);
  });

  it.each(['31/02/2027', '14/05/03', 'demain', '2003-5-14'])('refuses the date %j', (typed) => {
    expect(() => readDate(typed)).toThrow(UnreadableValue);
  });

  it.each([
    ['5 h', 5],
    ['11,5', 11.5],
    ['11.5 m²', 11.5],
    ['le 5 de chaque mois', 5],
    ['1 200', 1200],
    ['1\u202f200,5', 1200.5],
    ['  ', undefined],
  ])('reads the number %j as %j', (typed, number) => {
    expect(readNumber(typed)).toBe(number);
  });

  it.each(['5 ou 6', 'cinq', '-3', '2026-2027'])('refuses the number %j', (typed) => {
    expect(() => readNumber(typed)).toThrow(UnreadableValue);
  });

  it.each([
    ['350,00 €', '350.00'],
    ['350 euros', '350'],
    ['1 234,50 EUR', '1234.50'],
  ])('reads the amount %j as the decimal %j', (typed, decimal) => {
    expect(readAmount(typed)).toBe(decimal);
  });

  it.each([
    ['Colombie', 'CO'],
    ['colombienne', 'CO'],
    ['Colombien', 'CO'],
    ['co', 'CO'],
    ['française', 'FR'],
    ['grec', 'GR'],
    ['États-Unis', 'US'],
    ['britannique', 'GB'],
    ['cote d ivoire', 'CI'],
  ])('reads the country %j as %j', (typed, code) => {
    expect(readCountry(typed)).toBe(code);
  });

  it('asks which country when a nationality is two states’', () => {
    const error = (() => {
      try {
        readCountry('congolaise');
      } catch (caught) {
        return caught as UnreadableValue;
      }
      throw new Error('read');
    })();
    expect(error.code).toBe('COUNTRY_AMBIGUOUS');
    expect(error.message_fr).toContain('République démocratique du Congo (CD)');
    expect(error.message_fr).toContain('Congo (CG)');
  });

  it('refuses an unknown country, saying what to write', () => {
    expect(() => readCountry('Kolombie')).toThrow(/French name/);
  });
});

describe('reading boxes that hold several values', () => {
  it('cuts a street line into number, street and complement', () => {
    expect(streetLine('a', '12 bis rue de l’Église, Bâtiment C, 3e étage')).toEqual([
      { path: 'a.numero', value: '12 bis' },
      { path: 'a.voie', value: 'rue de l’Église' },
      { path: 'a.complement', value: 'Bâtiment C, 3e étage' },
    ]);
    expect(streetLine('a', '12-14 avenue Foch')).toEqual([
      { path: 'a.numero', value: '12-14' },
      { path: 'a.voie', value: 'avenue Foch' },
    ]);
    expect(streetLine('a', 'lieu-dit Les Granges')).toEqual([
      { path: 'a.voie', value: 'lieu-dit Les Granges' },
    ]);
  });

  it('keeps a comma in the street when cutting there would make the complement too long', () => {
    const complement = 'x'.repeat(60);
    expect(streetLine('a', `rue A, dite B, ${complement}`)).toContainEqual({
      path: 'a.voie',
      value: 'rue A, dite B',
    });
  });

  it('reads a postal line, and names the postal code when it has none', () => {
    expect(postalLine('a', '75020 Paris')).toEqual([
      { path: 'a.codePostal', value: '75020' },
      { path: 'a.localite', value: 'Paris' },
    ]);
    expect(() => postalLine('a', 'Paris')).toThrow(
      expect.objectContaining({ path: 'a.codePostal', code: 'ADDRESS_UNREADABLE' }),
    );
  });

  it('reads a name with its usage name and mention', () => {
    const mentions = { épouse: 'epouse', veuve: 'veuve' };
    expect(nameWithMention('e', 'LEFÈVRE ÉPOUSE N’DIAYE', mentions)).toEqual([
      { path: 'e.nomNaissance', value: 'LEFÈVRE' },
      { path: 'e.mentionNomUsage', value: 'epouse' },
      { path: 'e.nomUsage', value: 'N’DIAYE' },
    ]);
    expect(nameWithMention('e', 'Martin nom d’usage Durand', mentions)).toEqual([
      { path: 'e.nomNaissance', value: 'Martin' },
      { path: 'e.nomUsage', value: 'Durand' },
    ]);
    expect(nameWithMention('e', 'Martin', mentions)).toEqual([
      { path: 'e.nomNaissance', value: 'Martin' },
    ]);
  });
});

/** A small document's schema, as the catalog publishes it (input side). */
const schema = z.toJSONSchema(
  z.strictObject({
    nom: texte({ title: 'Nom', description: 'Nom.' }),
    naissance: dateIso({ title: 'Naissance', description: 'Date.' }).optional(),
    pays: pays({ title: 'Pays', description: 'Pays.' }).optional(),
    montant: montant({ title: 'Montant', description: 'Montant.' }).optional(),
    pieces: z.number().int().optional(),
    sexe: z.enum(['F', 'M']).optional(),
    justificatif: z.enum(['diplome', 'attestation']).optional(),
    fenetre: z.boolean().optional(),
    accord: z.boolean(),
    enfants: z.array(z.strictObject({ prenom: texte({ title: 'P', description: 'P.' }) })),
    heures: z.strictObject({ samedi: z.number() }).optional(),
  }),
  { io: 'input', unrepresentable: 'any' },
) as SchemaNode;

describe('readForm', () => {
  const read = (boxes: Record<string, string | boolean | null>, reading = {}) =>
    readForm(
      Object.entries(boxes).map(([name, value]) => ({ name, value })),
      schema,
      { computed: ['age'], ...reading },
    );

  it('reads each box by the type of the input path it is named after', () => {
    const result = read({
      nom: ' Durand ',
      naissance: '14/05/2003',
      pays: 'allemande',
      montant: '350,00 €',
      pieces: '5 pièces',
      sexe: 'F',
      fenetre: 'oui',
      accord: true,
      'justificatif.diplome': false,
      'justificatif.attestation': true,
      age: '23 ans',
    });
    expect(result.issues).toEqual([]);
    expect(result.input).toEqual({
      nom: 'Durand',
      naissance: '2003-05-14',
      pays: 'DE',
      montant: '350.00',
      pieces: 5,
      sexe: 'F',
      fenetre: true,
      accord: true,
      justificatif: 'attestation',
    });
    expect(result).toMatchObject({ known: 11, unknown: [] });
  });

  it('leaves empty boxes out and drops the empty rows of a list', () => {
    const result = read({
      nom: '',
      sexe: null,
      'enfants[0].prenom': '',
      'enfants[1].prenom': 'Léonie',
      'enfants[2].prenom': ' ',
    });
    expect(result.input).toEqual({ enfants: [{ prenom: 'Léonie' }] });
  });

  it('names each box it cannot read, and reads the others', () => {
    const result = read({ nom: 'Durand', naissance: '31/02/2027', pieces: 'cinq', sexe: 'X' });
    expect(result.input).toEqual({ nom: 'Durand' });
    expect(result.issues.map((issue) => [issue.path, issue.code])).toEqual([
      ['naissance', 'DATE_UNREADABLE'],
      ['pieces', 'NUMBER_UNREADABLE'],
      ['sexe', 'CHOICE_UNKNOWN'],
    ]);
  });

  it('refuses two boxes of one choice ticked', () => {
    const result = read({ 'justificatif.diplome': true, 'justificatif.attestation': true });
    expect(result.issues).toEqual([
      expect.objectContaining({ path: 'justificatif', code: 'CHOICE_SEVERAL' }),
    ]);
  });

  it('lists the fields it does not know, and uses a document’s own readers and fallbacks', () => {
    const result = read(
      { 'repos.samedi': true, 'heures.samedi': '', inconnu: 'x' },
      {
        boxes: {
          'repos.samedi': (value: unknown) =>
            value === true ? [{ path: 'heures.samedi', value: 0, fallback: true }] : [],
        },
      },
    );
    expect(result.input).toEqual({ heures: { samedi: 0 } });
    expect(result).toMatchObject({ known: 2, unknown: ['inconnu'] });
    const given = read(
      { 'repos.samedi': true, 'heures.samedi': '3 h' },
      {
        boxes: {
          'repos.samedi': () => [{ path: 'heures.samedi', value: 0, fallback: true }],
        },
      },
    );
    expect(given.input).toEqual({ heures: { samedi: 3 } });
  });
});
