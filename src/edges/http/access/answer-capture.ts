import type { Response } from 'express';
import type { KeptAnswer } from './idempotency-store.js';

/** The headers a replay sends again (Cache-Control and the rest are set per answer by the app). */
const KEPT_HEADERS = [
  'content-type',
  'content-disposition',
  'paperasse-warnings',
  'paperasse-batch',
  // A job's 202 names the job there: a replay points to the same one.
  'location',
];

/**
 * Copies what an answer writes, up to `limit` bytes: past it (a large batch ZIP, streamed) the
 * copy is dropped and the answer goes on unkept. Memory: at most `limit` per answer in flight.
 */
export function captureAnswer(res: Response, limit: number): () => KeptAnswer | undefined {
  const chunks: Buffer[] = [];
  let size = 0;
  let overflow = false;
  const keep = (chunk: unknown, encoding: unknown): void => {
    if (overflow || chunk === undefined || chunk === null || typeof chunk === 'function') return;
    const bytes =
      typeof chunk === 'string'
        ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
        : Buffer.from(
            (chunk as Uint8Array).buffer,
            (chunk as Uint8Array).byteOffset,
            (chunk as Uint8Array).byteLength,
          );
    size += bytes.length;
    if (size > limit) {
      overflow = true;
      chunks.length = 0;
    } else chunks.push(bytes);
  };
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    return write(chunk, ...rest);
  }) as Response['write'];
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    return end(chunk, ...rest);
  }) as Response['end'];
  return () => {
    if (overflow) return undefined;
    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = res.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    return { status: res.statusCode, headers, body: Buffer.concat(chunks) };
  };
}
