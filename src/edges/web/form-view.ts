import type { FieldIssue } from '../../core/errors.js';
import { choiceLabel } from './choices.js';
import {
  fieldsOf,
  type FieldNode,
  type FormNode,
  type GroupNode,
  type Posted,
} from './form-model.js';

/**
 * What the form's templates are handed: every value already decided here (ids, labels, hints,
 * the person's values, the errors at their fields), so that the templates only lay it out.
 */
export interface FieldView extends Described {
  isField: true;
  id: string;
  name: string;
  label: string;
  optional: boolean;
  value: string;
  /** One of these is true. */
  isText: boolean;
  isDate: boolean;
  isRadios: boolean;
  isSelect: boolean;
  inputMode: string;
  maxLength: string;
  autocomplete: string;
  list: string;
  options: OptionView[];
}

export interface OptionView {
  id: string;
  value: string;
  label: string;
  checked: boolean;
}

export interface GroupView extends Described {
  isField: false;
  id: string;
  legend: string;
  optional: boolean;
  /** A top-level section (h2-sized legend) or a nested group. */
  top: boolean;
  children: (FieldView | GroupView)[];
}

export interface SummaryItem {
  href: string;
  message: string;
}

/** Radios up to this many options, a select above. */
const MAX_RADIOS = 6;

/** `famille.enfants[0].prenom` → `f-famille-enfants-0-prenom`: an id and a fragment. */
export function fieldId(path: string): string {
  return `f-${path.replace(/\]/g, '').replace(/[.[]/g, '-')}`;
}

/** The form's content: its top-level sections (and top-level fields) with values and errors. */
export function formView(
  tree: GroupNode,
  posted: Posted,
  errors: ReadonlyMap<string, string>,
  /** Help from the law in force, by path (core.formHints), after the schema's own. */
  lawHints: Readonly<Record<string, string>> = {},
): (FieldView | GroupView)[] {
  return tree.children.map((node) => nodeView(node, { posted, errors, lawHints }, true, false));
}

interface ViewState {
  posted: Posted;
  errors: ReadonlyMap<string, string>;
  lawHints: Readonly<Record<string, string>>;
}

/** The schema's help, then the law's figures for that path. */
function hintOf(node: FormNode, state: ViewState): string {
  const own = webHint(node.description, node.kind === 'field' ? node.type : undefined);
  const law = Object.hasOwn(state.lawHints, node.path) ? state.lawHints[node.path] : '';
  return [own, law].filter(Boolean).join(' ');
}

function nodeView(
  node: FormNode,
  state: ViewState,
  top: boolean,
  row: boolean,
): FieldView | GroupView {
  const { errors } = state;
  // A row of a repeated group is never marked optional: the group says how many are needed.
  if (node.kind === 'field') return fieldView(node, state, row);
  const id = `g-${fieldId(node.path).slice(2)}`;
  const hint = hintOf(node, state);
  const error = errors.get(node.path) ?? '';
  return {
    isField: false,
    id,
    legend: node.title,
    optional: !node.required && !row,
    ...described(id, hint, error),
    top,
    children: node.children.map((child) => nodeView(child, state, false, node.array)),
  };
}

function fieldView(node: FieldNode, state: ViewState, row: boolean): FieldView {
  const id = fieldId(node.path);
  const value = state.posted[node.path] ?? '';
  const hint = hintOf(node, state);
  const error = state.errors.get(node.path) ?? '';
  const choices =
    node.type === 'yesno'
      ? [
          { value: 'oui', label: 'Oui' },
          { value: 'non', label: 'Non' },
        ]
      : node.options.map((option) => ({ value: option, label: choiceLabel(option) }));
  const isChoice = node.type === 'choice' || node.type === 'yesno';
  const isSelect = isChoice && choices.length > MAX_RADIOS;
  const isRadios = isChoice && !isSelect;
  // An optional choice can be taken back without JavaScript: its "not given" option.
  const given = [...(node.required ? [] : [{ value: '', label: 'Non précisé' }]), ...choices];
  const options = (isSelect ? [{ value: '', label: '— Choisir —' }, ...choices] : given).map(
    (option, index) => ({
      id: isSelect || index === 0 ? id : `${id}-${index}`,
      value: option.value,
      label: option.label,
      checked: option.value === value,
    }),
  );
  return {
    isField: true,
    id,
    name: node.path,
    label: node.title,
    optional: !node.required && !row,
    ...described(id, hint, error),
    value,
    isText: !isChoice && node.type !== 'date',
    isDate: node.type === 'date',
    isRadios,
    isSelect,
    inputMode: inputModeOf(node),
    maxLength: node.maxLength === undefined ? '' : String(node.maxLength),
    autocomplete: 'off',
    list: node.type === 'country' ? 'pays' : '',
    options,
  };
}

function inputModeOf(node: FieldNode): string {
  if (node.type === 'integer') return 'numeric';
  if (node.type === 'number' || node.type === 'amount') return 'decimal';
  return '';
}

/** What an input or a group says about itself: its help and its error, and their ids. */
export interface Described {
  hint: string;
  hintId: string;
  error: string;
  errorId: string;
  /** The ids of the help and the error there are, for aria-describedby. */
  describedBy: string;
}

export function described(id: string, hint: string, error: string): Described {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return {
    hint,
    hintId,
    error,
    errorId,
    describedBy: [hint && hintId, error && errorId].filter(Boolean).join(' '),
  };
}

/**
 * A schema's description as help for a person: the API's notes on formats (ISO codes, true/false,
 * AAAA-MM-JJ) are for programs; the page says how to type the value instead.
 */
export function webHint(description: string | undefined, type?: FieldNode['type']): string {
  let hint = (description ?? '')
    .replace(/\s*Format AAAA-MM-JJ[^.]*\./g, '')
    .replace(/\s*Code ISO 3166-1 alpha-2\./g, '')
    .replace(/\s*En euros, 2 décimales au plus \(ex\. "[^"]*"\)\./g, '')
    .replace(/\s*\((?:true|false|eleve|etudiant)\)/g, '')
    .replace(/Réponse OUI\s*\/\s*NON\s*;\s*/g, '')
    .replace(/\s*\(facultatif\)/g, '')
    .replace(/…\./g, '…')
    .trim();
  if (type === 'country') hint = `${hint} Son nom en français, par exemple Allemagne.`.trim();
  if (type === 'amount') hint = `${hint} En euros, par exemple 612,50.`.trim();
  return hint.replace(/^./, (first) => first.toUpperCase());
}

/**
 * Each issue at the form's field or group it names (a row renumbered back by formPath); a path
 * the form has no element for is shown at its nearest group, else only in the summary.
 */
export function placeIssues(
  tree: GroupNode,
  issues: readonly FieldIssue[],
  formPath: (dataPath: string) => string,
): { atFields: Map<string, string>; summary: SummaryItem[] } {
  const groups = new Map<string, GroupNode>();
  const fields = new Set<string>();
  const collect = (node: FormNode): void => {
    if (node.kind === 'field') fields.add(node.path);
    else {
      groups.set(node.path, node);
      node.children.forEach(collect);
    }
  };
  collect(tree);
  const firstField = (node: FormNode): string => fieldsOf(node)[0]?.path ?? '';
  const atFields = new Map<string, string>();
  const summary: SummaryItem[] = [];
  for (const issue of issues) {
    let path = formPath(issue.path);
    while (path && !fields.has(path) && !groups.has(path)) path = parentPath(path);
    const group = groups.get(path);
    const target = group ? firstField(group) : path;
    if (path && !atFields.has(path)) atFields.set(path, issue.message_fr);
    summary.push({ href: `#${fieldId(target || firstField(tree))}`, message: issue.message_fr });
  }
  return { atFields, summary };
}

/** `a.b[1].c` → `a.b[1]` → `a.b` → `a` → ''. */
function parentPath(path: string): string {
  const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
  return cut > 0 ? path.slice(0, cut) : '';
}
