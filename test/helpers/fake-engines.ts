import type { AnnexWorkers } from '../../src/pdf/untrusted/annex-workers.js';
import type { Engine, EngineCapabilities, EngineJob, PdfForms } from '../../src/engines/engine.js';

const CAPABILITIES: Record<string, EngineCapabilities> = {
  html: { fillable: false, editable: false, images: true, uploadedForm: false },
  acroform: { fillable: true, editable: true, images: true, uploadedForm: false },
};

/**
 * An engine that renders nothing real: it records each job and answers `render(job)` (by default
 * it refuses, for tests that must never reach an engine). Same ids and capabilities as the real
 * html and acroform engines, so the catalog offers the documents' declared engines.
 */
export function fakeEngine(
  id: 'html' | 'acroform',
  render: (job: EngineJob) => Promise<Uint8Array> = () =>
    Promise.reject(new Error(`the fake ${id} engine never renders`)),
): Engine & { jobs: EngineJob[] } {
  const jobs: EngineJob[] = [];
  return {
    id,
    jobs,
    capabilities: CAPABILITIES[id] as EngineCapabilities,
    offers: (target) => target.declared.includes(id),
    render: (job) => {
      jobs.push(job);
      return render(job);
    },
    ...(id === 'acroform' ? { blank: () => render({} as EngineJob) } : {}),
  };
}

export const NO_FORMS: PdfForms = {
  fields: () => Promise.reject(new Error('no PDF forms in this test')),
  fill: () => Promise.reject(new Error('no PDF forms in this test')),
};

export const NO_ANNEX_WORKERS: Pick<AnnexWorkers, 'read' | 'append'> = {
  read: () => Promise.reject(new Error('no annexes in this test')),
  append: () => Promise.reject(new Error('no annexes in this test')),
};
