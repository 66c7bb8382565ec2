import type { Request, Response } from 'express';
import { CoreError } from '../../core/errors.js';

/** A known path with the wrong method: 405 and the methods it takes (RFC 9110 §15.5.6). */
export function methodNotAllowed(allowed: string) {
  return (req: Request, res: Response, next: (error?: unknown) => void) => {
    res.set('Allow', allowed);
    next(
      new CoreError('METHOD_NOT_ALLOWED', {
        detail_en: `${req.method} is not allowed here; use ${allowed}.`,
        detail_fr: `${req.method} n’est pas accepté ici ; utilisez ${allowed}.`,
      }),
    );
  };
}
