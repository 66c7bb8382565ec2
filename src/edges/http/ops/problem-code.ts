import type { Response } from 'express';
import type { ErrorCode } from '../../../core/errors.js';

/** The code of the problem a response answered, noted by sendProblem for the log and the metrics. */
const codes = new WeakMap<Response, ErrorCode>();

export function noteProblem(res: Response, code: ErrorCode): void {
  codes.set(res, code);
}

export function problemCodeOf(res: Response): ErrorCode | undefined {
  return codes.get(res);
}
