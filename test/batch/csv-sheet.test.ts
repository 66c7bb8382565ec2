import { describe, expect, it } from 'vitest';
import { readSheet } from '../../src/edges/batch/index.js';
import { separatorOf } from '../../src/edges/batch/csv-sheet.js';
import { coreErrorOf, inputSchema, utf8BomCsv, utf8Csv, windows1252Csv } from './sheets.js';

const schema = inputSchema('attestation-atmp-stage-etranger');
const limits = { schema, maxRows: 100, maxBytes: 100_000 };

describe('readSheet on CSV', () => {
  it('reads Excel’s French CSV: Windows-1252, semicolons, €, œ and accents', async () => {
    const bytes = windows1252Csv([
      ['ligne', 'eleve.nomNaissance', 'eleve.prenom', 'stage.gratification.montantMensuel'],
      ['A1', 'Lœvenbruck', 'Hélène', '4,35 €'],
    ]);
    // The bytes really are Windows-1252: é is one byte 0xE9, € is 0x80, œ is 0x9C.
    expect([...bytes]).toContain(0x80);
    expect([...bytes]).toContain(0x9c);
    const { rows, format } = await readSheet(bytes, limits);
    expect(format).toBe('csv');
    expect(rows).toEqual([
      {
        row: 2,
        id: 'A1',
        data: {
          eleve: { nomNaissance: 'Lœvenbruck', prenom: 'Hélène' },
          stage: { gratification: { montantMensuel: '4.35' } },
        },
        issues: [],
      },
    ]);
  });

  it('reads a UTF-8 CSV with a BOM and commas', async () => {
    const bytes = utf8BomCsv([
      ['eleve.nomNaissance', 'eleve.prenom', 'stage.pays'],
      ['Lefèvre', 'Héloïse', 'Allemagne'],
      ['Dupont', 'Zoé', 'ES'],
    ]);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { rows, columns } = await readSheet(bytes, limits);
    // The BOM is not part of the first title.
    expect(columns[0]).toMatchObject({ header: 'eleve.nomNaissance', role: 'data' });
    expect(rows.map((row) => row.data)).toEqual([
      { eleve: { nomNaissance: 'Lefèvre', prenom: 'Héloïse' }, stage: { pays: 'DE' } },
      { eleve: { nomNaissance: 'Dupont', prenom: 'Zoé' }, stage: { pays: 'ES' } },
    ]);
  });

  it('takes the separator from the header line only, not from decimal commas in the data', async () => {
    const text =
      'eleve.prenom;stage.gratification.montantMensuel;stage.presence.heures\n' +
      'Léa;4,35;12,5\nMarc;693,00;770\n';
    expect(separatorOf(text)).toBe(';');
    const { rows } = await readSheet(utf8Csv(text), limits);
    expect(rows.map((row) => row.data.stage)).toEqual([
      { gratification: { montantMensuel: '4.35' }, presence: { heures: 12.5 } },
      { gratification: { montantMensuel: '693.00' }, presence: { heures: 770 } },
    ]);
  });

  it('counts separators outside quotes only', () => {
    expect(separatorOf('"a;b","c;d",e\n1;2;3;4')).toBe(',');
    expect(separatorOf('"Nom, prénom";"Classe"\n')).toBe(';');
    expect(separatorOf('a\tb\tc\n')).toBe('\t');
    expect(separatorOf('seule\n1,2,3')).toBe(';');
  });

  it('reads a quoted cell with line breaks, as one cell, and an array given a line per item', async () => {
    const text =
      'eleve.prenom,stage.entreprise.lignesAdresse,eleve.adresse.voie\r\n' +
      'Léa,"Königstraße 27\r\n70173 Stuttgart","rue de l\'Église"\r\n' +
      'Marc,"Calle Mayor 1",avenue Foch\r\n';
    const { rows } = await readSheet(utf8Csv(text), limits);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      row: 2,
      data: {
        eleve: { prenom: 'Léa', adresse: { voie: "rue de l'Église" } },
        stage: { entreprise: { lignesAdresse: ['Königstraße 27', '70173 Stuttgart'] } },
      },
    });
    // The spreadsheet's line numbers: the second row is line 3 even though the text has 4 lines.
    expect(rows[1]).toMatchObject({ row: 3, data: { eleve: { prenom: 'Marc' } } });
  });

  it('reports a row with the wrong number of cells on that row, and reads the others', async () => {
    const text = 'eleve.prenom;eleve.nomNaissance\nLéa;Martin\nMarc;Petit;de trop\nZoé;Roux\n';
    const { rows } = await readSheet(utf8Csv(text), limits);
    expect(rows.map((row) => row.row)).toEqual([2, 3, 4]);
    expect(rows[1]?.issues).toEqual([
      expect.objectContaining({ path: '', code: 'ROW_CELL_COUNT' }),
    ]);
    expect(rows[1]?.issues[0]?.message_fr).toContain('3 cellules');
    expect(rows[2]?.data).toEqual({ eleve: { prenom: 'Zoé', nomNaissance: 'Roux' } });
  });

  it('skips blank lines and rows of empty cells but keeps the spreadsheet’s numbering', async () => {
    const text = 'eleve.prenom;eleve.nomNaissance\n\nLéa;Martin\n;\n  ;\nZoé;Roux';
    const { rows } = await readSheet(utf8Csv(text), limits);
    expect(rows.map((row) => [row.row, row.data])).toEqual([
      [3, { eleve: { prenom: 'Léa', nomNaissance: 'Martin' } }],
      [6, { eleve: { prenom: 'Zoé', nomNaissance: 'Roux' } }],
    ]);
  });

  it('trims cells and leaves empty ones out of the data', async () => {
    const text = 'eleve.prenom;eleve.nomUsage;eleve.nomNaissance\n  Léa  ;   ; Martin\n';
    const { rows } = await readSheet(utf8Csv(text), limits);
    expect(rows[0]?.data).toEqual({ eleve: { prenom: 'Léa', nomNaissance: 'Martin' } });
  });

  it('refuses a quote never closed, naming the problem', async () => {
    const error = await coreErrorOf(() =>
      readSheet(utf8Csv('eleve.prenom;eleve.nomNaissance\n"Léa;Martin\n'), limits),
    );
    expect(error.code).toBe('INVALID_UPLOAD');
    expect(error.detail_fr).toContain('guillemet');
  });

  it('refuses binary data that is not a known file type', async () => {
    const bytes = new Uint8Array([0x00, 0x01, 0x02, 0xff, 0x41, 0x3b, 0x42, 0x0a]);
    const error = await coreErrorOf(() => readSheet(bytes, limits));
    expect(error.code).toBe('INVALID_UPLOAD');
    expect(error.message).toContain('binary');
  });
});
