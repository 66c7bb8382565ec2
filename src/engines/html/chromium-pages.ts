import type { PoolObserver } from '../../observer.js';
import type { PoolLogger } from './browser-pool.js';
import {
  closeChromium,
  launchChromium,
  openRenderPage,
  settleWithin,
  type ChromiumInstance,
  type RenderPage,
} from './chromium.js';
import { BrowserUnavailableError, PoolClosedError } from './pool-errors.js';

const CLOSE_GRACE_MS = 3_000;
const LAUNCH_TIMEOUT_MS = 30_000;

export interface ChromiumPagesOptions {
  executablePath: string;
  tmpDir: string | undefined;
  fontDirs: readonly string[] | undefined;
  recycleAfter: number;
  relaunchAfter: number;
  logger: PoolLogger;
  observer: PoolObserver;
}

/** One launched Chromium, its idle pages, and the renders in flight on it. */
interface BrowserHandle {
  chromium: ChromiumInstance;
  generation: number;
  idle: RenderPage[];
  inflight: number;
  served: number;
  /** Takes no new render; closed once its renders in flight are done. */
  retired: boolean;
  closing: Promise<void> | null;
}

/** A page lent to one render: give it back on success, discard it otherwise. */
export interface Lease {
  readonly handle: BrowserHandle;
  readonly slot: RenderPage;
}

/** Chromium vanished (crash, OOM kill) under a render: worth one retry on a fresh one. */
export class ChromiumExitedError extends BrowserUnavailableError {}

/**
 * One long-lived Chromium and its reused pages. Chromium is launched on demand; a failed launch
 * is retried by the next render; a crashed or retired Chromium is closed and replaced.
 */
export class ChromiumPages {
  readonly #options: ChromiumPagesOptions;
  readonly #log: PoolLogger;
  readonly #handles = new Set<BrowserHandle>();
  #current: Promise<BrowserHandle> | null = null;
  #generation = 0;
  #launches = 0;
  #closed = false;

  constructor(options: ChromiumPagesOptions) {
    this.#options = options;
    this.#log = options.logger;
  }

  get launches(): number {
    return this.#launches;
  }

  get idle(): number {
    const current = [...this.#handles].find((handle) => !handle.retired);
    return current?.idle.length ?? 0;
  }

  async take(): Promise<Lease> {
    let handle = await this.#browser();
    if (!handle.chromium.browser.connected) {
      // Died before its 'disconnected' event was handled: replace it now.
      void this.#shutdown(handle);
      handle = await this.#browser();
    }
    handle.inflight += 1;
    let idle = handle.idle.pop();
    while (idle?.crashed) {
      // Its renderer died while it waited: never lent again.
      void idle.page.close().catch(() => undefined);
      idle = handle.idle.pop();
    }
    if (idle) return { handle, slot: idle };
    try {
      return { handle, slot: await openRenderPage(handle.chromium.browser) };
    } catch (error) {
      handle.inflight -= 1;
      this.#closeIfDrained(handle);
      if (handle.chromium.browser.connected) throw error;
      throw this.exited(error);
    }
  }

  /** Whether the Chromium that lent this page is gone. */
  isGone(lease: Lease): boolean {
    return !lease.handle.chromium.browser.connected;
  }

  exited(cause: unknown): ChromiumExitedError {
    const path = this.#options.executablePath;
    return new ChromiumExitedError(`Chromium (${path}) exited during the render`, { cause });
  }

  /** A page that served well goes back to the pool, unless it reached `recycleAfter`. */
  giveBack({ handle, slot }: Lease): void {
    handle.inflight -= 1;
    handle.served += 1;
    slot.uses += 1;
    slot.blockedRequests = 0;
    if (handle.served >= this.#options.relaunchAfter) this.#retire(handle);
    if (!handle.retired && slot.uses < this.#options.recycleAfter) handle.idle.push(slot);
    else void slot.page.close().catch(() => undefined);
    this.#closeIfDrained(handle);
  }

  /** A page that failed or timed out is never reused. If it will not close, Chromium is stuck. */
  discard({ handle, slot }: Lease, jobId: string): void {
    handle.inflight -= 1;
    if (slot.page.isClosed() || !handle.chromium.browser.connected) {
      this.#closeIfDrained(handle);
      return;
    }
    void settleWithin(slot.page.close(), CLOSE_GRACE_MS).then((settled) => {
      if (settled === 'timeout') {
        const { pid } = handle.chromium;
        this.#log.error({ jobId, pid }, 'page will not close: killing Chromium');
        void this.#shutdown(handle);
      }
      this.#closeIfDrained(handle);
    });
  }

  /** Closes every Chromium, waiting for one being launched; no later launch happens. */
  async close(): Promise<void> {
    this.#closed = true;
    const launching = this.#current;
    this.#current = null;
    await launching?.catch(() => undefined);
    await Promise.all([...this.#handles].map((handle) => this.#shutdown(handle)));
  }

  #browser(): Promise<BrowserHandle> {
    if (this.#closed) return Promise.reject(new PoolClosedError());
    if (!this.#current) {
      const launching = this.#launch();
      this.#current = launching;
      launching.catch(() => {
        if (this.#current === launching) this.#current = null;
      });
    }
    return this.#current;
  }

  async #launch(): Promise<BrowserHandle> {
    const started = performance.now();
    const generation = ++this.#generation;
    const { executablePath, tmpDir, fontDirs } = this.#options;
    const options = { executablePath, tmpDir, fontDirs, timeoutMs: LAUNCH_TIMEOUT_MS };
    const chromium = await launchChromium(options).catch((error: unknown) => {
      const err = error instanceof Error ? error.message : String(error);
      this.#log.error({ executablePath, err }, 'Chromium launch failed');
      throw error;
    });
    const handle: BrowserHandle = {
      chromium,
      generation,
      idle: [],
      inflight: 0,
      served: 0,
      retired: false,
      closing: null,
    };
    this.#handles.add(handle);
    this.#options.observer.chromiumLaunched?.({ relaunch: this.#launches > 0 });
    this.#launches += 1;
    chromium.browser.once('disconnected', () => this.#onDisconnected(handle));
    const ms = Math.round(performance.now() - started);
    const { binary, pid } = chromium;
    this.#log.info({ executablePath, binary, pid, ms }, 'Chromium launched');
    if (this.#closed) {
      await this.#shutdown(handle);
      throw new PoolClosedError();
    }
    return handle;
  }

  /** Crash, kill, or our own close: the next render launches a new Chromium. */
  #onDisconnected(handle: BrowserHandle): void {
    if (!handle.closing && !this.#closed) {
      const { pid } = handle.chromium;
      this.#log.error({ pid }, 'Chromium disconnected: the next render relaunches it');
      this.#options.observer.chromiumCrashed?.({ kind: 'browser' });
    }
    void this.#shutdown(handle);
  }

  /** No new render on this Chromium; the next one launches another. */
  #retire(handle: BrowserHandle): void {
    if (handle.retired) return;
    handle.retired = true;
    if (handle.generation === this.#generation) this.#current = null;
  }

  #closeIfDrained(handle: BrowserHandle): void {
    if (handle.retired && handle.inflight === 0) void this.#shutdown(handle);
  }

  /** Idempotent: kills Chromium if it will not close, removes its profile directory. */
  #shutdown(handle: BrowserHandle): Promise<void> {
    this.#retire(handle);
    handle.idle = [];
    handle.closing ??= closeChromium(handle.chromium, CLOSE_GRACE_MS).finally(() => {
      this.#handles.delete(handle);
    });
    return handle.closing;
  }
}
