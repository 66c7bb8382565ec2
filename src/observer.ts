/**
 * What the service reports as it works, for whoever measures it: the HTTP edge turns these events
 * into Prometheus metrics (src/edges/http/ops/). The core, the engines and the batch call them
 * and know nothing of metrics; every method is optional, and none may carry personal data (only
 * catalog ids, engine ids, durations and counts).
 */
export interface RenderObserver {
  /** A document went through an engine (annexes and metadata included), well or not. */
  rendered?(event: { document: string; engine: string; ms: number; ok: boolean }): void;
}

export interface PoolObserver {
  /** A render was given a Chromium page after waiting `ms` in the queue (0: a page was free). */
  queueWaited?(ms: number): void;
  /** Chromium started: the first launch, or a replacement (`relaunch`: recycled or crashed). */
  chromiumLaunched?(event: { relaunch: boolean }): void;
  /** Chromium (`browser`) or one page's renderer (`page`) died under us. */
  chromiumCrashed?(event: { kind: 'browser' | 'page' }): void;
}

export interface BatchObserver {
  /** One row of a batch came out: rendered, or refused with its errors. */
  batchRow?(event: { document: string; rendered: boolean }): void;
}

export type Observer = RenderObserver & PoolObserver & BatchObserver;
