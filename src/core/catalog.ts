import { z } from 'zod';
import type { DocumentDefinition } from '../documents/document-definition.js';
import { NO_UPLOADS } from '../documents/document-definition.js';
import type { Engine } from '../engines/engine.js';
import { CoreError } from './errors.js';
import { documentParts, type DocumentParts } from './parts.js';

/** One document as every edge sees it: built once, at start-up. */
export interface CatalogEntry {
  document: DocumentDefinition;
  /** The engines it renders with, its default first: those it declares, then those that offer. */
  engines: readonly Engine[];
  /** The JSON Schema of its data (the input side), French titles and descriptions included. */
  jsonSchema: Readonly<Record<string, unknown>>;
  /** The pieces a request with files may bring (see parts.ts). */
  parts: DocumentParts;
}

export interface Catalog {
  list(): readonly CatalogEntry[];
  /** The entry, or UNKNOWN_DOCUMENT. */
  find(id: string): CatalogEntry;
}

/**
 * The documents and the engines, checked together once: a duplicate id, an engine a document
 * declares that is not registered, or a fillable engine without the document's blank view model
 * or form reading stops the start-up rather than some request.
 */
export function createCatalog(
  documents: readonly DocumentDefinition[],
  engines: readonly Engine[],
): Catalog {
  const entries = new Map<string, CatalogEntry>();
  const engineIds = new Set<string>();
  for (const engine of engines) {
    if (engineIds.has(engine.id)) throw new Error(`Engine "${engine.id}" is registered twice`);
    engineIds.add(engine.id);
  }
  for (const document of documents) {
    if (entries.has(document.id)) {
      throw new Error(
        `Document id "${document.id}" is registered twice (src/documents/registry.ts)`,
      );
    }
    entries.set(document.id, entry(document, engines));
  }
  const list = [...entries.values()];
  return {
    list: () => list,
    find(id) {
      const found = entries.get(id);
      if (!found) {
        throw new CoreError('UNKNOWN_DOCUMENT', {
          detail_en: `No document "${id}". GET /v1/documents lists them.`,
          detail_fr: `Aucun document « ${id} ». GET /v1/documents en donne la liste.`,
        });
      }
      return found;
    },
  };
}

function entry(document: DocumentDefinition, engines: readonly Engine[]): CatalogEntry {
  const target = { template: document.id, declared: document.engines };
  for (const id of document.engines) {
    const engine = engines.find((candidate) => candidate.id === id);
    if (!engine) throw new Error(`${document.id} declares engine "${id}", which is not registered`);
    if (engine.capabilities.fillable && !document.blankViewModel) {
      throw new Error(`${document.id} declares engine "${id}" but has no blankViewModel`);
    }
    // Its blank form is handed out to be filled: it must read back (POST …/read).
    if (engine.capabilities.fillable && !document.formReading) {
      throw new Error(`${document.id} declares engine "${id}" but has no formReading`);
    }
  }
  const declared = document.engines.flatMap((id) => engines.filter((e) => e.id === id));
  const offered = engines.filter(
    (engine) => !document.engines.includes(engine.id) && engine.offers(target),
  );
  return {
    document,
    engines: [...declared, ...offered],
    jsonSchema: z.toJSONSchema(document.schema, { io: 'input', unrepresentable: 'any' }),
    parts: documentParts(document.uploads ?? NO_UPLOADS),
  };
}
