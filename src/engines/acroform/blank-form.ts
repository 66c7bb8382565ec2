import fontkit from '@pdf-lib/fontkit';
import {
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFTextField,
  rgb,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib';
import type { FieldBox } from '../field-box.js';
import { tabulateGlyphs } from './glyph-table.js';

/** Where a field goes: a box the HTML engine measured on the printed blank form. */
export type FieldPlacement = FieldBox;

export interface BlankFormOptions {
  /**
   * TrueType faces embedded whole as the fields' fonts, each field in the weight the template
   * prints it, so that a value typed later in a viewer finds its glyphs (the public blank form).
   * Without them the fields name pdf-lib's default font: enough for a form that fillForm fills
   * at once, since it rebuilds every appearance with its own embedded font, and ~400 kB lighter
   * per filled PDF.
   */
  faces?: { regular: Uint8Array; bold: Uint8Array };
  /**
   * Characters a viewer may need: pdf-lib writes widths (/W) and /ToUnicode only for glyphs it
   * encoded, so without this a typed "é" would take a default width in some viewers.
   */
  alphabet?: readonly number[];
}

/** French forms tick a checkbox with the export value "Oui" (pdf-lib names it /Yes). */
export const CHECKBOX_ON_VALUE = 'Oui';

/**
 * Adds an AcroForm field at each placement of a printed blank form: text fields without border
 * or background (the printed dotted line shows through), comb fields, checkboxes whose on-state
 * is /Oui. Field names are used as given; dots make pdf-lib build the parent fields.
 */
export async function buildBlankForm(
  pdf: Uint8Array,
  placements: readonly FieldPlacement[],
  options: BlankFormOptions = {},
): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const fonts = options.faces ? await embedWhole(doc, placements, options) : undefined;
  const form = doc.getForm();
  const pages = doc.getPages();
  const pageOf = (placement: FieldPlacement): PDFPage => {
    const page = pages[placement.page - 1];
    if (!page)
      throw new Error(`Field ${placement.name} is on page ${placement.page}, not in the PDF`);
    return page;
  };
  // Image boxes get no field: images are placed by the service, not typed in a viewer.
  for (const placement of placements.filter((box) => box.type !== 'image' && !box.group)) {
    const page = pageOf(placement);
    if (placement.type === 'checkbox') addCheckBox(doc, page, placement);
    else addTextField(doc, page, placement, fonts?.[placement.text.bold ? 'bold' : 'regular']);
    setTooltip(form.getField(placement.name), placement.label);
  }
  // One choice of several: a radio group, so that a reader lets one box only be ticked.
  for (const [group, options] of choiceGroups(placements)) {
    const radio = form.createRadioGroup(group);
    for (const option of options) {
      radio.addOptionToPage(optionOf(option), pageOf(option), {
        ...rectOf(option),
        ...NO_FRAME,
        textColor: rgb(0, 0, 0),
      });
    }
    // The question, without the choice the first box's label ends with ("Salarié — Sexe : F").
    setTooltip(radio, options[0]?.label?.replace(/ : [^:]*$/, ''));
  }
  if (!fonts) return doc.save();
  for (const field of form.getFields()) {
    if (!(field instanceof PDFTextField)) continue;
    const placement = placements.find((candidate) => candidate.name === field.getName());
    const font = placement && fonts[placement.text.bold ? 'bold' : 'regular'];
    if (font) field.updateAppearances(font);
  }
  return doc.save({ updateFieldAppearances: false });
}

/** The faces the text fields use, embedded whole. */
async function embedWhole(
  doc: PDFDocument,
  placements: readonly FieldPlacement[],
  options: BlankFormOptions,
): Promise<Partial<Record<'regular' | 'bold', PDFFont>>> {
  const { faces, alphabet = [] } = options;
  if (!faces) return {};
  doc.registerFontkit(fontkit);
  const fonts: Partial<Record<'regular' | 'bold', PDFFont>> = {};
  const texts = placements.filter(
    (placement) => placement.type !== 'checkbox' && placement.type !== 'image',
  );
  for (const weight of ['regular', 'bold'] as const) {
    if (!texts.some((placement) => placement.text.bold === (weight === 'bold'))) continue;
    const font = await doc.embedFont(faces[weight], { subset: false });
    tabulateGlyphs(font, alphabet);
    fonts[weight] = font;
  }
  return fonts;
}

const NO_FRAME = { borderWidth: 0, borderColor: undefined, backgroundColor: undefined };

/** The boxes of each exclusive choice, in the template's order, by group name. */
export function choiceGroups(placements: readonly FieldPlacement[]): Map<string, FieldPlacement[]> {
  const groups = new Map<string, FieldPlacement[]>();
  for (const placement of placements) {
    if (placement.type !== 'checkbox' || !placement.group) continue;
    groups.set(placement.group, [...(groups.get(placement.group) ?? []), placement]);
  }
  return groups;
}

/** A grouped box's option: the last segment of its name (jeune.sexe.F → F). */
export function optionOf(placement: FieldPlacement): string {
  return placement.name.slice(placement.name.lastIndexOf('.') + 1);
}

function rectOf({ x, y, width, height }: FieldPlacement) {
  return { x, y, width, height };
}

/** The tooltip (/TU): what readers show on hover and screen readers read for the field. */
function setTooltip(field: { acroField: { dict: PDFDict } }, label: string | undefined): void {
  if (label) field.acroField.dict.set(PDFName.of('TU'), PDFHexString.fromText(label));
}

function addTextField(
  doc: PDFDocument,
  page: PDFPage,
  placement: FieldPlacement,
  font: PDFFont | undefined,
): void {
  const field = doc.getForm().createTextField(placement.name);
  if (placement.maxLength) field.setMaxLength(placement.maxLength);
  if (placement.type === 'comb' && placement.maxLength) field.enableCombing();
  if (placement.multiline) field.enableMultiline();
  const { x, y, width, height } = placement;
  field.addToPage(page, {
    x,
    y,
    width,
    height,
    ...NO_FRAME,
    textColor: rgb(0, 0, 0),
    ...(font ? { font } : {}),
  });
  // The size the template prints values at (a comb or a long value is not shrunk by viewers).
  field.setFontSize(placement.text.size);
}

function addCheckBox(doc: PDFDocument, page: PDFPage, placement: FieldPlacement): void {
  const field = doc.getForm().createCheckBox(placement.name);
  const { x, y, width, height } = placement;
  field.addToPage(page, { x, y, width, height, ...NO_FRAME, textColor: rgb(0, 0, 0) });
  for (const widget of field.acroField.getWidgets()) renameOnState(widget.dict, CHECKBOX_ON_VALUE);
}

/** pdf-lib names a checkbox's on-state /Yes; French forms use /Oui. */
export function renameOnState(widget: PDFDict, onValue: string): void {
  const ap = widget.lookupMaybe(PDFName.of('AP'), PDFDict);
  for (const key of ['N', 'D']) {
    const states = ap?.lookupMaybe(PDFName.of(key), PDFDict);
    const on = states?.get(PDFName.of('Yes'));
    if (!states || !on) continue;
    states.set(PDFName.of(onValue), on);
    states.delete(PDFName.of('Yes'));
  }
}
