import { translating } from '../../core/errors.js';
import { formRefusal } from '../acroform/refusals.js';
import type { Engine } from '../engine.js';
import type { HtmlEngine } from '../html/html-engine.js';
import type { OfficialForms } from './official-forms.js';

/**
 * engine=official: an official fillable PDF the request uploads, filled through the template's
 * mapping (templates/<id>/official-*.json) from the values its template prints.
 */
export function officialEngine(forms: OfficialForms, templates: HtmlEngine): Engine {
  return {
    id: 'official',
    capabilities: { fillable: false, editable: true, images: false, uploadedForm: true },
    offers: (target) => forms.has(target.template),
    render: (job) =>
      translating(
        () =>
          forms.fill(job.template, templates.fieldValues(job.template, job.viewModel), {
            form: job.form,
            flatten: job.flatten,
          }),
        formRefusal,
      ),
  };
}
