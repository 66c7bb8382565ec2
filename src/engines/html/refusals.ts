import { CoreError } from '../../core/errors.js';
import {
  BrowserUnavailableError,
  PoolClosedError,
  PoolSaturatedError,
  RenderTimeoutError,
} from './pool-errors.js';

/** The browser pool's failures as the client should hear them; anything else is left as it is. */
export function poolRefusal(error: unknown): unknown {
  if (error instanceof PoolSaturatedError) {
    return new CoreError('RENDER_QUEUE_FULL', {
      detail_en: `Every renderer is busy; retry in ${error.retryAfterSeconds} s.`,
      detail_fr: `Tous les moteurs de rendu sont occupés ; réessayez dans ${error.retryAfterSeconds} s.`,
      retryAfterSeconds: error.retryAfterSeconds,
      cause: error,
    });
  }
  if (error instanceof RenderTimeoutError) {
    return new CoreError('RENDER_TIMEOUT', {
      detail_en: 'The document took too long to render; retry later.',
      detail_fr: 'Le rendu du document a pris trop de temps ; réessayez plus tard.',
      retryAfterSeconds: 5,
      cause: error,
    });
  }
  if (error instanceof BrowserUnavailableError || error instanceof PoolClosedError) {
    return new CoreError('RENDERER_UNAVAILABLE', {
      detail_en: 'The PDF renderer is unavailable; retry later.',
      detail_fr: 'Le moteur de rendu PDF est indisponible ; réessayez plus tard.',
      retryAfterSeconds: 5,
      cause: error,
    });
  }
  return error;
}
