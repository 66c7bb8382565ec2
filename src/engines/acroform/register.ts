import { translating } from '../../core/errors.js';
import type { Engine, PdfForms } from '../engine.js';
import type { FillableForms } from './fillable-forms.js';
import { formRefusal } from './refusals.js';

/**
 * engine=acroform: the fillable form made from the document's own template, filled (flattened by
 * default: the fast path) or left editable. Building a form prints its template once.
 */
export function acroformEngine(forms: FillableForms): Engine {
  return {
    id: 'acroform',
    capabilities: { fillable: true, editable: true, images: true, uploadedForm: false },
    offers: (target) => target.declared.includes('acroform'),
    render: (job) => translating(() => forms.fill(job), formRefusal),
    check: (job) => translating(() => forms.check(job), formRefusal),
    blank: (job) => translating(() => forms.blank(job.template, job.blankViewModel), formRefusal),
  };
}

/**
 * Any AcroForm PDF, inspected or filled with pdf-lib's form API and the fonts of fonts/, in the
 * PDF workers (form-workers.ts): an uploaded form is a stranger's file.
 */
export function acroformTools(workers: PdfForms): PdfForms {
  return {
    fields: (pdf) => translating(() => workers.fields(pdf), formRefusal),
    fill: (pdf, values, options) =>
      translating(() => workers.fill(pdf, values, options), formRefusal),
  };
}
