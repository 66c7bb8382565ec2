import { PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { documents } from '../../src/documents/registry.js';
import { useRuntime } from '../helpers/app.js';

/**
 * Every field of every blank fillable form says what it is, in the form's words: its tooltip
 * (/TU), which PDF readers show on hover and screen readers read in place of the field's name.
 */
const runtime = useRuntime();
const fillable = documents.filter((document) => document.engines.includes('acroform'));

async function tooltips(id: string): Promise<Map<string, string | undefined>> {
  const doc = await PDFDocument.load((await runtime.core.blank(id)).pdf);
  return new Map(
    doc
      .getForm()
      .getFields()
      .map((field) => {
        const tu = field.acroField.dict.lookup(PDFName.of('TU'));
        const text =
          tu instanceof PDFHexString || tu instanceof PDFString ? tu.decodeText() : undefined;
        return [field.getName(), text] as const;
      }),
  );
}

describe.each(fillable.map((document) => [document.id] as const))('%s blank form', (id) => {
  it('gives every field a tooltip: its section, then its label', async () => {
    const found = await tooltips(id);
    expect(found.size).toBeGreaterThan(10);
    for (const [name, tooltip] of found) {
      expect(tooltip, name).toMatch(/^\S.{2,} — \S.+/);
      expect(tooltip?.length ?? 0, name).toBeLessThanOrEqual(220);
    }
  });
});

describe('tooltips in the form’s words', () => {
  it('name the section, the label and the choice', async () => {
    const declaration = await tooltips('declaration-embauche-emploi-familial');
    expect(declaration.get('employeur.nomNaissance')).toBe('Employeur — Nom de naissance');
    expect(declaration.get('salarie.nomNaissance')).toBe('Salarié — Nom de naissance');
    expect(declaration.get('salarie.sexe')).toBe('Salarié — Sexe');
    const convention = await tooltips('convention-au-pair');
    expect(convention.get('activites.horaires.mardi')).toBe(
      'Organisation des activités et des tâches — Heures de tâches Mardi',
    );
    // A radio group says its question; each option is the choice's text.
    expect(convention.get('jeune.sexe')).toBe(
      'Le jeune au pair ou le stagiaire aide familial étranger — Sexe',
    );
  });
});
