import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useRuntime } from '../helpers/app.js';
import { qpdfCheck } from '../helpers/forms.js';
import { postForBytes } from '../helpers/http.js';
import { pdfFonts, pdfInfo, pdfText } from '../helpers/pdf.js';
import { loadSample } from '../helpers/samples.js';

/** engine=acroform through HTTP: the fast flattened path and its whole-font fallback. */
const runtime = useRuntime();
const ID = 'attestation-atmp-stage-etranger';
const sample = loadSample(ID) as { eleve: Record<string, unknown> };

describe('engine=acroform, flattened', () => {
  it('gives a clean PDF with its metadata, fonts embedded, and no form left', async () => {
    const response = await postForBytes(runtime.app, `/v1/documents/${ID}?engine=acroform`, sample);
    expect(response.status).toBe(200);
    const pdf = new Uint8Array(response.body as Buffer);
    expect(qpdfCheck(pdf).status).toBe(0);
    expect(pdfFonts(pdf).every((font) => font.embedded)).toBe(true);
    const info = await pdfInfo(pdf);
    expect(info).toMatchObject({ author: 'Paperasse', language: 'fr-FR', pages: 2 });
    expect(info.title).toContain('Héloïse');
    expect(Buffer.from(pdf).toString('latin1')).not.toContain('/AcroForm');
  });

  it('draws a name outside the French alphabet (Greek, Cyrillic) with the whole font', async () => {
    const body = { ...sample, eleve: { ...sample.eleve, prenom: 'Ελένη-Кира' } };
    const response = await postForBytes(runtime.app, `/v1/documents/${ID}?engine=acroform`, body);
    expect(response.status).toBe(200);
    expect(pdfText(new Uint8Array(response.body as Buffer))).toContain('Ελένη-Кира');
  });

  it('answers 422 naming the field for a character no embedded font has', async () => {
    const body = { ...sample, eleve: { ...sample.eleve, prenom: 'Zoé 你好' } };
    const response = await request(runtime.app)
      .post(`/v1/documents/${ID}?engine=acroform`)
      .send(body);
    expect(response.status).toBe(422);
    expect(response.body.errors[0].path).toBe('eleve.prenom');
  });
});
