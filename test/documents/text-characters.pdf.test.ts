import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useRuntime } from '../helpers/app.js';
import { fillThroughAcroform, postForBytes } from '../helpers/http.js';
import { pdfText } from '../helpers/pdf.js';
import { loadSample, withChange } from '../helpers/samples.js';

/**
 * The characters of text fields through the real server and Chromium: what the unit tests
 * (test/unit/text-characters.test.ts) refuse is a 422 naming the field, and what they accept
 * prints, in NFC, on one line or (multi-line fields) on several.
 */
const runtime = useRuntime();

async function printed(id: string, body: unknown): Promise<string> {
  const response = await postForBytes(runtime.app, `/v1/documents/${id}`, body);
  expect(response.status, String(response.body)).toBe(200);
  return pdfText(new Uint8Array(response.body as Buffer));
}

describe('over HTTP', () => {
  it('refuses a bidi control in a name with 422 FORBIDDEN_CHARACTER, naming field and character', async () => {
    const id = 'attestation-hebergement';
    const body = withChange(loadSample(id), 'heberge.nomNaissance', 'Le\u202Efèvre');
    const response = await request(runtime.app).post(`/v1/documents/${id}`).send(body);
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([
      {
        path: 'heberge.nomNaissance',
        code: 'FORBIDDEN_CHARACTER',
        message_fr: expect.stringContaining('U+202E'),
        message_en: expect.stringContaining('U+202E'),
      },
    ]);
  });

  it('prints a name sent decomposed (e + U+0301) as composed letters, Greek and Cyrillic too', async () => {
    const id = 'attestation-hebergement';
    let body = withChange(loadSample(id), 'heberge.nomNaissance', 'Le\u0301ger');
    body = withChange(body, 'heberge.prenom', 'Ελένη Жанна');
    const text = await printed(id, body);
    // U+00C9, one character: without NFC the letter would print as E + U+0301.
    expect(text).toContain('Ελένη Жанна L\u00C9GER');
    expect(text).not.toContain('E\u0301');
  });
});

describe('a multi-line field (convention-au-pair rupture.modalites)', () => {
  const id = 'convention-au-pair';
  const body = withChange(
    loadSample(id),
    'rupture.modalites',
    'Lettre remise en main propre\r\nou courriel avec accusé de réception',
  );

  // The template's box does not keep line breaks (no white-space: pre-line): Chromium prints
  // the line feed as a space. The value is accepted and printed whole.
  it('renders a value with a line feed through the html engine', async () => {
    const text = await printed(id, body);
    expect(text).toContain('Lettre remise en main propre');
    expect(text).toContain('ou courriel avec accusé de réception');
  });

  it('renders through the acroform engine, flattened or editable', async () => {
    for (const query of ['', '&flatten=false']) {
      const pdf = await fillThroughAcroform(runtime.app, id, body, query);
      expect(pdf.length).toBeGreaterThan(1000);
    }
  });
});
