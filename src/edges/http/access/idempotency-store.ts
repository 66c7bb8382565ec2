/** An answer kept to be sent again: its status, the headers that matter, its bytes. */
export interface KeptAnswer {
  status: number;
  headers: Readonly<Record<string, string>>;
  body: Buffer;
}

/** A request once answered: what identifies its body, and its answer unless too large to keep. */
export interface Answered {
  fingerprint: string;
  /** Bytes its body hashed to (boundaries replaced): a retry reading past them is another body. */
  bytes: number;
  answer?: KeptAnswer;
}

export type Entry =
  { state: 'running' } | ({ state: 'done'; size: number; expiresAt: number } & Answered);

export interface StoreOptions {
  ttlMs: number;
  /** Total memory the kept answers may take; beyond it the oldest are forgotten. */
  maxBytes: number;
  now?: () => number;
}

/** Counted for every entry besides its answer, so that the number of entries is bounded too. */
const ENTRY_OVERHEAD = 256;

/**
 * The Idempotency-Keys seen, by client and key, in this process's memory only: the answers hold
 * personal data (a PDF with names and NIR), so they are never written anywhere, are forgotten
 * after the TTL (swept by a timer even when no request comes), and take at most `maxBytes`,
 * the oldest forgotten first. A restart forgets them all.
 */
export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();
  private used = 0;
  private readonly now: () => number;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly options: StoreOptions) {
    this.now = options.now ?? Date.now;
    this.timer = setInterval(() => this.sweep(), Math.min(options.ttlMs, 30_000));
    this.timer.unref();
  }

  lookup(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry?.state === 'done' && entry.expiresAt <= this.now()) {
      this.forget(key);
      return undefined;
    }
    return entry;
  }

  /** The first request with this key has started: retries meanwhile are told so. */
  begin(key: string): void {
    this.entries.set(key, { state: 'running' });
  }

  /** The first request was answered: kept (its answer too if it fits) until the TTL. */
  finish(key: string, answered: Answered): void {
    this.forget(key);
    const fits = answered.answer && sizeOf(key, answered.answer) <= this.options.maxBytes;
    const kept: Answered = fits
      ? answered
      : { fingerprint: answered.fingerprint, bytes: answered.bytes };
    const size = sizeOf(key, kept.answer);
    // Inserted last: the Map's order is the order answers were kept, oldest first.
    this.entries.set(key, {
      state: 'done',
      size,
      expiresAt: this.now() + this.options.ttlMs,
      ...kept,
    });
    this.used += size;
    for (const [oldest, entry] of this.entries) {
      if (this.used <= this.options.maxBytes) break;
      if (entry.state === 'done') this.forget(oldest);
    }
  }

  /** The first request failed, or its client left: a retry is a new request. */
  forget(key: string): void {
    const entry = this.entries.get(key);
    if (entry?.state === 'done') this.used -= entry.size;
    this.entries.delete(key);
  }

  /** Forgets every answer past its TTL. */
  sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.state === 'done' && entry.expiresAt <= now) this.forget(key);
    }
  }

  /** Memory the kept entries take, in bytes (for tests and metrics). */
  get size(): number {
    return this.used;
  }

  close(): void {
    clearInterval(this.timer);
    this.entries.clear();
    this.used = 0;
  }
}

function sizeOf(key: string, answer: KeptAnswer | undefined): number {
  if (!answer) return ENTRY_OVERHEAD + key.length;
  const headers = Object.entries(answer.headers).reduce(
    (total, [name, value]) => total + name.length + value.length,
    0,
  );
  return ENTRY_OVERHEAD + key.length + headers + answer.body.length;
}
