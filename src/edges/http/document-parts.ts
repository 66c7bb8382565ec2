import multer from 'multer';
import type { Request, RequestHandler } from 'express';
import type { DocumentUploads } from '../../documents/document-definition.js';
import type { RequestFiles } from '../../core/request-files.js';
import { AppError } from '../../core/errors.js';
import { budgetStorage } from './budget-storage.js';
import { invalidPart, multerProblem, totalTooLarge } from './multipart.js';

/**
 * The multipart form of POST /v1/documents/{id} (and /validate):
 * - `data`: the document's JSON, as a text part or a file (`curl -F data=@x.json`);
 * - `file`: the official PDF (engine=official);
 * - one part per image box the document declares (`signature`, `cachet`, …);
 * - one part per supporting document it asks for (`attachments.<name>`);
 * - `attachments`, repeatable, any other annex, with `captions` (repeatable text, by order).
 * Everything stays in memory within UPLOAD_FILE_LIMIT per file, UPLOAD_TOTAL_LIMIT per request
 * and UPLOAD_MAX_FILES files. Every other shape is a 4xx naming the part.
 */
export interface DocumentPartsOptions {
  fileSize: number;
  totalSize: number;
  maxFiles: number;
  /** What a document accepts (undefined: an unknown document, answered 404 before). */
  uploadsOf(documentId: string): DocumentUploads;
}

export const DATA_PART = 'data';
const OFFICIAL_PART = 'file';
const ATTACHMENTS_PART = 'attachments';
const CAPTIONS_PART = 'captions';
const FIELD_SIZE_LIMIT = 1024 * 1024;

export function documentParts(options: DocumentPartsOptions): RequestHandler {
  const upload = multer({
    storage: budgetStorage(options.totalSize),
    limits: {
      fileSize: options.fileSize,
      files: options.maxFiles,
      fields: 64,
      parts: options.maxFiles + 64,
      fieldSize: FIELD_SIZE_LIMIT,
      headerPairs: 200,
    },
  }).any();
  return (req, res, next) => {
    // A declared length over the budget is refused before reading a byte.
    const length = Number(req.headers['content-length'] ?? 0);
    if (length > options.totalSize + FIELD_SIZE_LIMIT) {
      next(totalTooLarge(options.totalSize));
      return;
    }
    upload(req, res, (error: unknown) => {
      if (error) {
        next(
          multerProblem(error, {
            fileSize: options.fileSize,
            fieldSize: FIELD_SIZE_LIMIT,
            maxFiles: options.maxFiles,
          }),
        );
      } else next();
    });
  };
}

/** The parts of a parsed multipart request: the data and the files, checked by name. */
export function readParts(
  req: Request,
  uploads: DocumentUploads,
): { data: unknown; files: RequestFiles } {
  const body = req.body as Record<string, string | string[] | undefined>;
  const files = (req.files ?? []) as Express.Multer.File[];
  const imageNames = uploads.images.map((slot) => slot.name);
  const expected = new Map(
    uploads.attachments.map((piece) => [`${ATTACHMENTS_PART}.${piece.name}`, piece]),
  );
  const accepted = [DATA_PART, OFFICIAL_PART, ...imageNames, ...expected.keys(), ATTACHMENTS_PART];
  for (const name of Object.keys(body)) {
    if (name !== DATA_PART && name !== CAPTIONS_PART) throw unknownPart(name, accepted);
  }
  for (const file of files) {
    if (!accepted.includes(file.fieldname)) throw unknownPart(file.fieldname, accepted);
    if (file.fieldname !== ATTACHMENTS_PART && count(files, file.fieldname) > 1) {
      throw invalidPart(file.fieldname, 'is sent more than once', 'est envoyée plusieurs fois');
    }
  }
  const captions = list(body[CAPTIONS_PART]);
  const free = files.filter((file) => file.fieldname === ATTACHMENTS_PART);
  if (captions.length > free.length) {
    throw invalidPart(
      CAPTIONS_PART,
      `has ${captions.length} captions for ${free.length} attachments`,
      `a ${captions.length} légendes pour ${free.length} pièces jointes`,
    );
  }
  const bytes = (file: Express.Multer.File) => new Uint8Array(file.buffer);
  const official = files.find((file) => file.fieldname === OFFICIAL_PART);
  return {
    data: readData(body, files),
    files: {
      multipart: true,
      ...(official ? { official: bytes(official) } : {}),
      images: files
        .filter((file) => imageNames.includes(file.fieldname))
        .map((file) => ({ part: file.fieldname, bytes: bytes(file) })),
      attachments: [
        ...files
          .filter((file) => expected.has(file.fieldname))
          .map((file) => ({
            part: file.fieldname,
            name: expected.get(file.fieldname)?.name,
            caption: expected.get(file.fieldname)?.label_fr ?? file.fieldname,
            bytes: bytes(file),
          })),
        ...free.map((file, index) => ({
          part: `${ATTACHMENTS_PART}[${index}]`,
          caption: captions[index]?.trim() || `Pièce jointe ${index + 1}`,
          bytes: bytes(file),
        })),
      ],
    },
  };
}

function readData(
  body: Record<string, string | string[] | undefined>,
  files: readonly Express.Multer.File[],
): unknown {
  const asFile = files.find((file) => file.fieldname === DATA_PART);
  const text = asFile ? asFile.buffer.toString('utf8') : body[DATA_PART];
  if (text === undefined) throw invalidPart(DATA_PART, 'is missing', 'est absente');
  if (Array.isArray(text) || (asFile && body[DATA_PART] !== undefined)) {
    throw invalidPart(DATA_PART, 'is sent more than once', 'est envoyée plusieurs fois');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidPart(DATA_PART, 'is not valid JSON', 'n’est pas un JSON valide');
  }
}

function list(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function count(files: readonly Express.Multer.File[], part: string): number {
  return files.filter((file) => file.fieldname === part).length;
}

function unknownPart(name: string, accepted: readonly string[]): AppError {
  return new AppError('INVALID_UPLOAD', {
    detail_en: `Unknown part "${name}"; this document takes ${accepted.join(', ')}, ${CAPTIONS_PART}.`,
    detail_fr: `Partie inconnue « ${name} » ; ce document accepte ${accepted.join(', ')}, ${CAPTIONS_PART}.`,
  });
}
