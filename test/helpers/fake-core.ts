import type { PdfForms } from '../../src/engines/engine.js';
import type { ReadBack, ReadRequest } from '../../src/core/read-document.js';
import type { Express } from 'express';
import { z } from 'zod';
import { createCatalog, type Catalog } from '../../src/core/catalog.js';
import type { FieldIssue } from '../../src/core/errors.js';
import type { Core, Rendered, Validated } from '../../src/core/render-document.js';
import { renderRequest, type RenderRequestInput } from '../../src/core/render-request.js';
import {
  defineDocument,
  type DocumentDefinition,
} from '../../src/documents/document-definition.js';
import { createApp, type AppDeps } from '../../src/edges/http/app.js';
import type { LegalTable } from '../../src/legal/legal-table.js';
import { createLogger } from '../../src/logger.js';
import { fakeEngine } from './fake-engines.js';

/**
 * A core that renders nothing: each method records what the edge asked and answers what the test
 * says. Its catalog is a real one (createCatalog, fake engines) of two tiny documents, so the
 * edge's own look-ups (unknown document, parts of a multipart request, listings) run the real
 * code, without importing the registry's documents (a second of start-up).
 */
export interface FakeCoreAnswers {
  /** Before the body is read: throws to refuse (e.g. RENDER_QUEUE_FULL). */
  admit(request: { document: string; engine?: string }): void;
  render(request: RenderRequestInput, signal?: AbortSignal): Promise<Rendered>;
  check(request: RenderRequestInput): Promise<Validated>;
  validate(request: RenderRequestInput): Validated;
  blank(documentId: string): Promise<Rendered>;
  read(request: ReadRequest): Promise<ReadBack>;
  fields: PdfForms['fields'];
  fill: PdfForms['fill'];
}

/** What the edge asked the core, call by call, exactly as received. */
export interface FakeCoreCalls {
  admit: { document: string; engine?: string }[];
  render: { request: RenderRequestInput; signal: AbortSignal | undefined }[];
  check: RenderRequestInput[];
  validate: RenderRequestInput[];
  blank: string[];
  read: ReadRequest[];
  fields: Uint8Array[];
  fill: {
    pdf: Uint8Array;
    values: Readonly<Record<string, unknown>>;
    options: { flatten: boolean };
  }[];
}

export type FakeCore = Core & { calls: FakeCoreCalls };

/** The answers a test gives, and optionally another catalog (e.g. the registry's documents). */
export type FakeCoreOptions = Partial<FakeCoreAnswers> & { catalog?: Catalog };

/** Not a real PDF: every byte value once, so any text conversion on the way out shows. */
export const FAKE_PDF = new Uint8Array([
  ...Buffer.from('%PDF-1.7\n'),
  ...Array.from({ length: 256 }, (_, byte) => byte),
]);

/** A letter printed by html only, taking a signature and two supporting documents. */
export const FAKE_LETTER = defineDocument<{ nom: string }, { nom: string }>({
  id: 'lettre-factice',
  title: 'Lettre factice',
  reference: { label: 'Modèle de test', source: 'test/helpers/fake-core.ts' },
  engines: ['html'],
  schema: z.strictObject({ nom: z.string().meta({ title: 'Nom' }) }),
  rules: () => ({ errors: [], warnings: [] }),
  toViewModel: (input) => input,
  metadata: (input) => ({ title: `Lettre de ${input.nom}`, subject: 'Test', keywords: [] }),
  uploads: {
    images: [{ name: 'signature', label_fr: 'Signature', label_en: 'Signature' }],
    attachments: [
      { name: 'pieceIdentite', label_fr: 'Pièce d’identité', label_en: 'Identity document' },
      {
        name: 'justificatifDomicile',
        label_fr: 'Justificatif de domicile',
        label_en: 'Proof of address',
        when: () => false,
      },
    ],
  },
  fileName: (input) => `lettre-${input.nom}`,
});

/** A form printed by html or filled by acroform: it has a blank form, and takes no file. */
export const FAKE_FORM = defineDocument<{ nom: string }, { nom: string }>({
  id: 'formulaire-factice',
  title: 'Formulaire factice',
  reference: { label: 'Cerfa 00000*01', cerfa: '00000*01', source: 'test/helpers/fake-core.ts' },
  engines: ['html', 'acroform'],
  schema: z.strictObject({ nom: z.string() }),
  rules: () => ({ errors: [], warnings: [] }),
  toViewModel: (input) => input,
  blankViewModel: () => ({ nom: '' }),
  formReading: { computed: [] },
  metadata: () => ({ title: 'Formulaire', subject: 'Test', keywords: [] }),
  fileName: () => 'formulaire',
});

export const FAKE_DOCUMENTS: readonly DocumentDefinition[] = [FAKE_LETTER, FAKE_FORM];

let sharedCatalog: Catalog | undefined;

/** The fake documents with fake html and acroform engines, built once per test file. */
export function fakeCatalog(): Catalog {
  sharedCatalog ??= createCatalog(FAKE_DOCUMENTS, [fakeEngine('html'), fakeEngine('acroform')]);
  return sharedCatalog;
}

/** A rendered answer: FAKE_PDF named `document-rendu`, without warnings, unless given. */
export function rendered(overrides: Partial<Rendered> = {}): Rendered {
  return { pdf: FAKE_PDF, fileName: 'document-rendu', warnings: [], ...overrides };
}

/** The edge never reads a validated context: a table without figures (the real one is slow). */
const NO_LEGAL_TABLE: LegalTable = {
  valueAt: (key) => {
    throw new Error(`the fake core has no legal figure (${key})`);
  },
  entries: () => [],
  all: () => [],
};

/** What check and validate answer: valid as sent, with these warnings. */
export function validated(
  request: RenderRequestInput,
  warnings: FieldIssue[] = [],
  catalog: Catalog = fakeCatalog(),
): Validated {
  return {
    document: catalog.find(request.document).document,
    input: request.data,
    context: { legal: NO_LEGAL_TABLE, today: '2026-11-22' },
    warnings,
  };
}

export function fakeCore(options: FakeCoreOptions = {}): FakeCore {
  const { catalog = fakeCatalog(), ...overrides } = options;
  const calls: FakeCoreCalls = {
    admit: [],
    render: [],
    check: [],
    validate: [],
    blank: [],
    read: [],
    fields: [],
    fill: [],
  };
  const answers: FakeCoreAnswers = {
    // As the real core: an unknown document is refused; a known one is admitted.
    admit: (request) => void catalog.find(request.document),
    render: () => Promise.resolve(rendered()),
    check: (request) => Promise.resolve(validated(request, [], catalog)),
    validate: (request) => validated(request, [], catalog),
    blank: (documentId) => Promise.resolve(rendered({ fileName: `${documentId}-vierge` })),
    read: (request) => Promise.resolve({ data: { lu: request.document }, warnings: [] }),
    fields: () => Promise.resolve([]),
    fill: () => Promise.resolve(FAKE_PDF),
    ...overrides,
  };
  return {
    calls,
    catalog,
    // The pages' help from the law: none from a fake core.
    formHints: () => ({}),
    forms: {
      fields(pdf) {
        calls.fields.push(pdf);
        return answers.fields(pdf);
      },
      fill(pdf, values, options) {
        calls.fill.push({ pdf, values, options });
        return answers.fill(pdf, values, options);
      },
    },
    admit(request) {
      calls.admit.push(request);
      answers.admit(request);
    },
    validate(request) {
      calls.validate.push(request);
      return answers.validate(request);
    },
    async check(request) {
      calls.check.push(request);
      return answers.check(request);
    },
    async render(request, signal) {
      calls.render.push({ request, signal });
      return answers.render(request, signal);
    },
    async blank(documentId) {
      calls.blank.push(documentId);
      return answers.blank(documentId);
    },
    async read(request) {
      calls.read.push(request);
      return answers.read(request);
    },
  };
}

/**
 * Whether a recorded request is one the real core accepts as a render request (the shape of
 * render-request.ts), so that a fake core cannot hide an edge that sends something malformed.
 */
export function isRenderRequest(request: RenderRequestInput): boolean {
  try {
    renderRequest(request);
    return true;
  } catch {
    return false;
  }
}

/** Small limits, so that tests cross them with a few bytes. */
export const FAKE_LIMITS = {
  bodyLimit: '1kb',
  fileLimit: 2048,
  uploads: { fileSize: 1024, totalSize: 3000, maxFiles: 4 },
} as const;

/** The HTTP edge around a core (a fake one by default), with a silent logger and small limits. */
export function fakeApp(
  core: Core = fakeCore(),
  deps: Partial<Omit<AppDeps, 'core'>> = {},
): Express {
  return createApp({
    core,
    readiness: { checkReady: () => Promise.resolve(true) },
    logger: createLogger('silent'),
    bodyLimit: FAKE_LIMITS.bodyLimit,
    fileLimit: FAKE_LIMITS.fileLimit,
    uploads: { ...FAKE_LIMITS.uploads },
    ...deps,
  });
}
