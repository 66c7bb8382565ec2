import { PDFArray, PDFDict, PDFRef, PDFStream, type PDFContext, type PDFObject } from 'pdf-lib';

/**
 * pdf-lib's copyPages copies every object a page refers to, and through them sometimes objects
 * no page needs (a second copy of the page reached through an annotation's /P, form fields
 * reached through a widget's /Parent). pdf-lib writes every object it holds, reachable or not:
 * such orphans would carry what was stripped from the pages into the file. Deletes the objects
 * numbered above `after` that the trailer's /Root and /Info no longer lead to.
 */
export function dropUnreachableObjects(context: PDFContext, after: number): number {
  const reachable = new Set<PDFRef>();
  const pending: (PDFObject | undefined)[] = [context.trailerInfo.Root, context.trailerInfo.Info];
  while (pending.length > 0) {
    const object = pending.pop();
    if (object instanceof PDFRef) {
      if (reachable.has(object)) continue;
      reachable.add(object);
      pending.push(context.lookup(object));
    } else if (object instanceof PDFStream) {
      pending.push(object.dict);
    } else if (object instanceof PDFDict) {
      for (const [, value] of object.entries()) pending.push(value);
    } else if (object instanceof PDFArray) {
      pending.push(...object.asArray());
    }
  }
  let dropped = 0;
  for (const [ref] of context.enumerateIndirectObjects()) {
    if (ref.objectNumber > after && !reachable.has(ref)) {
      context.delete(ref);
      dropped += 1;
    }
  }
  return dropped;
}
