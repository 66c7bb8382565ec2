import { PoolSaturatedError, RenderTimeoutError } from './pool-errors.js';

export interface RenderQueueOptions {
  /** Slots: renders running at once. */
  concurrency: number;
  /** Renders allowed to wait for a slot; one more is refused at once. */
  queueLimit: number;
  /** How long a render may wait for a slot. */
  waitTimeoutMs: number;
}

export type Release = () => void;

interface Waiter {
  grant(): void;
  fail(error: unknown): void;
}

/** Bounded concurrency with a bounded, deadline-limited, abortable waiting line (FIFO). */
export class RenderQueue {
  readonly #options: RenderQueueOptions;
  readonly #waiting: Waiter[] = [];
  #busy = 0;
  #averageMs = 500;

  constructor(options: RenderQueueOptions) {
    this.#options = options;
  }

  get busy(): number {
    return this.#busy;
  }

  get queued(): number {
    return this.#waiting.length;
  }

  /** `force` waits even when the line is full (health checks must not be refused for load). */
  acquire(jobId: string, signal?: AbortSignal, force = false): Promise<Release> {
    if (this.#busy < this.#options.concurrency) {
      this.#busy += 1;
      return Promise.resolve(this.#releaser());
    }
    const refusal = force ? undefined : this.refusal();
    if (refusal) return Promise.reject(refusal);
    return this.#wait(jobId, signal);
  }

  /** The refusal `acquire` would meet now (every slot busy, the line full), or undefined. */
  refusal(): PoolSaturatedError | undefined {
    if (this.#busy < this.#options.concurrency) return undefined;
    if (this.#waiting.length < this.#options.queueLimit) return undefined;
    return new PoolSaturatedError(this.#retryAfterSeconds());
  }

  /** Fails every waiting render (the pool is closing). */
  rejectAll(error: () => Error): void {
    for (const waiter of [...this.#waiting]) waiter.fail(error());
  }

  /** Feeds the Retry-After estimate with the duration of a successful render. */
  recordDuration(ms: number): void {
    this.#averageMs = 0.8 * this.#averageMs + 0.2 * ms;
  }

  #wait(jobId: string, signal: AbortSignal | undefined): Promise<Release> {
    const waitMs = this.#options.waitTimeoutMs;
    return new Promise<Release>((resolve, reject) => {
      const leave = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const index = this.#waiting.indexOf(waiter);
        if (index >= 0) this.#waiting.splice(index, 1);
      };
      const waiter: Waiter = {
        grant: () => (leave(), resolve(this.#releaser())),
        fail: (error) => (leave(), reject(error)),
      };
      const onAbort = () => waiter.fail(signal?.reason);
      const timer = setTimeout(() => {
        waiter.fail(new RenderTimeoutError(`${jobId} waited more than ${waitMs} ms for a page`));
      }, waitMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(waiter);
    });
  }

  /** Hands the slot straight to the first waiter, if any; idempotent. */
  #releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting[0];
      if (next) next.grant();
      else this.#busy -= 1;
    };
  }

  /** About how long the line takes to drain, between 1 and 5 s. */
  #retryAfterSeconds(): number {
    const drainMs = ((this.#waiting.length + 1) * this.#averageMs) / this.#options.concurrency;
    return Math.min(5, Math.max(1, Math.ceil(drainMs / 1000)));
  }
}
