import {
  PDFCheckBox,
  PDFDropdown,
  PDFOptionList,
  PDFRadioGroup,
  PDFTextField,
  type PDFField,
  type PDFForm,
} from 'pdf-lib';
import { uncoveredCharacters } from '../../shared/glyph-coverage.js';
import type { FillIssue } from './errors.js';
import { checkboxOnValue, fieldType } from './inspect.js';

/** Values a checkbox accepts besides true/false and its own export value. */
const CHECKBOX_ON = 'Oui';
const CHECKBOX_OFF = 'Off';

/**
 * Every problem with the values, before any field is set: unknown names, values of the wrong
 * kind, choices the field does not offer, text over the field's maximum length, read-only
 * fields, and characters the embedded font cannot draw. Nothing is silently skipped.
 * Text fields take strings only (no number → string conversion: "1 234,56 €" is the caller's
 * formatting, not ours). `null` clears a field.
 */
export function checkValues(
  form: PDFForm,
  values: Record<string, unknown>,
  covered: ReadonlySet<number>,
): FillIssue[] {
  const issues: FillIssue[] = [];
  for (const [name, value] of Object.entries(values)) {
    const field = form.getFieldMaybe(name);
    if (!field) {
      issues.push(
        issue(
          name,
          'UNKNOWN_FIELD',
          'Champ inconnu dans ce formulaire.',
          'No such field in this form.',
        ),
      );
      continue;
    }
    if (field.isReadOnly()) {
      issues.push(
        issue(
          name,
          'READ_ONLY_FIELD',
          'Ce champ est en lecture seule.',
          'This field is read-only.',
        ),
      );
      continue;
    }
    const problem = value === null ? undefined : checkValue(field, value);
    if (problem) {
      issues.push(problem(name));
      continue;
    }
    for (const found of uncoveredCharacters(value, covered)) {
      issues.push(issue(name, found.code, found.message_fr, found.message_en));
    }
  }
  return issues;
}

type Problem = ((name: string) => FillIssue) | undefined;

function checkValue(field: PDFField, value: unknown): Problem {
  if (field instanceof PDFTextField) return checkText(field, value);
  if (field instanceof PDFCheckBox) {
    const on = checkboxOnValue(field);
    if (
      typeof value === 'boolean' ||
      value === on ||
      value === CHECKBOX_ON ||
      value === CHECKBOX_OFF
    ) {
      return undefined;
    }
    return wrong(
      'INVALID_TYPE',
      `true, false, « ${on} » ou « ${CHECKBOX_OFF} »`,
      `true, false, "${on}" or "${CHECKBOX_OFF}"`,
    );
  }
  if (field instanceof PDFRadioGroup) return checkChoice(value, field.getOptions());
  if (field instanceof PDFDropdown) {
    return field.isEditable() && typeof value === 'string'
      ? undefined
      : checkChoice(value, field.getOptions());
  }
  if (field instanceof PDFOptionList) {
    const chosen = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(chosen))
      return wrong(
        'INVALID_TYPE',
        'un texte ou une liste de textes',
        'a string or an array of strings',
      );
    if (chosen.length > 1 && !field.isMultiselect()) {
      return wrong('TOO_MANY_OPTIONS', 'un seul choix', 'a single choice');
    }
    return chosen.map((item) => checkChoice(item, field.getOptions())).find(Boolean);
  }
  const type = fieldType(field);
  return (name) =>
    issue(
      name,
      'UNSUPPORTED_FIELD_TYPE',
      `Un champ de type ${type} ne se remplit pas.`,
      `A ${type} field cannot be filled.`,
    );
}

function checkText(field: PDFTextField, value: unknown): Problem {
  if (typeof value !== 'string') return wrong('INVALID_TYPE', 'un texte', 'a string');
  const max = field.getMaxLength();
  const length = [...value].length;
  if (max !== undefined && length > max) {
    return (name) =>
      issue(
        name,
        'TOO_LONG',
        `${length} caractères pour ${max} au plus.`,
        `${length} characters, at most ${max} allowed.`,
      );
  }
  if (!field.isMultiline() && /[\r\n]/.test(value)) {
    return wrong(
      'INVALID_TYPE',
      'un texte sur une ligne (champ monoligne)',
      'a single-line string',
    );
  }
  return undefined;
}

function checkChoice(value: unknown, options: string[]): Problem {
  if (typeof value === 'string' && options.includes(value)) return undefined;
  const list = options.map((option) => JSON.stringify(option)).join(', ');
  return (name) =>
    issue(
      name,
      'INVALID_OPTION',
      `Valeur ${JSON.stringify(value)} hors des choix du champ : ${list}.`,
      `Value ${JSON.stringify(value)} is not one of the field's options: ${list}.`,
    );
}

function wrong(code: string, expectedFr: string, expectedEn: string): Problem {
  return (name) => issue(name, code, `Valeur attendue : ${expectedFr}.`, `Expected ${expectedEn}.`);
}

function issue(field: string, code: string, message_fr: string, message_en: string): FillIssue {
  return { field, code, message_fr, message_en };
}
