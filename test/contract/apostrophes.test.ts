import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capitals } from '../../src/documents/print/index.js';
import { documents } from '../../src/documents/registry.js';
import type { Runtime } from '../../src/edges/http/runtime.js';
import { startRuntime } from '../helpers/app.js';
import { getBytes, postForBytes } from '../helpers/http.js';
import { pdfInfo, pdfText } from '../helpers/pdf.js';
import { leaves, loadSample } from '../helpers/samples.js';

/**
 * French typography's apostrophe is ’ (U+2019), and a page uses one kind: every fixed text the
 * documents print (templates, view models, legal wording, footers, metadata) writes ’. User
 * data is printed as typed: a straight ' in a name (O'Neil, Kerc'hoas) is the person's
 * spelling, so the only straight apostrophes a rendered sample may show are inside words of
 * the sample's own values (as typed, or in capitals when the document prints them so).
 */
let runtime: Runtime;
beforeAll(() => {
  runtime = startRuntime();
});
afterAll(async () => {
  await runtime.close();
});

/** Each word holding a straight apostrophe, with the letters, digits and marks around it. */
const WORD_WITH_APOSTROPHE = /[\p{L}\p{M}\p{N}'’-]*'[\p{L}\p{M}\p{N}'’-]*/gu;
const wordsWithApostrophe = (text: string) => text.match(WORD_WITH_APOSTROPHE) ?? [];

/** The words with a straight apostrophe the sample's values bring, as typed and in capitals. */
function dataWords(sample: unknown): Set<string> {
  const words = new Set<string>();
  for (const [, value] of leaves(sample)) {
    if (typeof value !== 'string') continue;
    for (const word of wordsWithApostrophe(value)) {
      words.add(word);
      words.add(capitals(word));
    }
  }
  return words;
}

/** The straight apostrophes of `text` that no value of the sample explains. */
function strayApostrophes(text: string, allowed: Set<string>): string[] {
  return wordsWithApostrophe(text).filter((word) => !allowed.has(word));
}

describe.each(documents.map((document) => [document.id, document] as const))(
  '%s',
  (id, document) => {
    const sample = loadSample(id);
    const allowed = dataWords(sample);
    const engines = document.engines.filter((engine) => engine === 'html' || engine === 'acroform');

    it.each(engines)(
      'prints its fixed text with ’ only: a straight apostrophe is the sample’s own (engine %s)',
      async (engine) => {
        const query = engine === 'html' ? '' : `?engine=${engine}`;
        const response = await postForBytes(runtime.app, `/v1/documents/${id}${query}`, sample);
        expect(response.status).toBe(200);
        const pdf = new Uint8Array(response.body as Buffer);
        const text = pdfText(pdf);
        expect(text).toContain('’');
        expect(strayApostrophes(text, allowed)).toEqual([]);
        const info = await pdfInfo(pdf);
        expect(strayApostrophes(`${info.title ?? ''} ${info.subject ?? ''}`, allowed)).toEqual([]);
      },
    );

    if (document.engines.includes('acroform')) {
      it('has no straight apostrophe at all on its blank form, which holds no data', async () => {
        const response = await getBytes(runtime.app, `/v1/documents/${id}/blank`);
        expect(response.status).toBe(200);
        const pdf = new Uint8Array(response.body as Buffer);
        const text = pdfText(pdf);
        expect(text).toContain('’');
        expect(wordsWithApostrophe(text)).toEqual([]);
        const info = await pdfInfo(pdf);
        expect(wordsWithApostrophe(`${info.title ?? ''} ${info.subject ?? ''}`)).toEqual([]);
      });
    }
  },
);

describe('the check itself', () => {
  it('lets a value’s own apostrophe through, as typed or in capitals, and nothing else', () => {
    const allowed = dataWords({ nom: "N'Diaye", voie: "rue de l'Église" });
    expect(strayApostrophes("LEFÈVRE épouse N'DIAYE, 12 rue de l'Église", allowed)).toEqual([]);
    expect(strayApostrophes("Nom d'usage : N'Diaye", allowed)).toEqual(["d'usage"]);
    expect(strayApostrophes('Nom d’usage : N’Diaye', allowed)).toEqual([]);
  });
});
