import { buildBlankForm, choiceGroups, optionOf } from './blank-form.js';
import { fillForm } from './fill.js';
import { fillFlatForm, overflowing, prepareFlatForm, type FlatForm } from './flat-form.js';
import { FormValuesError } from './errors.js';
import { frenchAlphabet } from './glyph-table.js';
import { toImageXObject } from './image-xobject.js';
import { placeImages } from './place-images.js';
import type { RasterImage } from '../raster-image.js';
import type { FieldBox } from '../field-box.js';
import type { FieldValue } from '../field-box.js';
import { sansFace, type FontFile } from '../../fonts.js';
import type { EngineJob, PrintedTemplates } from '../engine.js';

export interface FillableFormsDeps {
  html: PrintedTemplates;
  fonts: readonly FontFile[];
  covered: ReadonlySet<number>;
}

export interface FillableForms {
  /** Refuses (FormValuesError) the values that do not fit their box at a legible size. */
  check(job: EngineJob): Promise<void>;
  /** The public blank form: fields on the printed template, Liberation Sans embedded whole. */
  blank(template: string, blankViewModel: unknown): Promise<Uint8Array>;
  /**
   * The form of `job.blankViewModel`, filled with the values the template prints for
   * `job.viewModel` (its marked boxes) and the images in their boxes.
   */
  fill(job: EngineJob): Promise<Uint8Array>;
}

/** What is built once per document and legal period. */
interface Built {
  printed: Uint8Array;
  boxes: FieldBox[];
  /** Served by GET …/blank. */
  blank: Uint8Array;
  /** The same fields without fonts, for the editable fill (pdf-lib embeds the font it needs). */
  fields: Uint8Array;
  /** The flattened fill's prepared form, French alphabet (see flat-form.ts). */
  flat: FlatForm;
  /** The same with every character of the fonts, built the first time a value needs it. */
  whole?: Promise<FlatForm>;
}

/**
 * The fillable form of each document, made from its own template so that the two engines cannot
 * drift: Chromium prints the blank view model and measures the marked boxes, pdf-lib adds the
 * fields there. Built on first use and cached per blank view model: the texts printed around the
 * fields carry legal figures, so each legal period gets its own form (a handful at most). A failed
 * build is retried next time.
 *
 * Flattened (the default) is the fast path: the values are drawn on the prepared printed form
 * and appended as an incremental update (flat-form.ts). Editable goes through pdf-lib's form API.
 */
export function createFillableForms(deps: FillableFormsDeps): FillableForms {
  const cache = new Map<string, Promise<Built>>();
  const faces = {
    regular: sansFace(deps.fonts, { bold: false }),
    bold: sansFace(deps.fonts, { bold: true }),
  };
  const covered = [...deps.covered];
  const french = [...frenchAlphabet()].filter((code) => deps.covered.has(code));

  function built(template: string, blankViewModel: unknown): Promise<Built> {
    if (blankViewModel === undefined) throw new Error(`${template}: no blank view model`);
    const key = `${template}:${JSON.stringify(blankViewModel)}`;
    let building = cache.get(key);
    if (!building) {
      building = build(template, blankViewModel);
      cache.set(key, building);
      building.catch(() => cache.delete(key));
    }
    return building;
  }

  async function build(template: string, viewModel: unknown): Promise<Built> {
    const { pdf: printed, boxes } = await deps.html.layout(template, viewModel);
    const [blank, fields, flat] = await Promise.all([
      buildBlankForm(printed, boxes, { faces, alphabet: covered }),
      buildBlankForm(printed, boxes),
      prepareFlatForm(printed, boxes, { faces, alphabet: french }),
    ]);
    return { printed, boxes, blank, fields, flat };
  }

  async function fillFlat(
    form: Built,
    values: Record<string, FieldValue>,
    images: ReadonlyMap<string, RasterImage>,
  ): Promise<Uint8Array> {
    const placed = await Promise.all(
      [...images].map(async ([box, image]) => ({ box, xobject: await toImageXObject(image) })),
    );
    const filled = fillFlatForm(form.flat, values, placed);
    if (filled) return filled;
    // A character outside the French alphabet (Greek, Cyrillic…): draw with the whole fonts.
    if (!form.whole) {
      const building = prepareFlatForm(form.printed, form.boxes, { faces, alphabet: covered });
      form.whole = building;
      building.catch(() => {
        if (form.whole === building) delete form.whole;
      });
    }
    const whole = fillFlatForm(await form.whole, values, placed);
    if (!whole) throw new Error('A value has a character no embedded font covers');
    return whole;
  }

  return {
    blank: async (template, blankViewModel) => (await built(template, blankViewModel)).blank,
    check: async ({ template, viewModel, blankViewModel }) => {
      const form = await built(template, blankViewModel);
      refuseOverflow(form, deps.html.fieldValues(template, viewModel));
    },
    fill: async ({ template, viewModel, blankViewModel, flatten, images }) => {
      const form = await built(template, blankViewModel);
      const values = deps.html.fieldValues(template, viewModel);
      // Flattened or editable, a value that cannot print legibly in its box is refused.
      refuseOverflow(form, values);
      if (flatten) return fillFlat(form, values, images);
      const bold = form.boxes.some((box) => box.type === 'text' && box.text.bold);
      const filled = await fillForm(form.fields, groupedValues(form.boxes, values), {
        flatten,
        bold,
        fonts: deps.fonts,
        covered: deps.covered,
      });
      return placeImages(filled, form.boxes, images);
    },
  };
}

/**
 * The values of the editable form: a grouped box's tick becomes its radio group's option
 * (jeune.sexe.F ticked → jeune.sexe = "F"; none ticked → cleared).
 */
function groupedValues(
  boxes: readonly FieldBox[],
  values: Record<string, FieldValue>,
): Record<string, FieldValue | null> {
  const result: Record<string, FieldValue | null> = { ...values };
  for (const [group, options] of choiceGroups(boxes)) {
    const ticked = options.find((option) => values[option.name] === true);
    for (const option of options) delete result[option.name];
    result[group] = ticked ? optionOf(ticked) : null;
  }
  return result;
}

function refuseOverflow(form: Built, values: Record<string, FieldValue>): void {
  const issues = overflowing(form.flat, values);
  if (issues.length > 0) throw new FormValuesError(issues);
}
