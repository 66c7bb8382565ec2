import type { DocumentContext, DocumentDefinition } from '../documents/document-definition.js';
import { buildBlankForm } from '../engines/acroform/blank-form.js';
import { fillForm, sansRegular } from '../engines/acroform/fill.js';
import type { HtmlEngine } from '../engines/html/html-engine.js';
import type { FieldValue } from '../engines/html/form-fields.js';
import type { FontFile } from '../fonts.js';

export interface FillableFormsDeps {
  html: HtmlEngine;
  fonts: readonly FontFile[];
  covered: ReadonlySet<number>;
}

export interface FillableForms {
  /** The public blank form: fields on the printed template, Liberation Sans embedded whole. */
  blank(document: DocumentDefinition, context: DocumentContext): Promise<Uint8Array>;
  /** The form filled by pdf-lib with the values of the template's marked boxes. */
  fill(
    document: DocumentDefinition,
    context: DocumentContext,
    input: unknown,
    values: Record<string, FieldValue>,
    options: { flatten: boolean },
  ): Promise<Uint8Array>;
}

interface Built {
  /** Served by GET …/blank. */
  blank: Uint8Array;
  /** The same fields without the whole font: fillForm embeds the font (a subset when flattened). */
  base: Uint8Array;
}

/**
 * The fillable form of each document, made from its own template so that the two engines cannot
 * drift: Chromium prints the blank view model and measures the marked boxes, pdf-lib adds the
 * fields there. Built on first use and cached per blank view model: the texts printed around the
 * fields carry legal figures, so each legal period gets its own form (a handful at most). A failed
 * build is retried next time.
 */
export function createFillableForms(deps: FillableFormsDeps): FillableForms {
  const cache = new Map<string, Promise<Built>>();

  function built(
    document: DocumentDefinition,
    context: DocumentContext,
    input?: unknown,
  ): Promise<Built> {
    if (!document.blankViewModel) throw new Error(`${document.id} has no blank view model`);
    const viewModel = document.blankViewModel(context, input);
    const key = `${document.id}:${JSON.stringify(viewModel)}`;
    let building = cache.get(key);
    if (!building) {
      building = build(document, viewModel);
      cache.set(key, building);
      building.catch(() => cache.delete(key));
    }
    return building;
  }

  async function build(document: DocumentDefinition, viewModel: unknown): Promise<Built> {
    const { pdf, boxes } = await deps.html.layout(document.id, viewModel);
    const [blank, base] = await Promise.all([
      buildBlankForm(pdf, boxes, { font: sansRegular(deps.fonts) }),
      buildBlankForm(pdf, boxes),
    ]);
    return { blank, base };
  }

  return {
    blank: async (document, context) => (await built(document, context)).blank,
    fill: async (document, context, input, values, { flatten }) => {
      const { base } = await built(document, context, input);
      return fillForm(base, values, { flatten, fonts: deps.fonts, covered: deps.covered });
    },
  };
}
