import { describe, expect, it } from 'vitest';
import { readSheet } from '../../src/edges/batch/index.js';
import { zipEntries } from '../../src/edges/batch/zip-entries.js';
import { coreErrorOf, inputSchema, xlsxFile } from './sheets.js';

const schema = inputSchema('attestation-atmp-stage-etranger');
const limits = { schema, maxRows: 100, maxBytes: 1_000_000 };

describe('readSheet on XLSX', () => {
  it('reads date cells as their day, numbers as numbers, and accents', async () => {
    const bytes = await xlsxFile((sheet) => {
      sheet.addRow([
        'ligne',
        'eleve.prenom',
        'stage.dateDebut',
        'stage.presence.heures',
        'stage.gratification.montantMensuel',
      ]);
      // Midnight UTC is how Excel's day serials come out of exceljs; 23:30 the same day too.
      sheet.addRow([7, 'Héloïse', new Date(Date.UTC(2027, 0, 11)), 770, 693.5]);
      sheet.addRow(['B', 'Zoé', new Date(Date.UTC(2027, 11, 31, 23, 30)), 12.5, '612,50 €']);
      sheet.getColumn(3).numFmt = 'dd/mm/yyyy';
    });
    const { rows, format } = await readSheet(bytes, limits);
    expect(format).toBe('xlsx');
    expect(rows).toEqual([
      {
        row: 2,
        id: '7',
        data: {
          eleve: { prenom: 'Héloïse' },
          stage: {
            dateDebut: '2027-01-11',
            presence: { heures: 770 },
            gratification: { montantMensuel: 693.5 },
          },
        },
        issues: [],
      },
      {
        row: 3,
        id: 'B',
        data: {
          eleve: { prenom: 'Zoé' },
          stage: {
            dateDebut: '2027-12-31',
            presence: { heures: 12.5 },
            gratification: { montantMensuel: '612.50' },
          },
        },
        issues: [],
      },
    ]);
  });

  it('reads rich text, links and formulas as their text or result; a failed formula is an issue', async () => {
    const bytes = await xlsxFile((sheet) => {
      sheet.addRow([
        'eleve.prenom',
        'eleve.nomNaissance',
        'etablissement.denomination',
        'stage.presence.heures',
      ]);
      sheet.addRow([
        { richText: [{ text: 'Hé', font: { bold: true } }, { text: 'loïse' }] },
        { text: 'Lefèvre', hyperlink: 'https://example.org' },
        { formula: 'UPPER("lycée")', result: 'LYCÉE' },
        { formula: '1/0', result: { error: '#DIV/0!' } },
      ]);
    });
    const [row] = (await readSheet(bytes, limits)).rows;
    expect(row?.data).toEqual({
      eleve: { prenom: 'Héloïse', nomNaissance: 'Lefèvre' },
      etablissement: { denomination: 'LYCÉE' },
    });
    expect(row?.issues).toEqual([
      expect.objectContaining({ path: 'stage.presence.heures', code: 'CELL_ERROR' }),
    ]);
  });

  it('reads the first worksheet only, and skips empty rows keeping their numbers', async () => {
    const bytes = await xlsxFile(
      (sheet) => {
        sheet.addRow(['eleve.prenom']);
        sheet.getCell('A4').value = 'Léa';
      },
      (workbook) => workbook.addWorksheet('Brouillon').addRow(['eleve.nomNaissance']),
    );
    const { rows, columns } = await readSheet(bytes, limits);
    expect(columns.map((column) => column.path)).toEqual(['eleve.prenom']);
    expect(rows).toEqual([{ row: 4, data: { eleve: { prenom: 'Léa' } }, issues: [] }]);
  });

  it('stops above maxRows with PAYLOAD_TOO_LARGE naming the limit', async () => {
    const bytes = await xlsxFile((sheet) => {
      sheet.addRow(['eleve.prenom']);
      for (let index = 0; index < 4; index += 1) sheet.addRow([`Élève ${index}`]);
    });
    await expect(readSheet(bytes, { ...limits, maxRows: 4 })).resolves.toBeDefined();
    const error = await coreErrorOf(() => readSheet(bytes, { ...limits, maxRows: 3 }));
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.detail_fr).toContain('plus de 3 lignes');
  });

  it('refuses a workbook that expands beyond maxExpandedBytes before opening it', async () => {
    const bytes = await xlsxFile((sheet) => {
      sheet.addRow(['eleve.prenom']);
      for (let index = 0; index < 2000; index += 1) sheet.addRow(['Léa']);
    });
    const expanded = (zipEntries(bytes) ?? []).reduce((total, entry) => total + entry.size, 0);
    expect(expanded).toBeGreaterThan(bytes.length);
    const error = await coreErrorOf(() =>
      readSheet(bytes, { ...limits, maxRows: 5000, maxExpandedBytes: expanded - 1 }),
    );
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toContain('unzipped');
  });

  it('refuses a ZIP that is not a workbook, and a damaged one', async () => {
    // A ZIP with one stored entry "mimetype", as an OpenDocument file starts.
    const ods = zipWith('mimetype', 'application/vnd.oasis.opendocument.spreadsheet');
    const notXlsx = await coreErrorOf(() => readSheet(ods, limits));
    expect(notXlsx.code).toBe('INVALID_UPLOAD');
    expect(notXlsx.detail_fr).toContain('.ods');
    const good = await xlsxFile((sheet) => sheet.addRow(['eleve.prenom']));
    const damaged = await coreErrorOf(() => readSheet(good.slice(0, good.length / 2), limits));
    expect(damaged.code).toBe('INVALID_UPLOAD');
  });
});

/** A minimal ZIP of one stored (uncompressed) file; the CRC is left 0, no reader gets that far. */
function zipWith(name: string, content: string): Uint8Array {
  const nameBytes = Buffer.from(name);
  const data = Buffer.from(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const directoryOffset = local.length + nameBytes.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(directoryOffset, 16);
  return new Uint8Array(Buffer.concat([local, nameBytes, data, central, nameBytes, end]));
}
