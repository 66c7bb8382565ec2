import { describe, expect, it } from 'vitest';
import { columnLetter, mapColumns } from '../../src/edges/batch/columns.js';
import { readSheet, templateColumns } from '../../src/edges/batch/index.js';
import { looseKey } from '../../src/edges/batch/schema-fields.js';
import { documents } from '../../src/documents/registry.js';
import { loadSample } from '../helpers/samples.js';
import { coreErrorOf, inputSchema, utf8Csv } from './sheets.js';

const schema = inputSchema('attestation-atmp-stage-etranger');
const limits = { schema, maxRows: 100, maxBytes: 100_000 };

function roles(header: string[]) {
  return mapColumns(header, schema).columns.map(({ role, path }) => ({ role, path }));
}

describe('the columns of a sheet', () => {
  it('are named by input paths, arrays numbered from 1 or indexed from 0', () => {
    expect(
      roles([
        'eleve.nomNaissance',
        'stage.entreprise.lignesAdresse.1',
        'stage.entreprise.lignesAdresse[1]',
        'Eleve.NomUsage',
        'stage.entreprise.lignesAdresse.0',
      ]),
    ).toEqual([
      { role: 'data', path: 'eleve.nomNaissance' },
      { role: 'data', path: 'stage.entreprise.lignesAdresse[0]' },
      { role: 'data', path: 'stage.entreprise.lignesAdresse[1]' },
      { role: 'data', path: 'eleve.nomUsage' },
      // Numbered columns start at 1.
      { role: 'unknown', path: undefined },
    ]);
  });

  it('are named by the French titles along the path, whatever the separator, case or accents', () => {
    expect(
      roles([
        'Élève ou étudiant — Nom de naissance',
        'ELEVE OU ETUDIANT - PRENOM(S)',
        "Stage à l'étranger > Entreprise d’accueil > Adresse 2",
        'stage a l etranger.du',
      ]),
    ).toEqual([
      { role: 'data', path: 'eleve.nomNaissance' },
      { role: 'data', path: 'eleve.prenom' },
      { role: 'data', path: 'stage.entreprise.lignesAdresse[1]' },
      { role: 'data', path: 'stage.dateDebut' },
    ]);
    // The whole array: a line of the cell per item.
    expect(roles(["Stage à l'étranger — Entreprise d'accueil — Adresse"])).toEqual([
      { role: 'list', path: 'stage.entreprise.lignesAdresse' },
    ]);
  });

  it('take ligne or id as the row’s reference, and report unknown and untitled ones', () => {
    const { columns, issues } = mapColumns(['Ligne', 'eleve.prenom', 'Classe', ''], schema);
    expect(columns.map((column) => column.role)).toEqual(['id', 'data', 'unknown', 'untitled']);
    expect(issues).toEqual([
      expect.objectContaining({ column: 'C', header: 'Classe', code: 'COLUMN_UNKNOWN' }),
    ]);
  });

  it('refuse a field given twice, an array given both ways, or no field at all', async () => {
    const twice = await coreErrorOf(() =>
      mapColumns(['eleve.prenom', 'Élève ou étudiant — Prénom(s)'], schema),
    );
    expect(twice.code).toBe('INVALID_UPLOAD');
    expect(twice.message).toContain('columns A (eleve.prenom) and B');
    const overlapping = await coreErrorOf(() =>
      mapColumns(['stage.entreprise.lignesAdresse', 'stage.entreprise.lignesAdresse.2'], schema),
    );
    expect(overlapping.code).toBe('INVALID_UPLOAD');
    const none = await coreErrorOf(() => mapColumns(['Nom', 'Prénom'], schema));
    expect(none.code).toBe('INVALID_UPLOAD');
    expect(none.detail_fr).toContain('ne nomme aucun champ');
    const ids = await coreErrorOf(() => mapColumns(['ligne', 'id', 'eleve.prenom'], schema));
    expect(ids.code).toBe('INVALID_UPLOAD');
  });

  it('report an unknown column once for the sheet, not on each row', async () => {
    const text = 'eleve.prenom;Classe;Remarque\nLéa;T1;\nMarc;T2;absent\n';
    const { rows, sheetIssues } = await readSheet(utf8Csv(text), limits);
    expect(sheetIssues.map((issue) => [issue.column, issue.header])).toEqual([
      ['B', 'Classe'],
      ['C', 'Remarque'],
    ]);
    expect(rows.map((row) => row.issues)).toEqual([[], []]);
    expect(rows.map((row) => row.data)).toEqual([
      { eleve: { prenom: 'Léa' } },
      { eleve: { prenom: 'Marc' } },
    ]);
  });

  it('report an untitled column only when it holds values', async () => {
    const text = 'eleve.prenom;;\nLéa;;\nMarc;;oublié\n';
    const { sheetIssues } = await readSheet(utf8Csv(text), limits);
    expect(sheetIssues).toEqual([
      expect.objectContaining({ column: 'C', code: 'COLUMN_UNTITLED' }),
    ]);
  });

  it('name columns as spreadsheets do', () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });
});

describe('templateColumns', () => {
  it('lists every single value with its French title path and its sheet path', () => {
    const columns = templateColumns(schema);
    expect(columns).toContainEqual({
      header: 'Élève ou étudiant — Nom de naissance',
      path: 'eleve.nomNaissance',
    });
    expect(columns).toContainEqual({
      header: "Stage à l'étranger — Entreprise d'accueil — Adresse 2",
      path: 'stage.entreprise.lignesAdresse.2',
    });
    expect(columns.map((column) => column.path)).not.toContain('stage.entreprise.lignesAdresse');
  });

  it('numbers as many items as the example has', () => {
    const schema = inputSchema('convention-au-pair');
    const sample = loadSample('convention-au-pair');
    const children = (sample.famille as { enfants: unknown[] }).enfants.length;
    const paths = templateColumns(schema, sample).map((column) => column.path);
    const numbered = paths.filter((path) => /^famille\.enfants\.\d+\.prenom$/.test(path));
    expect(numbered).toHaveLength(children);
  });

  it('gives every field of every document a title path of its own', () => {
    for (const document of documents) {
      const columns = templateColumns(inputSchema(document.id));
      const keys = columns.map((column) => looseKey(column.header));
      expect(new Set(keys).size, document.id).toBe(keys.length);
      // And each reads back as the column it names.
      const mapped = mapColumns(
        columns.map((column) => column.header),
        inputSchema(document.id),
      ).columns;
      expect(
        mapped.map((column) => column.role),
        document.id,
      ).not.toContain('unknown');
    }
  });
});
