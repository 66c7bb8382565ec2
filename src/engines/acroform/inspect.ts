import {
  PDFArray,
  PDFButton,
  PDFCheckBox,
  PDFDropdown,
  PDFOptionList,
  PDFRadioGroup,
  PDFRef,
  PDFSignature,
  PDFTextField,
  type PDFDocument,
  type PDFField,
} from 'pdf-lib';
import { loadForm } from './load.js';

export type FormFieldType =
  'text' | 'checkbox' | 'radio' | 'dropdown' | 'optionList' | 'button' | 'signature';

export interface FormWidget {
  /** 1-based page number. */
  page: number;
  /** [x, y, width, height] in PDF points, origin at the page's bottom left. */
  rect: [number, number, number, number];
}

export interface FormField {
  name: string;
  type: FormFieldType;
  value: string | boolean | string[] | null;
  /** Dropdown and option list choices; radio export values. */
  options?: string[];
  /** The value a checkbox takes when ticked ("Oui" on French forms). */
  exportValue?: string;
  maxLength?: number;
  comb?: boolean;
  multiline?: boolean;
  readOnly: boolean;
  required: boolean;
  widgets: FormWidget[];
}

/** Every field of an uploaded form, as a caller needs it to build the values to fill. */
export async function inspectForm(bytes: Uint8Array): Promise<FormField[]> {
  const { doc, form } = await loadForm(bytes);
  const pageOf = widgetPages(doc);
  return form.getFields().map((field) => ({
    name: field.getName(),
    ...describe(field),
    readOnly: field.isReadOnly(),
    required: field.isRequired(),
    widgets: field.acroField.getWidgets().map((widget) => {
      const { x, y, width, height } = widget.getRectangle();
      const ref = doc.context.getObjectRef(widget.dict);
      const page = (ref && pageOf.get(ref.toString())) ?? pageByP(doc, widget.P()) ?? 0;
      return { page, rect: [x, y, width, height].map(round) as FormWidget['rect'] };
    }),
  }));
}

type Description = Pick<
  FormField,
  'type' | 'value' | 'options' | 'exportValue' | 'maxLength' | 'comb' | 'multiline'
>;

export function fieldType(field: PDFField): FormFieldType {
  if (field instanceof PDFTextField) return 'text';
  if (field instanceof PDFCheckBox) return 'checkbox';
  if (field instanceof PDFRadioGroup) return 'radio';
  if (field instanceof PDFDropdown) return 'dropdown';
  if (field instanceof PDFOptionList) return 'optionList';
  if (field instanceof PDFSignature) return 'signature';
  if (field instanceof PDFButton) return 'button';
  return 'button';
}

function describe(field: PDFField): Description {
  if (field instanceof PDFTextField) {
    return {
      type: 'text',
      value: field.getText() ?? null,
      maxLength: field.getMaxLength(),
      comb: field.isCombed(),
      multiline: field.isMultiline(),
    };
  }
  if (field instanceof PDFCheckBox) {
    return { type: 'checkbox', value: field.isChecked(), exportValue: checkboxOnValue(field) };
  }
  if (field instanceof PDFRadioGroup) {
    return { type: 'radio', value: field.getSelected() ?? null, options: field.getOptions() };
  }
  if (field instanceof PDFDropdown) {
    return { type: 'dropdown', value: field.getSelected()[0] ?? null, options: field.getOptions() };
  }
  if (field instanceof PDFOptionList) {
    return { type: 'optionList', value: field.getSelected(), options: field.getOptions() };
  }
  return { type: fieldType(field), value: null };
}

export function checkboxOnValue(field: PDFCheckBox): string {
  return field.acroField.getOnValue()?.decodeText() ?? 'Yes';
}

/** Widget reference → 1-based page, from each page's /Annots (a widget's /P is optional). */
function widgetPages(doc: PDFDocument): Map<string, number> {
  const pages = new Map<string, number>();
  doc.getPages().forEach((page, index) => {
    const annots = page.node.Annots();
    if (!(annots instanceof PDFArray)) return;
    for (const ref of annots.asArray()) {
      if (ref instanceof PDFRef) pages.set(ref.toString(), index + 1);
    }
  });
  return pages;
}

function pageByP(doc: PDFDocument, ref: PDFRef | undefined): number | undefined {
  const index = ref ? doc.getPages().findIndex((page) => page.ref === ref) : -1;
  return index === -1 ? undefined : index + 1;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
