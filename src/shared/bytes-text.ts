/** "10 Mo", "1,5 Mo", "512 Ko": a byte limit as a person reads it (binary units, as the config's). */
export function bytesText(bytes: number): string {
  const mega = bytes / (1024 * 1024);
  if (mega >= 1) return `${Number.isInteger(mega) ? mega : mega.toFixed(1).replace('.', ',')} Mo`;
  return `${Math.ceil(bytes / 1024)} Ko`;
}
