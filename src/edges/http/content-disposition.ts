/**
 * `attachment; filename="ascii"; filename*=UTF-8''…` (RFC 6266): old clients get the name
 * without accents, modern ones the exact one. Quotes, slashes and control characters are dropped.
 */
export function contentDisposition(baseName: string, extension = 'pdf'): string {
  const clean =
    baseName
      .normalize('NFC')
      // Control characters would split the header; the rest are unsafe in file names.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f"\\/:*?<>|]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 150) || 'document';
  const ascii = clean
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_');
  const encoded = encodeURIComponent(`${clean}.${extension}`).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}.${extension}"; filename*=UTF-8''${encoded}`;
}
