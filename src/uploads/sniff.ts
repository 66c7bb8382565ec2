/** What an upload is, judged by its first bytes only: names and declared types can lie. */
export type UploadKind = 'png' | 'jpeg' | 'pdf';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SOI = [0xff, 0xd8, 0xff];
const PDF_HEADER = Buffer.from('%PDF-', 'latin1');
/** Readers accept the PDF header anywhere in the first 1024 bytes (ISO 32000-2 §7.5.2 note). */
const PDF_HEADER_WINDOW = 1024;

export function sniffKind(bytes: Uint8Array): UploadKind | undefined {
  if (startsWith(bytes, PNG_SIGNATURE)) return 'png';
  if (startsWith(bytes, JPEG_SOI)) return 'jpeg';
  const head = Buffer.from(
    bytes.buffer,
    bytes.byteOffset,
    Math.min(bytes.length, PDF_HEADER_WINDOW),
  );
  if (head.indexOf(PDF_HEADER) !== -1) return 'pdf';
  return undefined;
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return (
    bytes.length >= signature.length && signature.every((byte, index) => bytes[index] === byte)
  );
}
