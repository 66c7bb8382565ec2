import { describe, expect, it } from 'vitest';
import { fileNamer, patternPaths } from '../../src/batch/file-names.js';
import { reportCsv } from '../../src/batch/report-csv.js';

const eleve = (nomNaissance: string, prenom: string) => ({ eleve: { nomNaissance, prenom } });
const PATTERN = '{eleve.nomNaissance}-{eleve.prenom}';

describe('the names of a batch’s PDFs', () => {
  it('fills the pattern with the row’s values, accents kept', () => {
    expect(fileNamer(PATTERN).next(eleve('Lefèvre', 'Héloïse'), 2)).toBe('Lefèvre-Héloïse.pdf');
  });

  it('makes names Windows accepts: no reserved character, no trailing dot, no device name', () => {
    const names = fileNamer('{eleve.nomNaissance}');
    expect(names.next(eleve('A/B:C*D?"E<F>G|H\\I', ''), 2)).toBe('A B C D E F G H I.pdf');
    expect(names.next(eleve('Dupont. ', ''), 3)).toBe('Dupont.pdf');
    expect(names.next(eleve('CON', ''), 4)).toBe('CON-.pdf');
    expect(names.next(eleve('tab\there', ''), 5)).toBe('tab here.pdf');
  });

  it('keeps names unique, whatever their case', () => {
    const names = fileNamer(PATTERN);
    expect(names.next(eleve('Martin', 'Léa'), 2)).toBe('Martin-Léa.pdf');
    expect(names.next(eleve('MARTIN', 'Léa'), 3)).toBe('MARTIN-Léa-2.pdf');
    expect(names.next(eleve('Martin', 'Léa'), 4)).toBe('Martin-Léa-3.pdf');
  });

  it('names a row by its number when the pattern gives nothing, and cuts long names', () => {
    const names = fileNamer('{eleve.absent}');
    expect(names.next(eleve('A', 'B'), 7)).toBe('ligne-7.pdf');
    const long = fileNamer(PATTERN).next(eleve('É'.repeat(150), 'x'), 2);
    expect([...long.replace(/\.pdf$/, '')]).toHaveLength(100);
  });

  it('uses the document’s own name without a pattern, and lists a pattern’s paths', () => {
    expect(fileNamer(undefined).next({}, 2, 'attestation-Durand')).toBe('attestation-Durand.pdf');
    expect(patternPaths(PATTERN)).toEqual(['eleve.nomNaissance', 'eleve.prenom']);
    expect(patternPaths('sans-accolades')).toEqual([]);
  });
});

describe('rapport.csv', () => {
  const issue = (path: string, message_fr: string) => ({
    path,
    code: 'X',
    message_fr,
    message_en: 'x',
  });

  it('is UTF-8 with a BOM, `;` and CRLF, one line per row, quoted where needed', () => {
    const csv = reportCsv([
      { row: 2, id: 'E1', file: 'Martin-Léa.pdf', warnings: [], errors: [] },
      { row: 3, warnings: [], errors: [issue('eleve.nir', 'Clé ; invalide'), issue('', 'Ligne')] },
    ]);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8').slice(1)).toBe(
      'ligne;identifiant;statut;fichier;erreurs;avertissements\r\n' +
        '2;E1;produit;Martin-Léa.pdf;;\r\n' +
        '3;;refusé;;"eleve.nir : Clé ; invalide | Ligne";\r\n',
    );
  });

  it('neutralises a cell a spreadsheet would run as a formula', () => {
    const csv = reportCsv([{ row: 2, id: '=HYPERLINK("x")', warnings: [], errors: [] }]);
    expect(csv.toString('utf8')).toContain(`;"'=HYPERLINK(""x"")";`);
  });
});
