import { describe, expect, it } from 'vitest';
import {
  computeNirKey,
  nirConsistencyWarnings,
  parseNir,
  type NirResult,
} from '../../src/shared/nir.js';

const REQUIRED = { keyRequired: true };
const OPTIONAL = { keyRequired: false };

function expectOk(result: NirResult): Extract<NirResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected a valid NIR, got ${result.issue.code}`);
  return result;
}

function issueCode(result: NirResult): string {
  if (result.ok) throw new Error('expected an invalid NIR');
  return result.issue.code;
}

describe('computeNirKey', () => {
  it('computes the key of the domain-spec vectors', () => {
    expect(computeNirKey('2951099126111')).toBe('93');
    expect(computeNirKey('253072B073004')).toBe('70');
    expect(computeNirKey('253072A073004')).toBe('43');
  });

  it('reads 2A as 19 and 2B as 18', () => {
    expect(computeNirKey('253072A073004')).toBe(computeNirKey('2530719073004'));
    expect(computeNirKey('253072B073004')).toBe(computeNirKey('2530718073004'));
  });

  it('pads a one-digit key to two digits', () => {
    // Find a body whose key is below 10 by walking the order number.
    const body = Array.from(
      { length: 200 },
      (_, n) => `1850575123${String(n).padStart(3, '0')}`,
    ).find((candidate) => Number(computeNirKey(candidate)) < 10);
    expect(body).toBeDefined();
    expect(computeNirKey(body ?? '')).toMatch(/^0\d$/);
  });

  it('throws on a malformed body', () => {
    expect(() => computeNirKey('253072C073004')).toThrow(RangeError);
    expect(() => computeNirKey('12345')).toThrow(RangeError);
  });
});

describe('parseNir: valid numbers', () => {
  it('accepts 295109912611193 and returns its parts', () => {
    const nir = expectOk(parseNir('295109912611193', REQUIRED));
    expect(nir).toMatchObject({
      normalized: '295109912611193',
      formatted: '2 95 10 99 126 111 93',
      sex: 2,
      birthYear2: '95',
      birthMonth: '10',
      department: '99',
      warnings: [],
    });
  });

  it('accepts spaces, dots, hyphens and no-break spaces', () => {
    for (const typed of [
      '2 95 10 99 126 111 93',
      '2.95.10.99.126.111.93',
      '2-95-10-99-126-111-93',
      '2\u00a095 10 99 126 111 93',
    ]) {
      expect(expectOk(parseNir(typed, REQUIRED)).normalized).toBe('295109912611193');
    }
  });

  it('accepts Corsica 2A and 2B, in lower case too', () => {
    expect(expectOk(parseNir('253072B07300470', REQUIRED)).department).toBe('2B');
    expect(expectOk(parseNir('2 53 07 2a 073 004 43', REQUIRED)).normalized).toBe(
      '253072A07300443',
    );
  });

  it('accepts département 20 (Corsica before 1976)', () => {
    const body = '1550720073004';
    const nir = expectOk(parseNir(body + computeNirKey(body), REQUIRED));
    expect(nir.department).toBe('20');
  });

  it('accepts 13 characters when the key is optional', () => {
    const nir = expectOk(parseNir('2 95 10 99 126 111', OPTIONAL));
    expect(nir.normalized).toBe('2951099126111');
    expect(nir.formatted).toBe('2 95 10 99 126 111');
  });

  it('still checks the key when it is optional but given', () => {
    expect(expectOk(parseNir('295109912611193', OPTIONAL)).normalized).toHaveLength(15);
    expect(issueCode(parseNir('295109912611194', OPTIONAL))).toBe('NIR_KEY');
  });
});

describe('parseNir: rejections', () => {
  it('rejects 253072C07300443 as malformed', () => {
    expect(issueCode(parseNir('253072C07300443', REQUIRED))).toBe('NIR_FORMAT');
  });

  it('names both keys when the key is wrong', () => {
    const result = parseNir('295109912611194', REQUIRED);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issue.code).toBe('NIR_KEY');
    expect(result.issue.message_fr).toContain('93');
    expect(result.issue.message_fr).toContain('94');
    expect(result.issue.message_en).toBe(
      'The NIR key is wrong: 93 expected, 94 given. Check every digit of the number.',
    );
  });

  it('rejects a Corsica NIR whose key was computed without the substitution', () => {
    expect(issueCode(parseNir('253072A07300470', REQUIRED))).toBe('NIR_KEY');
  });

  it('requires the key when it is required', () => {
    expect(issueCode(parseNir('2951099126111', REQUIRED))).toBe('NIR_KEY_MISSING');
  });

  it('rejects other lengths', () => {
    expect(issueCode(parseNir('29510991261119', REQUIRED))).toBe('NIR_LENGTH');
    expect(issueCode(parseNir('2951099126111933', OPTIONAL))).toBe('NIR_LENGTH');
    expect(issueCode(parseNir('', REQUIRED))).toBe('NIR_FORMAT');
    expect(issueCode(parseNir('2951O9912611193', REQUIRED))).toBe('NIR_FORMAT');
  });

  it('rejects temporary numbers (7/8) and explains the NIA', () => {
    for (const temporary of ['7 95 10 99 126 111', '8951099126111', '795109912611193']) {
      const result = parseNir(temporary, OPTIONAL);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.issue.code).toBe('NIR_TEMPORARY');
      expect(result.issue.message_fr).toContain('NIA');
      expect(result.issue.message_en).toContain('NIA');
    }
  });

  it('rejects a sex digit other than 1 or 2', () => {
    expect(issueCode(parseNir('395109912611193', REQUIRED))).toBe('NIR_SEX');
    expect(issueCode(parseNir('095109912611193', REQUIRED))).toBe('NIR_SEX');
  });

  it.each(['00', '13', '19', '43', '49'])('rejects month %s', (month) => {
    const body = `195${month}75123456`;
    expect(issueCode(parseNir(body + computeNirKey(body), REQUIRED))).toBe('NIR_MONTH');
  });
});

describe('parseNir: unusual months', () => {
  it.each(['20', '30', '42', '50', '99'])('accepts month %s with NIR_MONTH_UNUSUAL', (month) => {
    const body = `195${month}75123456`;
    const nir = expectOk(parseNir(body + computeNirKey(body), REQUIRED));
    expect(nir.birthMonth).toBe(month);
    expect(nir.warnings.map((warning) => warning.code)).toEqual(['NIR_MONTH_UNUSUAL']);
  });

  it.each(['01', '12'])('gives no warning for month %s', (month) => {
    const body = `195${month}75123456`;
    expect(expectOk(parseNir(body + computeNirKey(body), REQUIRED)).warnings).toEqual([]);
  });
});

describe('nirConsistencyWarnings', () => {
  const nir = expectOk(parseNir('295109912611193', REQUIRED));

  it('is silent when the facts agree', () => {
    expect(
      nirConsistencyWarnings(nir, { sex: 2, birthDate: '1995-10-14', bornAbroad: true }),
    ).toEqual([]);
  });

  it('flags sex, birth date and birthplace mismatches', () => {
    const codes = nirConsistencyWarnings(nir, {
      sex: 1,
      birthDate: '1996-10-14',
      bornAbroad: false,
    }).map((warning) => warning.code);
    expect(codes).toEqual([
      'NIR_SEX_MISMATCH',
      'NIR_BIRTH_DATE_MISMATCH',
      'NIR_BIRTHPLACE_MISMATCH',
    ]);
  });

  it('accepts départements 91–96 for people born in North Africa before independence', () => {
    const body = '1550391123456';
    const algeria = expectOk(parseNir(body + computeNirKey(body), REQUIRED));
    expect(nirConsistencyWarnings(algeria, { bornAbroad: true })).toEqual([]);
  });
});
