/**
 * Building a document's input from values read one by one (a form's boxes, a sheet's cells) and
 * laying it over values given elsewhere. Keys come from the schema or from parsed JSON: they are
 * defined as own properties, so that a key "__proto__" stays data and never changes a prototype.
 */

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets `value` at `segments` (numbers index arrays), making the objects and arrays on the way. */
export function setAt(
  target: Record<string, unknown>,
  segments: readonly (string | number)[],
  value: unknown,
): void {
  let node: Record<string | number, unknown> = target;
  segments.forEach((segment, index) => {
    const next = segments[index + 1];
    if (next === undefined) {
      define(node, segment, value);
      return;
    }
    if (own(node, segment) === undefined) define(node, segment, typeof next === 'number' ? [] : {});
    node = own(node, segment) as Record<string | number, unknown>;
  });
}

/** Arrays without the rows left empty (holes, objects with nothing given). */
export function withoutEmptyRows(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(withoutEmptyRows).filter((row) => row !== undefined && !isEmptyObject(row));
  }
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) define(copy, key, withoutEmptyRows(child));
    return copy;
  }
  return value;
}

/** `over` laid on `base`, object by object; arrays and values of `over` replace `base`'s. */
export function mergeOver(
  base: Record<string, unknown>,
  over: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(base)) define(merged, key, value);
  for (const [key, value] of Object.entries(over)) {
    const under = own(merged, key);
    const laid = isPlainObject(under) && isPlainObject(value) ? mergeOver(under, value) : value;
    define(merged, key, laid);
  }
  return merged;
}

function isEmptyObject(value: unknown): boolean {
  return isPlainObject(value) && Object.values(value).every((child) => child === undefined);
}

function own(target: Record<string | number, unknown>, key: string | number): unknown {
  return Object.hasOwn(target, key) ? target[key] : undefined;
}

function define(target: Record<string | number, unknown>, key: string | number, value: unknown) {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
