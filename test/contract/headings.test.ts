import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeHTML } from 'entities';
import { describe, expect, it } from 'vitest';
import { documents } from '../../src/documents/registry.js';
import { templatesDir } from '../../src/paths.js';
import { useRuntime } from '../helpers/app.js';
import { pdfText } from '../helpers/pdf.js';
import { loadSample } from '../helpers/samples.js';

/**
 * Every heading a document prints reads back whole from the PDF's text: a search, a copy-paste or
 * a screen reader finds "ORGANISATION", not "ORGANI SATI ON" (letter-spaced capitals are placed
 * glyph by glyph, and extraction then cuts the words).
 */
const runtime = useRuntime();

const words = (text: string) => text.replace(/\s+/g, ' ').trim().toLocaleLowerCase('fr-FR');

/** The documents whose template has headings (a letter has none). */
const withHeadings = documents.filter((document) =>
  /<h[1-3]\b/.test(readFileSync(join(templatesDir, document.id, 'document.hbs'), 'utf8')),
);

describe.each(withHeadings.map((document) => [document.id, document] as const))(
  '%s',
  (id, document) => {
    it('prints each heading of its sample as whole words', async () => {
      const { input, context } = runtime.core.validate({ document: id, data: loadSample(id) });
      const html = runtime.html.toHtml(id, document.toViewModel(input, context));
      const headings = [...html.matchAll(/<h([1-3])\b[^>]*>([\s\S]*?)<\/h\1>/g)]
        // A tag between two parts ("<span>1</span>Employeur", "<br>") prints as a space or none.
        .map(([, , inner = '']) => words(decodeHTML(inner.replace(/<[^>]*>/g, ' '))))
        .filter((heading) => heading.length > 0);
      expect(headings.length).toBeGreaterThan(2);
      const { pdf } = await runtime.core.render({ document: id, data: loadSample(id) });
      const text = words(pdfText(pdf));
      for (const heading of headings) expect(text, heading).toContain(heading);
    });
  },
);
