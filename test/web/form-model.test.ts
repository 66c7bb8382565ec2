import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { SchemaNode } from '../../src/core/schema-node.js';
import { COUNTRY_FORMAT as DOCUMENTS_COUNTRY_FORMAT } from '../../src/documents/read/form-reading.js';
import { documents } from '../../src/documents/registry.js';
import { CSRF_COOKIE, csrfValid, existingToken, newToken } from '../../src/edges/web/csrf.js';
import { COUNTRY_FORMAT, fieldsOf, formTree, readPosted } from '../../src/edges/web/form-model.js';
import { fieldId, placeIssues, webHint } from '../../src/edges/web/form-view.js';
import { loadSample } from '../helpers/samples.js';
import { sampleFields } from './form-fields.js';

/** The pages' pure parts: the form from a schema, a post back to JSON, the CSRF pair. */
const treeOf = (id: string) => {
  const document = documents.find((candidate) => candidate.id === id);
  if (!document) throw new Error(id);
  const schema = z.toJSONSchema(document.schema, { io: 'input', unrepresentable: 'any' });
  return formTree(schema as SchemaNode, document.title);
};

describe('the form of a schema', () => {
  it('knows country fields by the format the documents give them', () => {
    expect(COUNTRY_FORMAT).toBe(DOCUMENTS_COUNTRY_FORMAT);
  });

  it('has one field per leaf, typed by the schema, rows repeated', () => {
    const fields = fieldsOf(treeOf('convention-au-pair'));
    const byPath = new Map(fields.map((field) => [field.path, field]));
    expect(byPath.get('jeune.dateNaissance')?.type).toBe('date');
    expect(byPath.get('jeune.nationalite')?.type).toBe('country');
    expect(byPath.get('logement.fenetre')?.type).toBe('yesno');
    expect(byPath.get('logement.type')?.type).toBe('choice');
    expect(byPath.get('argentDePoche.montant')?.type).toBe('amount');
    expect(byPath.get('logement.nombrePieces')?.type).toBe('integer');
    expect(byPath.get('jeune.nomNaissance')?.maxLength).toBe(60);
    expect(byPath.has('famille.enfants[7].prenom')).toBe(true);
    expect(byPath.has('famille.enfants[8].prenom')).toBe(false);
    expect(byPath.has('famille.parents[1].profession')).toBe(true);
  });
});

describe('a post read back', () => {
  const tree = treeOf('convention-au-pair');

  it('reads each value as its type, leaves empty fields out, drops empty rows', () => {
    const { data, issues } = readPosted(tree, {
      'jeune.dateNaissance': '14/05/2003',
      'jeune.nationalite': 'Colombie',
      'logement.fenetre': 'non',
      'argentDePoche.montant': '320,50 €',
      'logement.nombrePieces': '5',
      'famille.enfants[0].prenom': '',
      'famille.enfants[2].prenom': 'Léonie',
      'jeune.prenom': '   ',
    });
    expect(issues).toEqual([]);
    expect(data).toEqual({
      jeune: { dateNaissance: '2003-05-14', nationalite: 'CO' },
      logement: { fenetre: false, nombrePieces: 5 },
      argentDePoche: { montant: '320.50' },
      famille: { enfants: [{ prenom: 'Léonie' }] },
    });
  });

  it('names what it cannot read by the field, and maps rows back to the form', () => {
    const reading = readPosted(tree, {
      'jeune.dateNaissance': '31/02/2003',
      'famille.enfants[3].prenom': 'Mathéo',
    });
    expect(reading.issues.map((issue) => issue.path)).toEqual(['jeune.dateNaissance']);
    expect(reading.formPath('famille.enfants[0].dateNaissance')).toBe(
      'famille.enfants[3].dateNaissance',
    );
    expect(reading.formPath('famille.enfants')).toBe('famille.enfants');
  });

  // What the browser tests type: every value of each sample has its field, and reads back as is.
  it.each(documents.map((document) => document.id))(
    'reads %s’s sample back from its fields as they are typed',
    (id) => {
      const { data, issues } = readPosted(treeOf(id), sampleFields(id));
      expect(issues).toEqual([]);
      expect(data).toEqual(loadSample(id));
    },
  );

  it('keeps a key "__proto__" as data', () => {
    const { data } = readPosted(tree, { '__proto__.x': 'y', 'jeune.prenom': 'A' });
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
  });
});

describe('issues placed on the form', () => {
  const tree = treeOf('attestation-atmp-stage-etranger');
  const issue = (path: string) => ({ path, code: 'X', message_fr: `m ${path}`, message_en: '' });

  it('links a field, a group (to its first field) and the root (to the first field)', () => {
    const { atFields, summary } = placeIssues(
      tree,
      [issue('eleve.nir'), issue('stage.entreprise'), issue(''), issue('eleve.inconnu')],
      (path) => path,
    );
    expect(summary.map((item) => item.href)).toEqual([
      '#f-eleve-nir',
      '#f-stage-entreprise-denomination',
      '#f-etablissement-denomination',
      '#f-eleve-statut',
    ]);
    expect(atFields.get('eleve.nir')).toBe('m eleve.nir');
    expect(atFields.get('stage.entreprise')).toBe('m stage.entreprise');
    expect(atFields.get('eleve')).toBe('m eleve.inconnu');
  });

  it('makes ids from paths and hints without the API’s notes', () => {
    expect(fieldId('famille.enfants[0].prenom')).toBe('f-famille-enfants-0-prenom');
    expect(webHint('Premier jour. Format AAAA-MM-JJ, de 1900 à 2999.')).toBe('Premier jour.');
    expect(webHint('Pays. Code ISO 3166-1 alpha-2.', 'country')).toBe(
      'Pays. Son nom en français, par exemple Allemagne.',
    );
  });
});

describe('the CSRF pair', () => {
  const token = newToken();
  const cookieHeader = `autre=1; ${CSRF_COOKIE}=${token}`;

  it('accepts the cookie’s token in the field, and nothing else', () => {
    expect(existingToken(cookieHeader)).toBe(token);
    expect(csrfValid({ cookieHeader, field: token, fetchSite: 'same-origin' })).toBe(true);
    expect(csrfValid({ cookieHeader, field: newToken(), fetchSite: undefined })).toBe(false);
    expect(csrfValid({ cookieHeader, field: undefined, fetchSite: undefined })).toBe(false);
    expect(csrfValid({ cookieHeader: undefined, field: token, fetchSite: undefined })).toBe(false);
    expect(csrfValid({ cookieHeader, field: [token], fetchSite: undefined })).toBe(false);
    expect(csrfValid({ cookieHeader, field: token, fetchSite: 'cross-site' })).toBe(false);
  });
});
