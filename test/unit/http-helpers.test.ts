import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../../src/config.js';
import { bilingual, codePostal } from '../../src/documents/fields.js';
import { toFieldIssues } from '../../src/documents/zod-issues.js';
import { formatPath } from '../../src/shared/json-path.js';
import { contentDisposition } from '../../src/edges/http/content-disposition.js';

describe('contentDisposition', () => {
  it('gives an ASCII name and the exact UTF-8 one', () => {
    expect(contentDisposition('attestation-Lefèvre-Zoé')).toBe(
      `attachment; filename="attestation-Lefevre-Zoe.pdf"; filename*=UTF-8''attestation-Lef%C3%A8vre-Zo%C3%A9.pdf`,
    );
  });

  it('cannot be used to inject a header or a path', () => {
    const header = contentDisposition('a"\r\nSet-Cookie: x=1/../../etc');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toMatch(/^attachment; filename="a Set-Cookie x=1 .. .. etc\.pdf"/);
  });

  it('falls back to "document" when nothing is left', () => {
    expect(contentDisposition('"/"')).toMatch(/filename="document\.pdf"/);
  });
});

describe('loadConfig', () => {
  it('has working defaults', () => {
    const config = loadConfig({ CHROMIUM_PATH: '/bin/true' });
    expect(config).toMatchObject({
      PORT: 3000,
      RENDER_CONCURRENCY: 2,
      BODY_LIMIT: '1mb',
      LOG_LEVEL: 'info',
    });
  });

  it('names each invalid variable', () => {
    expect(() =>
      loadConfig({ CHROMIUM_PATH: '/bin/true', PORT: 'abc', BODY_LIMIT: 'huge' }),
    ).toThrow(ConfigError);
    try {
      loadConfig({ CHROMIUM_PATH: '/bin/true', PORT: 'abc', BODY_LIMIT: 'huge' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/BODY_LIMIT/);
    }
  });
});

describe('toFieldIssues', () => {
  const schema = z.strictObject({
    personne: z.strictObject({ nom: z.string().min(1), age: z.number().int().max(120) }),
    enfants: z.array(z.strictObject({ prenom: z.string() })),
    cp: codePostal,
    choix: z.enum(['a', 'b']),
    regle: z
      .string()
      .refine(() => false, bilingual('MA_REGLE', 'Message français.', 'English message.')),
  });
  const issuesOf = (value: unknown) => {
    const parsed = schema.safeParse(value, { reportInput: true });
    if (parsed.success) throw new Error('expected a failure');
    return Object.fromEntries(toFieldIssues(parsed.error).map((issue) => [issue.path, issue]));
  };

  it('writes array paths with brackets', () => {
    expect(formatPath(['enfants', 0, 'prenom'])).toBe('enfants[0].prenom');
  });

  it('translates each kind of issue, with the path of the field', () => {
    const issues = issuesOf({
      personne: { nom: '', age: 130, extra: 1 },
      enfants: [{ prenom: 3 }],
      cp: '123',
      choix: 'c',
      regle: 'x',
    });
    expect(issues['personne.nom']).toMatchObject({
      code: 'REQUIRED',
      message_fr: 'Ne doit pas être vide.',
    });
    expect(issues['personne.age']).toMatchObject({
      code: 'TOO_BIG',
      message_fr: 'Trop grand : au plus 120.',
    });
    expect(issues['personne.extra']).toMatchObject({ code: 'UNKNOWN_FIELD' });
    expect(issues['enfants[0].prenom']).toMatchObject({ code: 'INVALID_TYPE' });
    expect(issues.cp).toMatchObject({ code: 'POSTAL_CODE' });
    expect(issues.choix).toMatchObject({
      code: 'INVALID_VALUE',
      message_fr: 'Valeur invalide : valeurs possibles "a", "b".',
    });
    expect(issues.regle).toEqual({
      path: 'regle',
      code: 'MA_REGLE',
      message_fr: 'Message français.',
      message_en: 'English message.',
    });
  });

  it('tells a missing field from a wrong type', () => {
    const issues = issuesOf({ enfants: [], cp: '69003', choix: 'a', regle: 'x' });
    expect(issues.personne).toMatchObject({ code: 'REQUIRED', message_fr: 'Champ obligatoire.' });
  });
});

describe('unknown keys in errors', () => {
  it('are named with their invisible and direction characters spelt U+XXXX', () => {
    const schema = z.strictObject({ nom: z.string() });
    const parsed = schema.safeParse({ nom: 'x', 'pr\u202Enom': 'y' });
    if (parsed.success) throw new Error('expected a refusal');
    const [issue] = toFieldIssues(parsed.error);
    expect(issue?.path).toBe('prU+202Enom');
    expect(issue?.message_en).toBe('Unknown field "prU+202Enom": check its spelling.');
  });
});
