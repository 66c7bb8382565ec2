import { createHash, type Hash } from 'node:crypto';
import type { Request } from 'express';

/** What stands for a multipart boundary in the hash (see BodyFingerprint). */
const BOUNDARY_TOKEN = Buffer.from('<boundary>');

/**
 * The SHA-256 of a request as the Idempotency-Key draft asks: method, path, query, content type
 * and the body's bytes as sent, fed while the body is read (nothing kept but the hash and a tail
 * shorter than the boundary).
 *
 * A multipart body's boundary is replaced by a fixed token: clients draw a new random boundary
 * each time they build the request (curl does, so does fetch with FormData), and the same parts
 * sent again are the same request.
 */
export class BodyFingerprint {
  private readonly hash: Hash = createHash('sha256');
  private readonly boundary: Buffer | undefined;
  private tail = Buffer.alloc(0);
  /** Bytes hashed so far (the body after boundary replacement): a longer body is another one. */
  bytes = 0;

  constructor(req: Request) {
    const type = req.get('content-type') ?? '';
    const boundary = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type);
    this.boundary = boundary ? Buffer.from(boundary[1] ?? boundary[2] ?? '', 'latin1') : undefined;
    const query = req.originalUrl.includes('?')
      ? req.originalUrl.slice(req.originalUrl.indexOf('?'))
      : '';
    const head = [
      req.method,
      req.originalUrl.split('?')[0],
      query,
      type.replace(/;\s*boundary=("[^"]+"|[^;\s]+)/i, ''),
      req.get('content-encoding') ?? '',
    ].join('\n');
    this.hash.update(`${head}\n\n`);
  }

  update(chunk: Buffer): void {
    if (!this.boundary || this.boundary.length === 0) {
      this.feed(chunk);
      return;
    }
    const data = this.tail.length > 0 ? Buffer.concat([this.tail, chunk]) : chunk;
    let from = 0;
    for (
      let at = data.indexOf(this.boundary, from);
      at >= 0;
      at = data.indexOf(this.boundary, from)
    ) {
      this.feed(data.subarray(from, at));
      this.feed(BOUNDARY_TOKEN);
      from = at + this.boundary.length;
    }
    // A boundary may start in the last bytes and end in the next chunk: keep them until then.
    const safe = Math.max(from, data.length - (this.boundary.length - 1));
    this.feed(data.subarray(from, safe));
    this.tail = Buffer.from(data.subarray(safe));
  }

  digest(): string {
    this.feed(this.tail);
    this.tail = Buffer.alloc(0);
    return this.hash.digest('hex');
  }

  private feed(bytes: Buffer): void {
    this.hash.update(bytes);
    this.bytes += bytes.length;
  }
}
