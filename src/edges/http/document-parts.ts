import multer from 'multer';
import type { Request, RequestHandler } from 'express';
import { readParts, type DocumentParts } from '../../core/parts.js';
import type { RequestFiles } from '../../core/render-request.js';
import { budgetStorage } from './budget-storage.js';
import { contentEncoding, unsupportedEncoding } from './content-encoding.js';
import { declaredLength } from './declared-length.js';
import { multerProblem, totalTooLarge } from './multipart.js';

/**
 * The multipart form of POST /v1/documents/{id} (and /validate): the parts of core/parts.ts.
 * Everything stays in memory within UPLOAD_FILE_LIMIT per file, UPLOAD_TOTAL_LIMIT per request
 * and UPLOAD_MAX_FILES files. Every other shape is a 4xx naming the part.
 */
export interface DocumentPartsOptions {
  fileSize: number;
  totalSize: number;
  maxFiles: number;
  /** Text parts: how many, and the largest (the API's: `data` and captions; a web form: its fields). */
  fields?: number;
  fieldSize?: number;
}

const FIELD_SIZE_LIMIT = 1024 * 1024;

export function multipartParts(options: DocumentPartsOptions): RequestHandler {
  const fields = options.fields ?? 64;
  const fieldSize = options.fieldSize ?? FIELD_SIZE_LIMIT;
  const upload = multer({
    storage: budgetStorage(options.totalSize),
    // Browsers send file names in UTF-8 without saying so.
    defParamCharset: 'utf8',
    limits: {
      fileSize: options.fileSize,
      files: options.maxFiles,
      fields,
      parts: options.maxFiles + fields,
      fieldSize,
      headerPairs: 200,
    },
  }).any();
  return (req, res, next) => {
    // A declared length over the budget is refused before reading a byte.
    if ((declaredLength(req) ?? 0) > options.totalSize + fieldSize) {
      next(totalTooLarge(options.totalSize));
      return;
    }
    const encoding = contentEncoding(req);
    if (encoding !== 'identity') {
      next(unsupportedEncoding(encoding, 'multipart'));
      return;
    }
    upload(req, res, (error: unknown) => {
      if (error) {
        next(
          multerProblem(error, {
            fileSize: options.fileSize,
            fieldSize,
            maxFiles: options.maxFiles,
          }),
        );
      } else next();
    });
  };
}

/** The data and files of a parsed multipart request, read by the core's rules for parts. */
export function requestParts(
  req: Request,
  parts: DocumentParts,
): { data: unknown; files: RequestFiles } {
  const files = (req.files ?? []) as Express.Multer.File[];
  return readParts(parts, {
    texts: req.body as Record<string, string | string[] | undefined>,
    files: files.map((file) => ({ part: file.fieldname, bytes: new Uint8Array(file.buffer) })),
  });
}
