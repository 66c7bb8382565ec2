/** The browser pool's failures, each meaning one answer to the client (see src/errors.ts). */

/** Every page is busy and the waiting line is full: the client should come back later (429). */
export class PoolSaturatedError extends Error {
  override name = 'PoolSaturatedError';
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super(
      `All Chromium pages are busy and the render queue is full; retry in ${retryAfterSeconds} s`,
    );
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** A render (or its wait for a free page) passed its deadline; the page it used is discarded. */
export class RenderTimeoutError extends Error {
  override name = 'RenderTimeoutError';
}

/** The pool was closed (shutdown): no new render starts. */
export class PoolClosedError extends Error {
  override name = 'PoolClosedError';

  constructor(message = 'The browser pool is closed') {
    super(message);
  }
}

/** Chromium could not be launched, or died under a render. The message names the binary. */
export class BrowserUnavailableError extends Error {
  override name = 'BrowserUnavailableError';
}

/**
 * The renderer of a page died under a render (killed, out of memory, crashed) while Chromium
 * lives on; puppeteer says "Printing failed", "Target closed", "Session closed"… Worth one retry
 * on a fresh page, as a Chromium that exited is worth one on a new Chromium.
 */
export class PageCrashedError extends BrowserUnavailableError {
  override name = 'PageCrashedError';
}
