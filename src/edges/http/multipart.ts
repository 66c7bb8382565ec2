import multer from 'multer';
import type { Request, RequestHandler } from 'express';
import { CoreError } from '../../core/errors.js';
import { FORM_PART, invalidPart, jsonText } from '../../core/parts.js';
import { bytesText } from '../../shared/bytes-text.js';
import { TotalLimitError } from './budget-storage.js';
import { contentEncoding, unsupportedEncoding } from './content-encoding.js';
import { declaredLength, declaredTooLarge } from './declared-length.js';

/** The largest text part (the JSON of `values`). */
const FIELD_SIZE_LIMIT = 256 * 1024;
/** Boundaries and part headers, beyond the file and the text parts themselves. */
const MULTIPART_OVERHEAD = 64 * 1024;

export interface PdfUploadOptions {
  /** Largest file, in bytes (UPLOAD_FILE_LIMIT). */
  fileSize: number;
  /** The text parts this route takes besides `file`. */
  fields: readonly string[];
  /** Whether the part `file` must be there (default true). */
  fileRequired?: boolean;
}

/**
 * One PDF in the part `file` (optional with `fileRequired: false`), plus the named text parts, kept in memory (nothing touches the
 * disk). Every other shape is a 4xx naming the part: 415 when not multipart, 413 over a limit,
 * 400 for a missing file, a second file, an unknown part or a repeated text part.
 */
export function pdfUpload(options: PdfUploadOptions): RequestHandler {
  const upload = multer({
    storage: multer.memoryStorage(),
    // Generous counts, so an unknown part is named by the check below rather than by a count.
    limits: {
      fileSize: options.fileSize,
      files: 1,
      fields: 8,
      parts: 10,
      fieldSize: FIELD_SIZE_LIMIT,
      headerPairs: 100,
    },
  }).single(FORM_PART);
  // The most a well-formed request can hold: the file, each text part, their framing.
  const largest = options.fileSize + options.fields.length * FIELD_SIZE_LIMIT + MULTIPART_OVERHEAD;
  return (req, res, next) => {
    if ((declaredLength(req) ?? 0) > largest) {
      next(declaredTooLarge(largest, 'UPLOAD_FILE_LIMIT'));
      return;
    }
    if (!req.is('multipart/form-data')) {
      next(
        new CoreError('UNSUPPORTED_MEDIA_TYPE', {
          detail_en: `Send the PDF as multipart/form-data, not ${req.headers['content-type'] ?? 'no Content-Type'}.`,
          detail_fr: `Envoyez le PDF en multipart/form-data, et non ${req.headers['content-type'] ?? 'sans Content-Type'}.`,
        }),
      );
      return;
    }
    const encoding = contentEncoding(req);
    if (encoding !== 'identity') {
      next(unsupportedEncoding(encoding, 'multipart'));
      return;
    }
    upload(req, res, (error: unknown) => {
      if (error) {
        next(multerProblem(error, { fileSize: options.fileSize, fieldSize: FIELD_SIZE_LIMIT }));
        return;
      }
      next(
        checkParts(req.body as Record<string, unknown>, req.file, {
          allowed: options.fields,
          fileRequired: options.fileRequired ?? true,
        }),
      );
    });
  };
}

function checkParts(
  body: Record<string, unknown>,
  file: Express.Multer.File | undefined,
  { allowed, fileRequired }: { allowed: readonly string[]; fileRequired: boolean },
): CoreError | undefined {
  const unknown = Object.keys(body).find((name) => !allowed.includes(name));
  if (unknown !== undefined) {
    return invalid(
      `Unknown part "${unknown}"; this route takes ${[FORM_PART, ...allowed].join(', ')}.`,
      `Partie inconnue « ${unknown} » ; cette route accepte ${[FORM_PART, ...allowed].join(', ')}.`,
    );
  }
  const repeated = Object.keys(body).find((name) => typeof body[name] !== 'string');
  if (repeated !== undefined) {
    return invalid(
      `Send the part "${repeated}" once.`,
      `Envoyez la partie « ${repeated} » une seule fois.`,
    );
  }
  if (!file && fileRequired) {
    return invalid(
      `Send the PDF in a part named "${FORM_PART}".`,
      `Envoyez le PDF dans une partie nommée « ${FORM_PART} ».`,
    );
  }
  return undefined;
}

/** The limits a multipart route reads its parts within, for the problems it answers. */
export interface UploadLimits {
  fileSize: number;
  fieldSize: number;
  /** How many files; absent: one, in the part `file`. */
  maxFiles?: number;
}

/** A multer failure (or the budget storage's) as the 4xx problem naming the part. */
export function multerProblem(error: unknown, limits: UploadLimits): CoreError {
  if (error instanceof TotalLimitError) return totalTooLarge(error.limit);
  if (!(error instanceof multer.MulterError)) {
    return invalid(
      `The multipart body cannot be read: ${(error as Error).message}.`,
      `Le corps multipart est illisible : ${(error as Error).message}.`,
    );
  }
  const part = error.field ?? FORM_PART;
  switch (error.code) {
    case 'LIMIT_FILE_SIZE':
      return new CoreError('PAYLOAD_TOO_LARGE', {
        detail_en: `The file in "${part}" is over the limit of ${limits.fileSize} bytes (UPLOAD_FILE_LIMIT).`,
        detail_fr: `Le fichier de « ${part} » dépasse la limite de ${limits.fileSize} octets (UPLOAD_FILE_LIMIT).`,
        // Named by its part, as a refused file's content is (a web form shows it at its input).
        errors: [
          {
            path: part,
            code: 'PAYLOAD_TOO_LARGE',
            message_fr: `Le fichier dépasse ${bytesText(limits.fileSize)}, la taille admise.`,
            message_en: `The file is over the size limit (${limits.fileSize} bytes).`,
          },
        ],
      });
    case 'LIMIT_FIELD_VALUE':
      return new CoreError('PAYLOAD_TOO_LARGE', {
        detail_en: `The part "${part}" is over the limit of ${limits.fieldSize} bytes.`,
        detail_fr: `La partie « ${part} » dépasse la limite de ${limits.fieldSize} octets.`,
      });
    case 'LIMIT_FILE_COUNT':
      if (limits.maxFiles !== undefined) {
        return new CoreError('PAYLOAD_TOO_LARGE', {
          detail_en: `Too many files: at most ${limits.maxFiles} per request (UPLOAD_MAX_FILES).`,
          detail_fr: `Trop de fichiers : au plus ${limits.maxFiles} par requête (UPLOAD_MAX_FILES).`,
        });
      }
    // falls through: a route of one file
    case 'LIMIT_UNEXPECTED_FILE':
      return invalid(
        `Unexpected file in part "${part}": send one file, in the part "${FORM_PART}".`,
        `Fichier inattendu dans la partie « ${part} » : envoyez un seul fichier, dans « ${FORM_PART} ».`,
      );
    default:
      return invalid(
        `Invalid multipart body (${error.code}${error.field ? `, part "${error.field}"` : ''}).`,
        `Corps multipart invalide (${error.code}${error.field ? `, partie « ${error.field} »` : ''}).`,
      );
  }
}

export function totalTooLarge(limit: number): CoreError {
  return new CoreError('PAYLOAD_TOO_LARGE', {
    detail_en: `The files of the request are over the limit of ${limit} bytes in total (UPLOAD_TOTAL_LIMIT).`,
    detail_fr: `Les fichiers de la requête dépassent la limite totale de ${limit} octets (UPLOAD_TOTAL_LIMIT).`,
  });
}

function invalid(detail_en: string, detail_fr: string): CoreError {
  return new CoreError('INVALID_UPLOAD', { detail_en, detail_fr });
}

/** A text part holding JSON, parsed; missing or malformed is a 400 naming the part. */
/** The PDF of a request that went through pdfUpload (which refuses one without it). */
export function uploadedFile(req: Request): Uint8Array {
  return new Uint8Array((req.file as Express.Multer.File).buffer);
}

export function jsonPart(req: Request, part: string): unknown {
  const text = (req.body as Record<string, string | undefined>)[part];
  if (text === undefined) throw invalidPart(part, 'is missing', 'est absente');
  return jsonText(part, text);
}
