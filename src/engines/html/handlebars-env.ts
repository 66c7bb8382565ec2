import Handlebars from 'handlebars';
import { capitals } from '../../shared/capitals.js';
import { formatDateFr, formatEuros } from '../../shared/french-format.js';

/**
 * One isolated Handlebars instance for the service. Helpers only format; they never emit user
 * data unescaped (the only SafeStrings they return are markup built from booleans).
 */
export function createHandlebars(): typeof Handlebars {
  const hbs = Handlebars.create();
  hbs.registerHelper('dateFr', (iso: unknown) =>
    typeof iso === 'string' ? formatDateFr(iso) : '',
  );
  hbs.registerHelper('euros', (cents: unknown) =>
    typeof cents === 'number' ? formatEuros(cents) : '',
  );
  // `field="name"` marks the box as a fillable checkbox (see form-fields.ts); the name comes
  // from the template, and is escaped all the same.
  hbs.registerHelper('checkbox', (checked: unknown, options: Handlebars.HelperOptions) => {
    const state = checked ? 'checked' : 'unchecked';
    const { field, exclusive } = options.hash as { field?: unknown; exclusive?: unknown };
    // `exclusive=true`: one choice of several (F or M, OUI or NON), the boxes of the same parent
    // path (jeune.sexe.F, jeune.sexe.M) make one radio group in the fillable form.
    const group =
      typeof field === 'string' && exclusive === true && field.includes('.')
        ? ` data-group="${hbs.escapeExpression(field.slice(0, field.lastIndexOf('.')))}"`
        : '';
    const marker =
      typeof field === 'string'
        ? ` data-field="${hbs.escapeExpression(field)}" data-type="checkbox"${group}`
        : '';
    return new hbs.SafeString(
      `<span class="checkbox checkbox--${state}" role="img" aria-label="${state}"${marker}></span>`,
    );
  });
  // `{{image "signature"}}`: the request's image for that box (a data: URI made by the service
  // from a checked, re-encoded file), or nothing. Scaled to fit its box by print.css.
  hbs.registerHelper('image', (name: unknown, options: Handlebars.HelperOptions) => {
    const images = (options.data as { images?: Record<string, string> } | undefined)?.images;
    const source = typeof name === 'string' ? images?.[name] : undefined;
    if (!source?.startsWith('data:image/')) return '';
    return new hbs.SafeString(
      `<img class="placed-image" src="${hbs.escapeExpression(source)}" alt="">`,
    );
  });
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  // Capitals by the service's one rule (src/shared/capitals.ts): the case changes, never the
  // letters ("Strauß" → "STRAUß"). Never CSS text-transform on user data: it writes ß as SS.
  hbs.registerHelper('upper', (text: unknown) => (typeof text === 'string' ? capitals(text) : ''));
  return hbs;
}
