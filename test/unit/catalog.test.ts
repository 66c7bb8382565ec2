import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../src/core/catalog.js';
import { CoreError } from '../../src/core/errors.js';
import type { DocumentDefinition } from '../../src/documents/document-definition.js';
import { documents } from '../../src/documents/registry.js';
import type { Engine } from '../../src/engines/engine.js';
import { fakeEngine } from '../helpers/fake-engines.js';

const engines = [fakeEngine('html'), fakeEngine('acroform')];
const [first, second] = documents as [DocumentDefinition, DocumentDefinition];

/** An engine that offers itself for one template without the document declaring it. */
const offering: Engine = {
  id: 'official',
  capabilities: { fillable: false, editable: true, images: false, uploadedForm: true },
  offers: (target) => target.template === second.id,
  render: () => Promise.reject(new Error('never')),
};

describe('createCatalog', () => {
  it('lists every document of the registry, in order', () => {
    const catalog = createCatalog(documents, engines);
    expect(catalog.list().map((entry) => entry.document.id)).toEqual(documents.map((d) => d.id));
  });

  it('refuses a document id registered twice, naming it', () => {
    const twice = { ...first, title: 'another' };
    expect(() => createCatalog([first, second, twice], engines)).toThrow(
      `Document id "${first.id}" is registered twice`,
    );
  });

  it('refuses an engine registered twice', () => {
    expect(() => createCatalog(documents, [...engines, fakeEngine('html')])).toThrow(
      'Engine "html" is registered twice',
    );
  });

  it('refuses a document declaring an engine that is not registered', () => {
    const declaring = { ...first, engines: ['html', 'braille'] };
    expect(() => createCatalog([declaring], engines)).toThrow(
      `${first.id} declares engine "braille", which is not registered`,
    );
  });

  it('refuses a fillable engine for a document without a blank view model', () => {
    const declaring = { ...first, blankViewModel: undefined, engines: ['html', 'acroform'] };
    expect(() => createCatalog([declaring], engines)).toThrow('has no blankViewModel');
  });

  it('refuses a fillable engine for a document whose form does not read back', () => {
    const declaring = { ...first, formReading: undefined, engines: ['html', 'acroform'] };
    expect(() => createCatalog([declaring], engines)).toThrow('has no formReading');
  });

  it('gives each document its declared engines first, then those that offer themselves', () => {
    const catalog = createCatalog(documents, [...engines, offering]);
    const ids = (id: string) => catalog.find(id).engines.map((engine) => engine.id);
    expect(ids(second.id)).toEqual([...second.engines, 'official']);
    expect(ids(first.id)).toEqual([...first.engines]);
  });

  it('answers UNKNOWN_DOCUMENT for an id it does not have', () => {
    const catalog = createCatalog(documents, engines);
    const error = (() => {
      try {
        catalog.find('nope');
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(CoreError);
    expect((error as CoreError).code).toBe('UNKNOWN_DOCUMENT');
    expect((error as CoreError).message).toBe('No document "nope". GET /v1/documents lists them.');
  });

  it('builds each JSON Schema and the parts a request may bring, once', () => {
    const catalog = createCatalog(documents, engines);
    for (const { document, jsonSchema, parts } of catalog.list()) {
      expect(jsonSchema.type, document.id).toBe('object');
      expect(Object.keys(jsonSchema.properties as object).length).toBeGreaterThan(0);
      expect(parts.accepted.slice(0, 2)).toEqual(['data', 'file']);
      expect(parts.accepted.at(-1)).toBe('attachments');
      for (const image of document.uploads?.images ?? []) {
        expect(parts.accepted).toContain(image.name);
      }
      for (const attachment of document.uploads?.attachments ?? []) {
        expect(parts.accepted).toContain(`attachments.${attachment.name}`);
      }
    }
    expect(catalog.list()).toBe(catalog.list());
  });
});
