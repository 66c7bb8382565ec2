import { CoreError } from '../../core/errors.js';

/**
 * Why a whole sheet is refused, in both languages. They name the file's problem and the limits,
 * never a cell's content: a class list is personal data.
 */

export function sheetTooLarge(bytes: number, maxBytes: number): CoreError {
  return new CoreError('PAYLOAD_TOO_LARGE', {
    detail_en: `The spreadsheet is ${bytes} bytes; at most ${maxBytes} are accepted.`,
    detail_fr: `Le tableur fait ${bytes} octets ; ${maxBytes} au plus sont acceptés.`,
  });
}

export function sheetExpandsTooMuch(maxExpandedBytes: number): CoreError {
  return new CoreError('PAYLOAD_TOO_LARGE', {
    detail_en: `The XLSX workbook expands to more than ${maxExpandedBytes} bytes once unzipped; save it as CSV or split it.`,
    detail_fr: `Le classeur XLSX dépasse ${maxExpandedBytes} octets une fois décompressé ; enregistrez-le en CSV ou découpez-le.`,
  });
}

export function tooManyRows(maxRows: number): CoreError {
  return new CoreError('PAYLOAD_TOO_LARGE', {
    detail_en: `The spreadsheet has more than ${maxRows} rows (header not counted); split it.`,
    detail_fr: `Le tableur a plus de ${maxRows} lignes (en-tête non compris) ; découpez-le.`,
  });
}

/** The file is not a spreadsheet, or not one that can be read: `en`/`fr` say what it is. */
export function notASheet(en: string, fr: string, cause?: unknown): CoreError {
  return new CoreError('INVALID_UPLOAD', {
    detail_en: `The file is not a readable spreadsheet: ${en}. Send a CSV or an XLSX file.`,
    detail_fr: `Le fichier n’est pas un tableur lisible : ${fr}. Envoyez un fichier CSV ou XLSX.`,
    cause,
  });
}

/** The header row does not say which field each column is. */
export function badHeader(en: string, fr: string): CoreError {
  return new CoreError('INVALID_UPLOAD', {
    detail_en: `The spreadsheet's first row (the column titles) ${en}.`,
    detail_fr: `La première ligne du tableur (les titres des colonnes) ${fr}.`,
  });
}
