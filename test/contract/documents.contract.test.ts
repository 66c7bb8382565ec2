import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documents } from '../../src/documents/registry.js';
import type { Runtime } from '../../src/edges/http/runtime.js';
import { startRuntime } from '../helpers/app.js';
import { fieldValuesOf } from '../helpers/form-values.js';
import { postForBytes } from '../helpers/http.js';
import { pdfFonts, pdfInfo, pdfText, squash } from '../helpers/pdf.js';
import { leaves, loadSample } from '../helpers/samples.js';

/**
 * The contract every document of the registry keeps: its sample validates and renders through the
 * real server and Chromium; every value of the sample is printed (dates as JJ/MM/AAAA, amounts the
 * French way); fonts are embedded; metadata is set; its JSON Schema documents every property.
 */
let runtime: Runtime;
beforeAll(() => {
  runtime = startRuntime();
});
afterAll(async () => {
  await runtime.close();
});

/** How a sample value must read on paper; null when it is a code printed some other way. */
function printedForm(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (date) return `${date[3]}/${date[2]}/${date[1]}`;
  if (/^\d+\.\d{2}$/.test(value)) return value.replace('.', ',');
  // Enum tokens (eleve, epouse…) and ISO codes (FR, DE) are printed as words or checkboxes:
  // each document's own test checks them.
  if (/^[a-z]+$/.test(value) || /^[A-Z]{2}$/.test(value)) return null;
  return value;
}

describe.each(documents.map((document) => [document.id, document] as const))(
  '%s',
  (id, document) => {
    const sample = loadSample(id);
    const notPrinted = (path: string) =>
      (document.computedFrom ?? []).some(
        (prefix) => path === prefix || path.startsWith(`${prefix}.`),
      );

    it('validates its sample', async () => {
      const response = await request(runtime.app).post(`/v1/documents/${id}/validate`).send(sample);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body.valid).toBe(true);
    });

    it('renders its sample with every value printed, fonts embedded and metadata set', async () => {
      const response = await postForBytes(runtime.app, `/v1/documents/${id}`, sample);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toMatch(
        /^attachment; filename="[^"]+\.pdf"; filename\*=UTF-8''/,
      );
      const pdf = new Uint8Array(response.body as Buffer);

      const text = squash(pdfText(pdf));
      const checked = leaves(sample).filter(
        ([path, value]) => !notPrinted(path) && printedForm(value) !== null,
      );
      expect(checked.length).toBeGreaterThan(5);
      for (const [path, value] of checked) {
        const printed = text.includes(squash(printedForm(value) as string));
        expect(printed, `${path} = ${JSON.stringify(value)} is printed`).toBe(true);
      }

      // Only the faces of fonts/ (Chromium sees no other), all embedded.
      const fonts = pdfFonts(pdf);
      expect(fonts.length).toBeGreaterThan(0);
      expect(fonts.filter((font) => !font.embedded)).toEqual([]);
      expect(fonts.filter((font) => !/\+Liberation(Sans|Serif)/.test(font.name))).toEqual([]);

      const info = await pdfInfo(pdf);
      expect(info.pages).toBeGreaterThanOrEqual(1);
      expect(info.author).toBe('Paperasse');
      expect(info.language).toBe('fr-FR');
      expect(info.title).toBeTruthy();
      expect(info.subject).toBeTruthy();
    });

    it.runIf(document.engines.includes('acroform'))(
      'prints every field value the same through the html and acroform engines',
      async () => {
        const html = await postForBytes(runtime.app, `/v1/documents/${id}`, sample);
        const acroform = await postForBytes(
          runtime.app,
          `/v1/documents/${id}?engine=acroform`,
          sample,
        );
        expect([html.status, acroform.status]).toEqual([200, 200]);
        const texts = [html, acroform].map((response) =>
          squash(pdfText(new Uint8Array(response.body as Buffer))),
        );
        const values = Object.entries(fieldValuesOf(runtime, id, sample));
        const printed = values.filter(([, value]) => typeof value === 'string' && value !== '');
        expect(printed.length).toBeGreaterThan(5);
        for (const [name, value] of printed) {
          expect(texts[0], `html prints ${name}`).toContain(squash(value as string));
          expect(texts[1], `acroform prints ${name}`).toContain(squash(value as string));
        }
        const fonts = pdfFonts(new Uint8Array(acroform.body as Buffer));
        expect(fonts.filter((font) => !font.embedded)).toEqual([]);
      },
    );

    it('has a box in its template for each image part it declares', () => {
      const { input, context } = runtime.core.validate({ document: id, data: sample });
      const html = runtime.html.toHtml(id, document.toViewModel(input, context));
      for (const slot of document.uploads?.images ?? []) {
        expect(html, `data-image="${slot.name}"`).toContain(`data-image="${slot.name}"`);
      }
    });

    it('publishes a JSON Schema with a French title and description on every property', async () => {
      const response = await request(runtime.app).get(`/v1/documents/${id}/schema`);
      expect(response.status).toBe(200);
      const schema = JSON.parse(response.text) as JsonSchema;
      const missing = undocumented(schema, '');
      expect(missing).toEqual([]);
    });

    it('is listed by GET /v1/documents', async () => {
      const response = await request(runtime.app).get('/v1/documents');
      const listed = (response.body.documents as Array<{ id: string; engines: string[] }>).find(
        (entry) => entry.id === id,
      );
      expect(listed?.engines).toContain('html');
    });
  },
);

interface JsonSchema {
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
}

function undocumented(schema: JsonSchema, path: string): string[] {
  const own = Object.entries(schema.properties ?? {}).flatMap(([key, property]) => {
    const here = path ? `${path}.${key}` : key;
    const missing = property.title && property.description ? [] : [here];
    return [...missing, ...undocumented(property, here)];
  });
  return [...own, ...(schema.items ? undocumented(schema.items, `${path}[]`) : [])];
}
