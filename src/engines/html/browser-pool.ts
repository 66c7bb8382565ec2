import { ChromiumExitedError, ChromiumPages, type Lease } from './chromium-pages.js';
import {
  chromiumFailure,
  printPdf,
  watchCrash,
  type PdfOptions,
  type RenderPage,
} from './chromium.js';
import type { FieldBox } from '../field-box.js';
import { measureBoxes } from './measure-boxes.js';
import {
  BrowserUnavailableError,
  PageCrashedError,
  PoolClosedError,
  RenderTimeoutError,
  type PoolSaturatedError,
} from './pool-errors.js';
import { RenderQueue, type Release } from './render-queue.js';
import type { PoolObserver } from '../../observer.js';

export type { PdfOptions } from './chromium.js';
export type { FieldBox } from '../field-box.js';
export {
  BrowserUnavailableError,
  PageCrashedError,
  PoolClosedError,
  PoolSaturatedError,
  RenderTimeoutError,
} from './pool-errors.js';

/** pino-compatible. Only job ids, durations, sizes and error messages are logged, never HTML. */
export interface PoolLogger {
  debug?(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface BrowserPoolOptions {
  /** chromium-headless-shell (`headless: 'shell'`, preferred) or chromium (`headless: true`). */
  executablePath: string;
  /** Pages printing at once. */
  concurrency: number;
  /** Renders waiting for a page beyond `concurrency`; one more is refused (PoolSaturatedError). */
  queueLimit: number;
  /** Deadline of a render, and separately of its wait for a page (RenderTimeoutError). */
  renderTimeoutMs: number;
  /** A page is closed and replaced after this many renders (500 if 0). */
  recycleAfter: number;
  /** Chromium is relaunched, once its renders are done, after this many; 10 × recycleAfter. */
  relaunchAfter?: number;
  /** Where the temporary Chromium profile is created; the OS temp dir by default. */
  tmpDir?: string;
  /**
   * When given, the only fonts Chromium sees (a fontconfig file in its profile): templates name
   * the family with no `@font-face`, and no system font stands in. ~8× faster than data: URI
   * fonts (measured, one A4 page: 28 ms against 230 ms for the four Liberation Sans faces).
   */
  fontDirs?: readonly string[];
  logger?: PoolLogger;
  /** Told of queue waits, launches and crashes (metrics); nothing by default. */
  observer?: PoolObserver;
}

export interface RenderOptions extends PdfOptions {
  /** Stops waiting; the render runs on to its end or deadline, then its page is reused. */
  signal?: AbortSignal;
  /** Correlates the log lines with a request; a counter by default. */
  jobId?: string;
}

export interface PoolStats {
  busy: number;
  idle: number;
  queued: number;
  launches: number;
}

export interface BrowserPool {
  renderPdf(html: string, options?: RenderOptions): Promise<Uint8Array>;
  /**
   * The boxes of the elements `selector` matches, as printed on A4 (see `measureBoxes`). For our
   * own templates (fillable forms are built from them once), on a pooled page, under the same
   * deadline and queue as a render.
   */
  measure(html: string, selector: string): Promise<FieldBox[]>;
  /** Can Chromium render now? Any render that succeeded in the last 5 s, else a tiny one. */
  checkReady(): Promise<boolean>;
  /** Launches Chromium and renders a tiny page; rejects with BrowserUnavailableError. */
  warmUp(): Promise<void>;
  stats(): PoolStats;
  /**
   * The refusal a render would meet now (every page busy, the line full), or undefined: lets a
   * caller refuse before doing the work a render needs (reading an upload). Advisory: the queue
   * may fill in between, and renderPdf then refuses as usual.
   */
  saturated(): PoolSaturatedError | undefined;
  /** Idempotent. Closes pages and Chromium (killed after 3 s), removes its profile directory. */
  close(): Promise<void>;
}

/** Lazy: Chromium starts with the first render, `checkReady()` or `warmUp()`. */
export function createBrowserPool(options: BrowserPoolOptions): BrowserPool {
  return new ChromiumPool(options);
}

const READY_CACHE_MS = 5_000;
const PROBE_HTML = '<!doctype html><html><head><meta charset="utf-8"></head><body>ok</body></html>';
const SILENT: PoolLogger = { info() {}, warn() {}, error() {} };

interface Job<T> {
  work: (slot: RenderPage, deadline: number) => Promise<T>;
  jobId: string;
  deadline: number;
  expired: Promise<never>;
}

class ChromiumPool implements BrowserPool {
  readonly #timeoutMs: number;
  readonly #log: PoolLogger;
  readonly #observer: PoolObserver;
  readonly #queue: RenderQueue;
  readonly #pages: ChromiumPages;
  #closing: Promise<void> | null = null;
  #jobCount = 0;
  #ready: { ok: boolean; at: number } | null = null;
  #probing: Promise<boolean> | null = null;

  constructor(options: BrowserPoolOptions) {
    const recycleAfter = Math.max(1, Math.floor(options.recycleAfter || 500));
    this.#timeoutMs = options.renderTimeoutMs;
    this.#log = options.logger ?? SILENT;
    this.#observer = options.observer ?? {};
    this.#queue = new RenderQueue({
      concurrency: Math.max(1, Math.floor(options.concurrency)),
      queueLimit: Math.max(0, Math.floor(options.queueLimit)),
      waitTimeoutMs: options.renderTimeoutMs,
    });
    this.#pages = new ChromiumPages({
      executablePath: options.executablePath,
      tmpDir: options.tmpDir,
      fontDirs: options.fontDirs,
      recycleAfter,
      relaunchAfter: options.relaunchAfter ?? 10 * recycleAfter,
      logger: this.#log,
      observer: this.#observer,
    });
  }

  async renderPdf(html: string, options: RenderOptions = {}): Promise<Uint8Array> {
    const { signal, jobId = `render-${++this.#jobCount}`, ...pdf } = options;
    if (this.#closing) throw new PoolClosedError();
    signal?.throwIfAborted();
    const queued = performance.now();
    const release = await this.#queue.acquire(jobId, signal).catch((error: unknown) => {
      if (error instanceof RenderTimeoutError) {
        this.#log.warn({ jobId, err: error.message }, 'render waited too long for a page');
      }
      throw error;
    });
    this.#observer.queueWaited?.(performance.now() - queued);
    if (signal?.aborted) {
      release();
      throw signal.reason;
    }
    const rendering = this.#run(printing(html, pdf), jobId, release);
    return signal ? abandonOnAbort(rendering, signal) : rendering;
  }

  async measure(html: string, selector: string): Promise<FieldBox[]> {
    const jobId = `measure-${++this.#jobCount}`;
    if (this.#closing) throw new PoolClosedError();
    const release = await this.#queue.acquire(jobId);
    return this.#run(
      (slot, deadline) => measureBoxes(slot.page, html, selector, deadline),
      jobId,
      release,
    );
  }

  async checkReady(): Promise<boolean> {
    if (this.#closing) return false;
    if (this.#ready && Date.now() - this.#ready.at < READY_CACHE_MS) return this.#ready.ok;
    this.#probing ??= this.warmUp()
      .then(
        () => true,
        (error: unknown) => {
          this.#ready = { ok: false, at: Date.now() };
          this.#log.warn({ err: toError(error).message }, 'Chromium is not ready');
          return false;
        },
      )
      .finally(() => (this.#probing = null));
    return this.#probing;
  }

  async warmUp(): Promise<void> {
    if (this.#closing) throw new PoolClosedError();
    // Past the queue limit: a health check is not refused because clients fill the queue.
    const release = await this.#queue.acquire('ready-check', undefined, true);
    await this.#run(printing(PROBE_HTML, {}), 'ready-check', release);
  }

  stats(): PoolStats {
    const { busy, queued } = this.#queue;
    return { busy, idle: this.#pages.idle, queued, launches: this.#pages.launches };
  }

  saturated(): PoolSaturatedError | undefined {
    return this.#closing ? undefined : this.#queue.refusal();
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#queue.rejectAll(() => new PoolClosedError());
      await this.#pages.close();
      this.#log.info({ launches: this.#pages.launches }, 'browser pool closed');
    })();
    return this.#closing;
  }

  /** One deadline for the whole render, its one retry included; the slot is released at the end. */
  async #run<T extends Uint8Array | FieldBox[]>(
    work: Job<T>['work'],
    jobId: string,
    release: Release,
  ): Promise<T> {
    const started = performance.now();
    const deadline = started + this.#timeoutMs;
    const expiry = expireAt(deadline, `${jobId} exceeded ${this.#timeoutMs} ms`);
    const job: Job<T> = { work, jobId, deadline, expired: expiry.promise };
    try {
      const { result, blockedRequests } = await this.#attempt(job).catch((error: unknown) => {
        const retried = error instanceof ChromiumExitedError || error instanceof PageCrashedError;
        if (!retried || this.#closing) throw error;
        const on = error instanceof PageCrashedError ? 'a fresh page' : 'a new Chromium';
        this.#log.warn({ jobId, err: error.message }, `retrying on ${on}`);
        return this.#attempt(job);
      });
      const size = result instanceof Uint8Array ? result.byteLength : result.length;
      this.#succeeded(jobId, started, size, blockedRequests);
      return result;
    } catch (error) {
      const failure = this.#closing
        ? new PoolClosedError('The browser pool closed during the render')
        : toError(error);
      this.#failed(jobId, started, failure);
      throw failure;
    } finally {
      expiry.cancel();
      release();
    }
  }

  /**
   * One try on one page. Failures come out as the pool's errors: Chromium gone
   * (ChromiumExitedError), the page's renderer gone (PageCrashedError), past the deadline
   * (RenderTimeoutError); see chromiumFailure.
   */
  async #attempt<T>(job: Job<T>): Promise<{ result: T; blockedRequests: number }> {
    let lease: Lease | undefined;
    let crash: ReturnType<typeof watchCrash> | undefined;
    try {
      const taking = this.#pages.take();
      lease = await Promise.race([taking, job.expired]).catch((error: unknown) => {
        // Launched or opened too late for this render: the page serves the next one.
        taking.then(
          (late) => this.#pages.giveBack(late),
          () => undefined,
        );
        throw error;
      });
      crash = watchCrash(lease.slot);
      const working = job.work(lease.slot, job.deadline);
      // A renderer that dies mid-render may leave puppeteer waiting: the crash ends the race.
      const result = await Promise.race([working, job.expired, crash.crashed]);
      const { blockedRequests } = lease.slot;
      this.#pages.giveBack(lease);
      return { result, blockedRequests };
    } catch (error) {
      if (lease) this.#pages.discard(lease, job.jobId);
      const gone = lease && this.#pages.isGone(lease) && !(error instanceof RenderTimeoutError);
      const failure = gone ? this.#pages.exited(error) : chromiumFailure(error);
      // A gone Chromium is counted where its disconnection is seen (chromium-pages.ts).
      if (failure instanceof PageCrashedError) this.#observer.chromiumCrashed?.({ kind: 'page' });
      throw failure;
    } finally {
      crash?.stop();
    }
  }

  #succeeded(jobId: string, started: number, bytes: number, blockedRequests: number): void {
    const ms = Math.round(performance.now() - started);
    this.#queue.recordDuration(ms);
    this.#ready = { ok: true, at: Date.now() };
    this.#log.debug?.({ jobId, ms, bytes }, 'pdf rendered');
    if (blockedRequests > 0) {
      this.#log.warn({ jobId, blockedRequests }, 'the document asked for the network: refused');
    }
  }

  #failed(jobId: string, started: number, error: Error): void {
    const ms = Math.round(performance.now() - started);
    if (error instanceof BrowserUnavailableError) this.#ready = { ok: false, at: Date.now() };
    const level =
      error instanceof PoolClosedError
        ? 'info'
        : error instanceof RenderTimeoutError
          ? 'warn'
          : 'error';
    this.#log[level]({ jobId, ms, err: error.message, kind: error.name }, 'render failed');
  }
}

function printing(html: string, pdf: PdfOptions): Job<Uint8Array>['work'] {
  return (slot, deadline) => printPdf(slot.page, html, pdf, deadline);
}

/** A timer that rejects with RenderTimeoutError; cancel it once the render is over. */
function expireAt(deadline: number, message: string) {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RenderTimeoutError(message)), deadline - performance.now());
  });
  promise.catch(() => undefined);
  return { promise, cancel: () => clearTimeout(timer) };
}

/** The caller stops waiting; the render itself runs on to its end or its deadline. */
function abandonOnAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
