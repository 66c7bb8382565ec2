import type { DocumentUploads, ExpectedAttachment } from '../documents/document-definition.js';
import { CoreError } from './errors.js';
import type { RequestFiles } from './render-request.js';

/**
 * The names of the pieces a request with files is made of, the same for every edge (multipart
 * parts over HTTP, fields of the web form, the CLI's options: `--signature <file>`,
 * `--attachment <name>=<file>`):
 * - `data`: the document's JSON;
 * - `file`: the official PDF (engine=official), or the form of /v1/pdf;
 * - one per image box the document declares (`signature`, `cachet`, …);
 * - `attachments.<name>`: each supporting document the form asks for;
 * - `attachments`, repeatable: any other annex, with `captions` (repeatable text, by order).
 */
export const DATA_PART = 'data';
export const FORM_PART = 'file';
export const ATTACHMENTS_PART = 'attachments';
export const CAPTIONS_PART = 'captions';

/** The part of a declared supporting document. */
export function attachmentPart(name: string): string {
  return `${ATTACHMENTS_PART}.${name}`;
}

/** The part of the n-th free annex (0-based), as errors and warnings name it. */
export function freeAttachmentPart(index: number): string {
  return `${ATTACHMENTS_PART}[${index}]`;
}

/** The pieces one document takes, with their labels: what edges show and read. */
export interface DocumentParts {
  images: readonly { part: string; label_fr: string; label_en: string }[];
  attachments: readonly {
    part: string;
    name: string;
    label_fr: string;
    label_en: string;
    /** Asked for in every case (else only in some, e.g. without a NIR). */
    always: boolean;
    /** When it is asked for, given the validated data (absent: always). */
    when?(input: unknown): boolean;
  }[];
  /** Every part name a file may come in, in the order errors list them. */
  accepted: readonly string[];
}

export function documentParts(uploads: DocumentUploads): DocumentParts {
  const images = (uploads.images ?? []).map(({ name, label_fr, label_en }) => ({
    part: name,
    label_fr,
    label_en,
  }));
  const attachments = (uploads.attachments ?? []).map((piece: ExpectedAttachment) => ({
    part: attachmentPart(piece.name),
    name: piece.name,
    label_fr: piece.label_fr,
    label_en: piece.label_en,
    always: !piece.when,
    ...(piece.when ? { when: piece.when } : {}),
  }));
  const accepted = [
    DATA_PART,
    FORM_PART,
    ...images.map((image) => image.part),
    ...attachments.map((attachment) => attachment.part),
    ATTACHMENTS_PART,
  ];
  return { images, attachments, accepted };
}

/** What an edge received, before any check: text pieces (repeatable) and files, by part. */
export interface ReceivedParts {
  texts: Readonly<Record<string, string | readonly string[] | undefined>>;
  files: readonly { part: string; bytes: Uint8Array }[];
}

/**
 * The data and the files of a request made of parts, checked by name: an unknown part, a part
 * sent twice, captions without their annexes or a data part that is not JSON is refused naming
 * the part. The files themselves are judged later, by content (prepare-files.ts).
 */
export function readParts(
  parts: DocumentParts,
  received: ReceivedParts,
): { data: unknown; files: RequestFiles } {
  const { texts, files } = received;
  for (const name of Object.keys(texts)) {
    if (name !== DATA_PART && name !== CAPTIONS_PART) throw unknownPart(name, parts.accepted);
  }
  return {
    data: readData(texts, files),
    files: partFiles(parts, files, list(texts[CAPTIONS_PART])),
  };
}

/**
 * The files of a request by role, each part checked by name: an unknown part, a part sent
 * twice, or captions without their annexes is refused naming the part. What a web form's file
 * inputs and a multipart request both come to.
 */
export function partFiles(
  parts: DocumentParts,
  files: ReceivedParts['files'],
  captions: readonly string[] = [],
): RequestFiles {
  const imageParts = new Set(parts.images.map((image) => image.part));
  const declared = new Map(parts.attachments.map((attachment) => [attachment.part, attachment]));
  for (const file of files) {
    if (!parts.accepted.includes(file.part)) throw unknownPart(file.part, parts.accepted);
    if (file.part !== ATTACHMENTS_PART && files.filter((f) => f.part === file.part).length > 1) {
      throw invalidPart(file.part, 'is sent more than once', 'est envoyée plusieurs fois');
    }
  }
  const free = files.filter((file) => file.part === ATTACHMENTS_PART);
  if (captions.length > free.length) {
    throw invalidPart(
      CAPTIONS_PART,
      `has ${captions.length} captions for ${free.length} attachments`,
      `a ${captions.length} légendes pour ${free.length} pièces jointes`,
    );
  }
  const form = files.find((file) => file.part === FORM_PART);
  return {
    assembling: true,
    ...(form ? { form: form.bytes } : {}),
    images: files
      .filter((file) => imageParts.has(file.part))
      .map(({ part, bytes }) => ({ part, bytes })),
    attachments: [
      ...files.flatMap(({ part, bytes }) => {
        const expected = declared.get(part);
        return expected ? [{ part, name: expected.name, caption: expected.label_fr, bytes }] : [];
      }),
      ...free.map((file, index) => ({
        part: freeAttachmentPart(index),
        caption: captions[index]?.trim() || `Pièce jointe ${index + 1}`,
        bytes: file.bytes,
      })),
    ],
  };
}

function readData(texts: ReceivedParts['texts'], files: ReceivedParts['files']): unknown {
  const asFile = files.find((file) => file.part === DATA_PART);
  const text = asFile ? Buffer.from(asFile.bytes).toString('utf8') : texts[DATA_PART];
  if (text === undefined) throw invalidPart(DATA_PART, 'is missing', 'est absente');
  if (typeof text !== 'string' || (asFile && texts[DATA_PART] !== undefined)) {
    throw invalidPart(DATA_PART, 'is sent more than once', 'est envoyée plusieurs fois');
  }
  return jsonText(DATA_PART, text);
}

/** A text piece holding JSON, parsed; malformed is refused naming the part. */
export function jsonText(part: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidPart(part, 'is not valid JSON', 'n’est pas un JSON valide');
  }
}

function list(value: string | readonly string[] | undefined): readonly string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

function unknownPart(name: string, accepted: readonly string[]): CoreError {
  return new CoreError('INVALID_UPLOAD', {
    detail_en: `Unknown part "${name}"; this document takes ${accepted.join(', ')}, ${CAPTIONS_PART}.`,
    detail_fr: `Partie inconnue « ${name} » ; ce document accepte ${accepted.join(', ')}, ${CAPTIONS_PART}.`,
  });
}

/** A refused part: `The part "x" <en>.` in both languages. */
export function invalidPart(part: string, en: string, fr: string): CoreError {
  return new CoreError('INVALID_UPLOAD', {
    detail_en: `The part "${part}" ${en}.`,
    detail_fr: `La partie « ${part} » ${fr}.`,
  });
}
