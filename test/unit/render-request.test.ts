import { describe, expect, it } from 'vitest';
import { CoreError } from '../../src/core/errors.js';
import { documentParts, readParts } from '../../src/core/parts.js';
import { renderOptions, renderRequest } from '../../src/core/render-request.js';
import { ruleHarness } from '../helpers/rules.js';
import { loadSample } from '../helpers/samples.js';

const bytes = (text: string) => new Uint8Array(Buffer.from(text));
const parts = documentParts({
  images: [{ name: 'signature', label_fr: 'Signature', label_en: 'Signature' }],
  attachments: [{ name: 'pieceIdentite', label_fr: 'Pièce d’identité', label_en: 'ID' }],
});

function refusal(work: () => unknown): CoreError {
  try {
    work();
  } catch (error) {
    if (error instanceof CoreError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('renderOptions', () => {
  it('reads engine and flatten as text, each at most once', () => {
    expect(renderOptions({})).toEqual({});
    expect(renderOptions({ engine: 'acroform', flatten: 'false' })).toEqual({
      engine: 'acroform',
      flatten: false,
    });
    expect(refusal(() => renderOptions({ engine: ['html', 'html'] })).message).toBe(
      'engine must be given once.',
    );
    expect(refusal(() => renderOptions({ flatten: 'yes' })).code).toBe('INVALID_PARAMETER');
  });
});

describe('renderRequest', () => {
  it('defaults to no files, and refuses a request without its document', () => {
    expect(renderRequest({ document: 'x', data: {} }).files).toEqual({
      assembling: false,
      images: [],
      attachments: [],
    });
    const error = refusal(() => renderRequest({ document: '', data: {} }));
    expect([error.code, error.message]).toEqual([
      'INVALID_PARAMETER',
      'Invalid render request: document.',
    ]);
  });
});

describe('readParts', () => {
  it('reads the data, the image by its box, the declared and the free annexes with captions', () => {
    const read = readParts(parts, {
      texts: { data: '{"a":1}', captions: ['Bail', ''] },
      files: [
        { part: 'attachments', bytes: bytes('one') },
        { part: 'signature', bytes: bytes('png') },
        { part: 'attachments.pieceIdentite', bytes: bytes('id') },
        { part: 'attachments', bytes: bytes('two') },
      ],
    });
    expect(read.data).toEqual({ a: 1 });
    expect(read.files.assembling).toBe(true);
    expect(read.files.images.map((image) => image.part)).toEqual(['signature']);
    expect(read.files.attachments.map(({ part, name, caption }) => [part, name, caption])).toEqual([
      ['attachments.pieceIdentite', 'pieceIdentite', 'Pièce d’identité'],
      ['attachments[0]', undefined, 'Bail'],
      ['attachments[1]', undefined, 'Pièce jointe 2'],
    ]);
  });

  it('takes the data as a file too, and the official form in `file`', () => {
    const read = readParts(parts, {
      texts: {},
      files: [
        { part: 'data', bytes: bytes('{"é":"à"}') },
        { part: 'file', bytes: bytes('%PDF') },
      ],
    });
    expect(read.data).toEqual({ é: 'à' });
    expect(read.files.form).toEqual(bytes('%PDF'));
  });

  it('refuses, naming the part: unknown, repeated, missing or malformed data, extra captions', () => {
    const cases: [Parameters<typeof readParts>[1], string][] = [
      [{ texts: { data: '{}', nom: 'x' }, files: [] }, 'Unknown part "nom"'],
      [
        {
          texts: { data: '{}' },
          files: [
            { part: 'signature', bytes: bytes('a') },
            { part: 'signature', bytes: bytes('b') },
          ],
        },
        'The part "signature" is sent more than once.',
      ],
      [{ texts: {}, files: [] }, 'The part "data" is missing.'],
      [{ texts: { data: '{' }, files: [] }, 'The part "data" is not valid JSON.'],
      [
        { texts: { data: '{}', captions: 'orpheline' }, files: [] },
        'The part "captions" has 1 captions for 0 attachments.',
      ],
    ];
    for (const [received, message] of cases) {
      const error = refusal(() => readParts(parts, received));
      expect(error.code).toBe('INVALID_UPLOAD');
      expect(error.message).toContain(message);
    }
  });
});

describe('captions of free annexes', () => {
  it('refuse the characters single-line fields refuse, naming the caption', () => {
    const id = 'attestation-hebergement';
    const { validateRequest } = ruleHarness(id);
    const files = {
      assembling: true,
      images: [],
      attachments: [{ part: 'attachments[0]', caption: 'Bail \u202Eliaf', bytes: bytes('%PDF') }],
    };
    const error = refusal(() => validateRequest({ document: id, data: loadSample(id), files }));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.errors?.map((issue) => [issue.path, issue.code])).toEqual([
      ['captions[0]', 'FORBIDDEN_CHARACTER'],
    ]);
  });
});
