import iconv from 'iconv-lite';
import { notASheet } from './refusals.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A CSV's text: UTF-8 (its BOM dropped) when the bytes are valid UTF-8, else Windows-1252, the
 * encoding of Excel's "CSV (séparateur : point-virgule)" in France. Text in Windows-1252 with
 * accents is almost never valid UTF-8, so the test is safe. iconv-lite decodes it rather than
 * TextDecoder: Node's 'windows-1252' decoder is Latin-1 and maps € (0x80) and œ (0x9C) to
 * control characters.
 */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'win1252');
  }
  // Control characters (C0, DEL, C1) other than tab and line breaks are never typed in a sheet:
  // a binary file.
  if (/[^\P{Cc}\t\n\r]/u.test(text)) {
    throw notASheet(
      'it holds binary data, not text',
      'il contient des données binaires, pas du texte',
    );
  }
  return text.replace(/^\ufeff/, '');
}
