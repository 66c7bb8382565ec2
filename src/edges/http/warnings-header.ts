import type { Response } from 'express';
import type { FieldIssue } from '../../core/errors.js';

export const WARNINGS_HEADER = 'Paperasse-Warnings';

/**
 * Warnings ride along a PDF in one header: a JSON array of {code, path, message_en}. Header values
 * must stay ASCII, so the English message goes here; /validate returns both languages.
 */
export function setWarningsHeader(res: Response, warnings: readonly FieldIssue[]): void {
  if (warnings.length === 0) return;
  const compact = warnings.map(({ code, path, message_en }) => ({ code, path, message_en }));
  res.set(
    WARNINGS_HEADER,
    JSON.stringify(compact).replace(/[^\x20-\x7e]/g, (char) => {
      return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }),
  );
}
