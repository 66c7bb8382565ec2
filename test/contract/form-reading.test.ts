import { PDFCheckBox, PDFDocument, PDFRadioGroup, PDFTextField } from 'pdf-lib';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readForm } from '../../src/core/read-form.js';
import type { SchemaNode } from '../../src/core/schema-node.js';
import { documents } from '../../src/documents/registry.js';
import type { FieldValue } from '../../src/engines/field-box.js';
import { useRuntime } from '../helpers/app.js';
import { fieldValuesOf } from '../helpers/form-values.js';
import { maxLengthPayload, type JsonSchemaNode } from '../helpers/max-length.js';
import { loadSample } from '../helpers/samples.js';

/**
 * Every fillable blank form reads back (POST /v1/documents/{id}/read): filled with pdf-lib, box by
 * box, with what the form prints for a payload (the sample, and the maximum-length payload), it
 * reads back into data that prints the same value in every box. Whatever a form cannot hold (an
 * attestation's gratification) is sent in the `data` part, as a caller would.
 */
const runtime = useRuntime();

const fillable = documents.filter((document) => document.engines.includes('acroform'));

/** The blank form, each field set to what the form prints for `printed` (radio: the ticked option). */
async function filledBlank(
  blank: Uint8Array,
  printed: Readonly<Record<string, FieldValue>>,
): Promise<{ pdf: Uint8Array; filled: number; fields: number }> {
  const doc = await PDFDocument.load(blank);
  const form = doc.getForm();
  let filled = 0;
  for (const field of form.getFields()) {
    const name = field.getName();
    if (field instanceof PDFTextField) {
      // A row the payload does not have (a third address line) is left empty, as a person would.
      const value = printed[name];
      if (typeof value === 'boolean') throw new Error(`${name}: the print has a checkbox here`);
      field.setText(value ?? '');
    } else if (field instanceof PDFCheckBox) {
      if (printed[name] === true) field.check();
    } else if (field instanceof PDFRadioGroup) {
      const option = field.getOptions().find((choice) => printed[`${name}.${choice}`] === true);
      if (option) field.select(option);
    } else {
      throw new Error(`${name}: a field of a kind the blank forms do not have`);
    }
    filled += 1;
  }
  // Viewers draw a field's value; reading needs only the value (/V), so appearances are left.
  const pdf = await doc.save({ updateFieldAppearances: false });
  return { pdf, filled, fields: form.getFields().length };
}

/** The values of `payload` under the paths the document computes from and does not print. */
function notOnTheForm(payload: unknown, paths: readonly string[]): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const path of paths) {
    const keys = path.split('.');
    let from: unknown = payload;
    for (const key of keys) from = (from as Record<string, unknown> | undefined)?.[key];
    if (from === undefined) continue;
    let into = kept;
    for (const key of keys.slice(0, -1)) into = (into[key] ??= {}) as Record<string, unknown>;
    into[keys.at(-1) as string] = from;
  }
  return kept;
}

async function readBack(id: string, pdf: Uint8Array, data?: unknown) {
  const post = request(runtime.app)
    .post(`/v1/documents/${id}/read`)
    .attach('file', Buffer.from(pdf), 'rempli.pdf');
  return data === undefined ? post : post.field('data', JSON.stringify(data));
}

describe.each(fillable.map((document) => [document.id, document] as const))(
  '%s, its blank form filled and read back',
  (id, document) => {
    const sample = loadSample(id);
    const schema = z.toJSONSchema(document.schema, { io: 'input', unrepresentable: 'any' });
    const longest = maxLengthPayload(schema as JsonSchemaNode, sample);

    it('knows every field of its blank form: an input path, a reader of its own, or computed', async () => {
      const blank = await runtime.core.blank(id);
      const fields = await runtime.core.forms.fields(blank.pdf);
      if (!document.formReading) throw new Error(`${id} has no form reading`);
      const read = readForm(fields, schema as SchemaNode, document.formReading);
      expect(read.unknown).toEqual([]);
      expect(read.known).toBe(fields.length);
    });

    it.each([
      ['its sample', sample],
      ['its maximum-length payload', longest.payload],
    ] as const)('reads back %s, every box printing the same again', async (_name, payload) => {
      const printed = fieldValuesOf(runtime, id, payload);
      const blank = await runtime.core.blank(id);
      const { pdf, filled, fields } = await filledBlank(blank.pdf, printed);
      expect(filled).toBe(fields);
      const response = await readBack(id, pdf, notOnTheForm(payload, document.computedFrom ?? []));
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body).toMatchObject({ valid: true });
      const reread = fieldValuesOf(runtime, id, response.body.data);
      expect(reread).toEqual(printed);
    });

    it('answers 422 naming each field whose text cannot be read, in French and English', async () => {
      const printed = fieldValuesOf(runtime, id, sample);
      const dateBox = Object.keys(printed).find((name) => name.endsWith('dateDebut'));
      if (!dateBox) throw new Error(`${id}: no start date box`);
      const blank = await runtime.core.blank(id);
      const { pdf } = await filledBlank(blank.pdf, { ...printed, [dateBox]: '31/02/2027' });
      const response = await readBack(id, pdf, notOnTheForm(sample, document.computedFrom ?? []));
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.errors).toEqual([
        {
          path: dateBox,
          code: 'DATE_UNREADABLE',
          message_fr: expect.stringContaining('« 31/02/2027 »') as string,
          message_en: expect.stringContaining('DD/MM/YYYY') as string,
        },
      ]);
    });
  },
);

describe('POST /v1/documents/{id}/read, other PDFs', () => {
  it('refuses the blank form of another document, saying which form it expects', async () => {
    const other = await runtime.core.blank('declaration-embauche-emploi-familial');
    const response = await readBack('convention-au-pair', other.pdf);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('INVALID_UPLOAD');
    expect(response.body.detail_fr).toContain('formulaire vierge de « convention-au-pair »');
  });

  it('answers for a document without a fillable form as GET …/blank does', async () => {
    const blank = await request(runtime.app).get('/v1/documents/attestation-hebergement/blank');
    const other = await runtime.core.blank('convention-au-pair');
    const response = await readBack('attestation-hebergement', other.pdf);
    expect(response.status).toBe(blank.status);
    expect(response.body.code).toBe('ENGINE_UNAVAILABLE');
  });

  it('refuses a file that is not a PDF by its content', async () => {
    const response = await readBack('convention-au-pair', Buffer.from('Nom;Prénom\n'));
    expect(response.status).toBe(415);
    expect(response.body.code).toBe('NOT_A_PDF');
  });
});
