import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../src/core/catalog.js';
import { LIBELLES_REGIME } from '../../src/documents/au-pair-regime.js';
import { JUSTIFICATIFS } from '../../src/documents/convention-au-pair/schema-parties.js';
import { LIBELLES_PERIODE } from '../../src/documents/declaration-embauche-emploi-familial/view-model.js';
import { documents } from '../../src/documents/registry.js';
import { choiceLabel, hasChoiceLabel } from '../../src/edges/web/choices.js';
import { templatesDir } from '../../src/paths.js';
import { isCountryCode } from '../../src/shared/countries.js';
import { fakeEngine } from '../helpers/fake-engines.js';

/**
 * The labels of the forms' choices (src/edges/web/choices.ts) against the documents: every option
 * of every schema has one, and each says what the document's own box or table says.
 */
const catalog = createCatalog(documents, [fakeEngine('html'), fakeEngine('acroform')]);

/**
 * Options the pages may show as they are, being French a person reads already. Empty today:
 * every option so far is an API word (camelCase, unaccented) that needs a label.
 */
const READABLE_AS_IS: ReadonlySet<string> = new Set();

/** Every enum of a JSON Schema by the data path it sits at (`a.b`, rows as `a[]`). */
function enumsOf(node: unknown, path = '', found = new Map<string, string[]>()) {
  if (typeof node !== 'object' || node === null) return found;
  const { enum: values, properties, items } = node as Record<string, unknown>;
  if (Array.isArray(values)) {
    const strings = values.filter((value): value is string => typeof value === 'string');
    found.set(path, [...(found.get(path) ?? []), ...strings]);
  }
  for (const [key, child] of Object.entries(properties ?? {})) {
    enumsOf(child, path ? `${path}.${key}` : key, found);
  }
  if (items) enumsOf(items, `${path}[]`, found);
  // Variants (anyOf of an optional field…) and whatever else: the same path.
  for (const [key, child] of Object.entries(node)) {
    if (key !== 'properties' && key !== 'items') enumsOf(child, path, found);
  }
  return found;
}

/** "Jeune au pair — ressortissant…", "Jeune au pair (autres nationalités)" → "jeune au pair". */
const gist = (text: string) => text.split(/ [—(]/)[0]!.trim().toLocaleLowerCase('fr-FR');

describe('the labels of the choices', () => {
  it.each(catalog.list().map((entry) => [entry.document.id, entry] as const))(
    '%s: every option of its schema has a French label',
    (_id, entry) => {
      const missing: string[] = [];
      for (const [path, values] of enumsOf(entry.jsonSchema)) {
        // A list of countries is shown by the countries' French names, not by this table.
        if (values.every(isCountryCode)) continue;
        for (const value of values) {
          if (!hasChoiceLabel(value) && !READABLE_AS_IS.has(value))
            missing.push(`${path}: ${value}`);
        }
      }
      expect(missing).toEqual([]);
    },
  );

  it.each(catalog.list().map((entry) => [entry.document.id, entry] as const))(
    '%s: each label says what the printed box of its option says',
    (id, entry) => {
      const enums = enumsOf(entry.jsonSchema);
      const template = readFileSync(join(templatesDir, id, 'document.hbs'), 'utf8');
      // A box and the words after it: {{checkbox … field="logement.type.maison" …}}maison</span>
      const boxes = template.matchAll(
        /\{\{checkbox [^}]*field="([^"]+)"[^}]*\}\}(.*?)<\/(?:span|p)>/g,
      );
      const compared: string[] = [];
      for (const [, field = '', printed = ''] of boxes) {
        const cut = field.lastIndexOf('.');
        const [path, value] = [field.slice(0, cut), field.slice(cut + 1)];
        const words = printed.replace(/<[^>]+>/g, '').trim();
        // Not a choice's option, its words computed ({{…}}), or the code itself (F, M).
        if (!enums.get(path)?.includes(value) || words.includes('{{') || words === value) continue;
        expect(gist(choiceLabel(value)), `${field}: "${words}"`).toBe(gist(words));
        compared.push(field);
      }
      // The convention's and the attestation's boxes are compared, not skipped by the pattern.
      if (id === 'convention-au-pair') expect(compared).toContain('logement.salleDeBain.partagee');
      if (id === 'attestation-atmp-stage-etranger')
        expect(compared).toContain('eleve.statut.etudiant');
    },
  );

  it('names the options the documents list in their own tables as they do', () => {
    for (const [value, label] of Object.entries(JUSTIFICATIFS)) {
      expect(choiceLabel(value)).toBe(label);
    }
    for (const [value, label] of Object.entries(LIBELLES_PERIODE)) {
      expect(choiceLabel(value)).toBe(label);
    }
    // The regime's name, then which nationalities it is for.
    for (const [value, label] of Object.entries(LIBELLES_REGIME)) {
      expect(gist(choiceLabel(value))).toBe(gist(label));
    }
    expect(choiceLabel('stagiaireAideFamilial')).toContain('UE, EEE, Suisse');
  });
});
