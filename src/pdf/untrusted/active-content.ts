import {
  PDFArray,
  PDFDict,
  PDFName,
  PDFRef,
  PDFStream,
  type PDFContext,
  type PDFObject,
} from 'pdf-lib';

/**
 * Everything in an uploaded PDF that can act rather than be read: JavaScript, launch, URI,
 * submit and import actions, and the annotations that exist to act or to carry files. An annex
 * is a page to print and read; none of it is needed for that, so all of it is removed (strip,
 * not refuse: real forms, Cerfa included, carry formatting JavaScript).
 */

/** Annotations that only act (links, form widgets, media players) or carry a file. */
const DROPPED_ANNOTATIONS = new Set([
  'Link',
  'Widget',
  'FileAttachment',
  'Screen',
  'Movie',
  'Sound',
  'RichMedia',
  '3D',
]);

const name = (key: string) => PDFName.of(key);

/**
 * Deletes actions from one object and the dictionaries written inside it (referenced objects
 * are visited on their own, as each indirect object of the file is): /OpenAction, /AA
 * (additional actions of the catalog, pages, annotations and fields), /A when it holds an
 * action, /JS, and the catalog's /Names /JavaScript and /EmbeddedFiles trees.
 * `removed` collects labels of what was found, for the caller to report.
 */
export function stripActions(object: PDFObject, context: PDFContext, removed: Set<string>): void {
  const dict = object instanceof PDFStream ? object.dict : object;
  if (dict instanceof PDFArray) {
    for (const item of dict.asArray())
      if (!(item instanceof PDFRef)) stripActions(item, context, removed);
    return;
  }
  if (!(dict instanceof PDFDict)) return;
  if (dict.has(name('OpenAction'))) {
    removed.add('OpenAction');
    labelAction(dict.get(name('OpenAction')), context, removed);
    dict.delete(name('OpenAction'));
  }
  if (dict.has(name('AA'))) {
    removed.add('additional actions (AA)');
    const triggers = context.lookup(dict.get(name('AA')));
    if (triggers instanceof PDFDict) {
      for (const [, action] of triggers.entries()) labelAction(action, context, removed);
    }
    dict.delete(name('AA'));
  }
  if (context.lookup(dict.get(name('A'))) instanceof PDFDict) {
    labelAction(dict.get(name('A')), context, removed);
    dict.delete(name('A'));
  }
  if (dict.has(name('JS'))) {
    removed.add('JavaScript');
    dict.delete(name('JS'));
  }
  stripNameTrees(dict, context, removed);
  for (const [, value] of dict.entries()) {
    if (!(value instanceof PDFRef)) stripActions(value, context, removed);
  }
}

/** Document-level scripts (run on open) and attached files live in the catalog's name trees. */
function stripNameTrees(dict: PDFDict, context: PDFContext, removed: Set<string>): void {
  const names = context.lookup(dict.get(name('Names')));
  if (!(names instanceof PDFDict) || dict.get(name('Type')) !== name('Catalog')) return;
  if (names.has(name('JavaScript'))) removed.add('JavaScript');
  if (names.has(name('EmbeddedFiles'))) removed.add('embedded files');
  names.delete(name('JavaScript'));
  names.delete(name('EmbeddedFiles'));
}

/** "JavaScript", or "<type> actions" (Launch, URI, SubmitForm…), following /Next chains. */
function labelAction(value: PDFObject | undefined, context: PDFContext, removed: Set<string>) {
  const seen = new Set<PDFObject>();
  const pending = [value];
  while (pending.length > 0) {
    const action = context.lookup(pending.pop());
    if (action === undefined || seen.has(action)) continue;
    seen.add(action);
    if (action instanceof PDFArray) pending.push(...action.asArray());
    if (!(action instanceof PDFDict)) continue;
    const type = action.get(name('S'));
    if (type instanceof PDFName) {
      const text = type.decodeText();
      removed.add(text === 'JavaScript' ? 'JavaScript' : `${text} actions`);
    }
    pending.push(action.get(name('Next')));
  }
}

/**
 * Makes a page safe to move into another document. Keeps its passive annotations (comments,
 * highlights, stamps) without their actions, and drops the others. Removes what would make
 * copying the page drag other pages along as unreachable duplicates: an annotation's /P (its
 * page) and the page's article beads (/B); and the links into a structure tree that stays
 * behind (/StructParents, /StructParent), which would point into the wrong tree once copied.
 * Dangling references (pdf-lib's flatten leaves some, pdf-lib #1267) are dropped too.
 */
export function stripPage(page: PDFDict, context: PDFContext, removed: Set<string>): void {
  stripActions(page, context, removed);
  page.delete(name('B'));
  page.delete(name('StructParents'));
  const annots = context.lookup(page.get(name('Annots')));
  if (!(annots instanceof PDFArray)) {
    page.delete(name('Annots'));
    return;
  }
  const kept: PDFDict[] = [];
  const keptRefs: PDFObject[] = [];
  const dropped = new Set<PDFDict>();
  for (const item of annots.asArray()) {
    const annot = context.lookup(item);
    if (!(annot instanceof PDFDict)) continue;
    const subtype = annot.get(name('Subtype'));
    const label = subtype instanceof PDFName ? subtype.decodeText() : 'unknown';
    if (DROPPED_ANNOTATIONS.has(label)) {
      removed.add(`${label} annotations`);
      dropped.add(annot);
      continue;
    }
    stripActions(annot, context, removed);
    annot.delete(name('P'));
    annot.delete(name('StructParent'));
    kept.push(annot);
    keptRefs.push(item);
  }
  for (const annot of kept) forgetDropped(annot, dropped, context);
  if (keptRefs.length === 0) page.delete(name('Annots'));
  else page.set(name('Annots'), context.obj(keptRefs));
}

/**
 * A pop-up's /Parent, a reply's /IRT can point to a dropped annotation (a file attachment's
 * comment): copying the kept one would bring the dropped one back, file included.
 */
function forgetDropped(annot: PDFDict, dropped: Set<PDFDict>, context: PDFContext): void {
  for (const key of ['Parent', 'IRT', 'Popup']) {
    const target = context.lookup(annot.get(name(key)));
    if (target instanceof PDFDict && dropped.has(target)) annot.delete(name(key));
  }
}
