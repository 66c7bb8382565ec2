import { describe, expect, it } from 'vitest';
import { declarationEmbaucheSchema } from '../../src/documents/declaration-embauche-emploi-familial/schema.js';
import { toDeclarationEmbaucheView } from '../../src/documents/declaration-embauche-emploi-familial/view-model.js';
import { createHandlebars } from '../../src/engines/html/handlebars-env.js';
import { loadTemplates } from '../../src/engines/html/template-store.js';
import { defaultLegalTable } from '../../src/legal/legal-table.js';
import { templatesDir } from '../../src/paths.js';
import { loadSample, withChange } from '../helpers/samples.js';

/** The mapping decides the checkboxes, combs and wording; the template's markup is checked too. */
const ID = 'declaration-embauche-emploi-familial';
const context = { legal: defaultLegalTable(), today: '2026-03-05' };
const view = (body: unknown) =>
  toDeclarationEmbaucheView(declarationEmbaucheSchema.parse(body), context);
const template = loadTemplates(createHandlebars(), templatesDir, [ID]).get(ID);
const html = (body: unknown) => (template as (viewModel: unknown) => string)(view(body));
const sample = loadSample(ID);

/** The text right after each drawn checkbox, with its state: "checked:Jeune au pair". */
function checkboxes(markup: string): string[] {
  return [...markup.matchAll(/checkbox--(checked|unchecked)"[^>]*><\/span>([^<]*)/g)].map(
    (match) => `${match[1]}:${(match[2] ?? '').trim()}`,
  );
}

describe('declaration view model', () => {
  it('prints names in capitals, the nationality and the birth country in French', () => {
    const { salarie, employeur } = view(sample);
    expect(employeur).toMatchObject({ nomNaissance: 'LE GOFF', nomUsage: 'GUÉRIN' });
    expect(salarie).toMatchObject({
      nomNaissance: 'QUISPE MAMANI',
      nomUsage: '',
      nationalite: 'péruvienne',
      paysNaissance: 'Pérou',
      dateNaissance: '19/08/2003',
      feminin: true,
      masculin: false,
    });
  });

  it('groups the employer NIR as on a card and leaves the employee comb empty without NIR', () => {
    const { employeur, salarie } = view(sample);
    expect(employeur.nir.map((group) => group.join(''))).toEqual([
      '2',
      '82',
      '04',
      '44',
      '109',
      '034',
      '87',
    ]);
    expect(salarie.nir.flat()).toHaveLength(15);
    expect(salarie.nir.flat().every((cell) => cell === '')).toBe(true);
    expect(salarie.sansNir).toBe(true);
  });

  it('gives the employee the family’s address when none of their own is given', () => {
    const { salarie } = view(sample);
    expect(salarie.adresseFamille).toBe(true);
    expect(salarie.adresseLigne).toBe(
      '14 bis rue des Hauts-Pavés, Résidence Les Érables, 3e étage, 44000 Nantes',
    );
  });

  it('marks a first declaration when the family has no Urssaf number', () => {
    expect(view(sample).employeur.premiereDeclaration).toBe(false);
    const first = view(withChange(sample, 'employeur.numeroUrssaf', undefined));
    expect(first.employeur).toMatchObject({ premiereDeclaration: true, numeroUrssaf: '' });
  });

  it('numbers the signature section 6 with the registration section, 5 without', () => {
    expect(view(sample).numeros).toEqual({ immatriculation: 5, signature: 6 });
    const withNir = view(withChange(sample, 'salarie.nir', '203089924601793'));
    expect(withNir.numeros.signature).toBe(5);
    expect(withNir.immatriculation).toBeNull();
  });

  it('takes the deadline and the base from the table at the arrival date', () => {
    const { delaiJours, assiette } = view(sample);
    expect(delaiJours).toBe('8');
    expect(assiette).toMatchObject({
      adjectif: 'mensuelle',
      facteur: '56',
      smicHoraire: '12,02\u00a0€',
      dateSmic: '01/01/2026',
      montant: '673,12\u00a0€',
      trimestre: '1er trimestre 2026',
      trimestreDu: '01/01/2026',
      trimestreAu: '31/03/2026',
    });
    const q4 = view(withChange(sample, 'emploi.dateDebut', '2024-12-15')).assiette;
    expect([q4.trimestre, q4.trimestreAu]).toEqual(['4e trimestre 2024', '31/12/2024']);
  });

  it('keeps the normal size for the sample and shrinks the type for a long value', () => {
    expect(view(sample).dense).toBe(false);
    const long = view(
      withChange(sample, 'salarie.lieuNaissance', { commune: 'é'.repeat(30), pays: 'PE' }),
    );
    expect(long.dense).toBe(true);
    expect(long.large.communeNaissance).toBe(true);
    expect(long.large.salarieNomNaissance).toBe(false);
  });
});

describe('declaration template', () => {
  it('ticks jeune au pair, F, mois, "pas de numéro" and the employer’s address for the sample, nothing else', () => {
    const states = checkboxes(html(sample));
    expect(states.filter((state) => state.startsWith('checked:'))).toEqual([
      'checked:F',
      'checked:Pas de numéro (voir rubrique 5)',
      'checked:celle de l’employeur',
      'checked:Jeune au pair',
      'checked:Mois',
    ]);
    expect(states).toContain('unchecked:Première déclaration (pas encore de n° employeur)');
    expect(states).toContain('unchecked:Stagiaire aide familial étranger');
  });

  it('ticks stagiaire, M, trimestre and the employer’s address for a German with a NIR, and lists no attachment', () => {
    let body: unknown = sample;
    for (const [path, value] of Object.entries({
      'salarie.nationalite': 'DE',
      'salarie.sexe': 'M',
      'salarie.nir': '105029910912373',
      'emploi.periodeAssiette': 'trimestre',
      'employeur.numeroUrssaf': undefined,
    })) {
      body = withChange(body, path, value);
    }
    const markup = html(body);
    expect(checkboxes(markup).filter((state) => state.startsWith('checked:'))).toEqual([
      'checked:Première déclaration (pas encore de n° employeur)',
      'checked:M',
      'checked:celle de l’employeur',
      'checked:Stagiaire aide familial étranger',
      'checked:Trimestre',
    ]);
    expect(markup).not.toContain('Pièce');
    expect(markup).toContain('demande d’immatriculation de l’employeur');
  });

  it('asks for the residence permit only outside the EU, the EEA and Switzerland', () => {
    expect(html(sample)).toContain('du titre de séjour');
    const swiss = withChange(sample, 'salarie.nationalite', 'CH');
    expect(html(swiss)).toContain('d’une pièce d’état civil');
    expect(html(swiss)).not.toContain('du titre de séjour');
  });
});
