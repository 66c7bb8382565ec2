import { CoreError, translating } from '../../core/errors.js';
import type { Engine, PrintedTemplates } from '../engine.js';
import { dataUri } from '../raster-image.js';
import type { BrowserPool } from './browser-pool.js';
import type { HtmlEngine } from './html-engine.js';
import { poolRefusal } from './refusals.js';

/** engine=html: Chromium prints the document's template, images in their boxes. */
export function htmlEngine(templates: HtmlEngine, pool: BrowserPool): Engine {
  return {
    id: 'html',
    capabilities: { fillable: false, editable: false, images: true, uploadedForm: false },
    offers: (target) => target.declared.includes('html'),
    render: (job) =>
      translating(
        () =>
          templates.render(job.template, job.viewModel, {
            signal: job.signal,
            images: Object.fromEntries(
              [...job.images].map(([box, image]) => [box, dataUri(image)]),
            ),
            annexes: job.annexCaptions,
          }),
        poolRefusal,
      ),
    saturated: () => {
      const saturated = pool.saturated();
      const refusal = saturated && poolRefusal(saturated);
      return refusal instanceof CoreError ? refusal : undefined;
    },
    checkReady: () => pool.checkReady(),
    warmUp: () => pool.warmUp(),
    close: () => pool.close(),
  };
}

/** The templates as other engines build on them, pool failures said as CoreErrors. */
export function printedTemplates(templates: HtmlEngine): PrintedTemplates {
  return {
    fieldValues: (template, viewModel) => templates.fieldValues(template, viewModel),
    layout: (template, viewModel) =>
      translating(() => templates.layout(template, viewModel), poolRefusal),
  };
}
