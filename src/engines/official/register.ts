import type { Engine, PrintedTemplates } from '../engine.js';
import type { OfficialForms } from './official-forms.js';

/**
 * engine=official: an official fillable PDF the request uploads, filled through the template's
 * mapping (templates/<id>/official-*.json) from the values its template prints.
 */
export function officialEngine(forms: OfficialForms, templates: PrintedTemplates): Engine {
  return {
    id: 'official',
    capabilities: { fillable: false, editable: true, images: false, uploadedForm: true },
    offers: (target) => forms.has(target.template),
    render: (job) =>
      forms.fill(job.template, templates.fieldValues(job.template, job.viewModel), {
        form: job.form,
        flatten: job.flatten,
      }),
  };
}
