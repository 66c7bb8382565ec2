import { uriLinks } from '../../pdf/uri-links.js';
import type { Page } from 'puppeteer-core';
import type { FieldBox } from '../field-box.js';
import { msUntil, pdfOptions } from './chromium.js';

/** Probe links point here: a reserved name, never resolved (no request leaves the page). */
const PROBE_URL = 'https://box.invalid/';

/** What the page says of each marked element, in CSS px (see TextStyle in field-box.ts). */
interface ElementFacts {
  /** The element's left edge and width, laid out at the print's content width, CSS px. */
  left: number;
  width: number;
  name: string;
  type: string;
  maxLength: string | null;
  multiline: boolean;
  fontSize: number;
  fontWeight: number;
  /** From the element's top edge to its first baseline. */
  baseline: number;
  lineHeight: number;
  insetLeft: number;
  insetRight: number;
  align: string;
  /** Added from labelsOf(), element by element. */
  label?: string;
  group: string | null;
}

/**
 * Where each element `selector` matches prints, read from the print itself: Chromium prints the
 * HTML once more with an invisible link laid over each element, and every link becomes a PDF
 * link annotation whose /Rect is the element's box on its page, after Chromium's own
 * pagination (forced and natural page breaks, `@page` margins, any page size). Links cover
 * their element absolutely positioned, so they move nothing. The text's style comes from the
 * page's computed styles. `page.evaluate` runs through the DevTools protocol and works with the
 * page's JavaScript disabled (measured). Verified by drawing the boxes over the printed blank
 * form (test/documents/*.acroform.test.ts).
 */
export async function measureBoxes(
  page: Page,
  html: string,
  selector: string,
  deadline: number,
): Promise<FieldBox[]> {
  await page.setContent(html, { waitUntil: 'load', timeout: msUntil(deadline) });
  await page.emulateMediaType('print');
  let facts: ElementFacts[];
  let margin: { left: number; width: number };
  try {
    await page.evaluate(() => document.fonts.ready);
    margin = await page.evaluate(pageContentBox);
    // Laid out as wide as the printed page's content, the page gives exact (fractional)
    // horizontal positions; the print's links say on which page and where down it each box is.
    await page.addStyleTag({ content: `html { width: ${margin.width}px; }` });
    const labels = (await page.evaluate(labelsOf(selector))) as string[];
    facts = (await page.evaluate(markElements, selector, PROBE_URL)).map((fact, index) => ({
      ...fact,
      label: labels[index] ?? '',
    }));
  } finally {
    await page.emulateMediaType();
  }
  const { rects } = await linkRects(await page.pdf(pdfOptions({}, deadline)));
  const missing = facts.find((_fact, index) => !rects.has(index));
  if (missing) throw new Error(`The box of "${missing.name}" did not print (empty or hidden?)`);
  return facts.map((fact, index) => {
    const rect = rects.get(index) as Rect;
    // Across, the layout's exact fractional geometry; down, the print's page and rows (its
    // links are snapped to whole CSS pixels: 0.75 pt at most).
    return toFieldBox(fact, {
      ...rect,
      x: (margin.left + fact.left) * PT_PER_PX,
      width: fact.width * PT_PER_PX,
    });
  });
}

const PT_PER_PX = 0.75;

/**
 * Runs in the page: the printed page's left margin and content width in CSS px, from the
 * stylesheets' `@page` rule (size A4 or in mm, margins in mm), as Chromium prints it.
 */
function pageContentBox(): { left: number; width: number } {
  const pxPerMm = 96 / 25.4;
  let widthMm = 210;
  let leftMm = 0;
  let rightMm = 0;
  for (const sheet of Array.from(document.styleSheets)) {
    for (const rule of Array.from(sheet.cssRules)) {
      if (!(rule instanceof CSSPageRule)) continue;
      const style = rule.style;
      const size = style.getPropertyValue('size').trim();
      if (/landscape/.test(size)) widthMm = 297;
      const explicit = /^([\d.]+)mm/.exec(size);
      if (explicit) widthMm = Number(explicit[1]);
      const left = /^([\d.]+)mm$/.exec(style.getPropertyValue('margin-left').trim());
      const right = /^([\d.]+)mm$/.exec(style.getPropertyValue('margin-right').trim());
      if (left) leftMm = Number(left[1]);
      if (right) rightMm = Number(right[1]);
    }
  }
  return { left: leftMm * pxPerMm, width: (widthMm - leftMm - rightMm) * pxPerMm };
}

/** Runs in the page: lays a probe link over each element and reads its text style. */
function markElements(selector: string, probeUrl: string): ElementFacts[] {
  // No named inner function: tsx (esbuild keepNames) would wrap it in a __name() the page lacks.
  return Array.from(document.querySelectorAll(selector)).map((element, index) => {
    const rect = element.getBoundingClientRect();
    const top = rect.top;
    // The first baseline, where the text goes: the innermost first element (a comb's first
    // cell, or the box itself). A zero-size inline-block sits on the baseline.
    let host: Element = element;
    while (host.firstElementChild) host = host.firstElementChild;
    const style = getComputedStyle(host);
    const probe = document.createElement('span');
    probe.style.cssText = 'display:inline-block;width:0;height:0;vertical-align:baseline';
    host.insertBefore(probe, host.firstChild);
    const baseline = probe.getBoundingClientRect().bottom - top;
    probe.remove();
    const boxStyle = getComputedStyle(element);
    // The link makes the element non-empty: generated content that only an empty element gets
    // (print.css gives empty boxes a no-break space, to lay out as filled) becomes real text.
    const before = getComputedStyle(element, '::before').content;
    const empty = element.matches(':empty');
    if (empty && boxStyle.display !== 'inline') {
      // What an empty element alone gets (the ruled lines of a multi-line box, its padding)
      // vanishes once it holds the link: the box keeps the height it prints with, or every box
      // below it would be measured higher than it prints.
      (element as HTMLElement).style.boxSizing = 'border-box';
      (element as HTMLElement).style.height = `${rect.height}px`;
    }
    if (empty && /^".+"$/.test(before)) element.textContent = before.slice(1, -1);
    if (boxStyle.position === 'static') (element as HTMLElement).style.position = 'relative';
    const link = document.createElement('a');
    link.href = `${probeUrl}${index}`;
    link.style.cssText = 'position:absolute;inset:0;display:block;z-index:2147483647';
    element.appendChild(link);
    const fontSize = parseFloat(style.fontSize);
    const lineHeight = parseFloat(style.lineHeight);
    return {
      left: rect.left + window.scrollX,
      width: rect.width,
      name: element.getAttribute('data-field') ?? element.getAttribute('data-image') ?? '',
      type: element.hasAttribute('data-image')
        ? 'image'
        : (element.getAttribute('data-type') ?? 'text'),
      maxLength: element.getAttribute('data-maxlength'),
      multiline: element.hasAttribute('data-multiline'),
      group: element.getAttribute('data-group'),
      fontSize,
      fontWeight: parseFloat(style.fontWeight) || 400,
      baseline,
      // "normal" is Liberation Sans's own line gap: ascent + descent + gap = 1.149 em.
      lineHeight: Number.isNaN(lineHeight) ? fontSize * 1.149 : lineHeight,
      insetLeft:
        (parseFloat(boxStyle.paddingLeft) || 0) + (parseFloat(boxStyle.borderLeftWidth) || 0),
      insetRight:
        (parseFloat(boxStyle.paddingRight) || 0) + (parseFloat(boxStyle.borderRightWidth) || 0),
      align: style.textAlign,
    };
  });
}

interface Rect {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Probe index → the first rectangle its link printed at (an element split by a page break
 * prints twice: its first part is where its text starts). */
async function linkRects(pdf: Uint8Array): Promise<{ rects: Map<number, Rect> }> {
  const rects = new Map<number, Rect>();
  for (const { uri, ...rect } of await uriLinks(pdf, PROBE_URL)) {
    const index = Number(uri.slice(PROBE_URL.length));
    if (!rects.has(index)) rects.set(index, rect);
  }
  return { rects };
}

function toFieldBox(fact: ElementFacts, rect: Rect): FieldBox {
  const pt = (px: number) => px * 0.75;
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    name: fact.name,
    type: fact.type,
    ...(fact.maxLength ? { maxLength: Number(fact.maxLength) } : {}),
    multiline: fact.multiline,
    page: rect.page,
    x: round(rect.x),
    y: round(rect.y),
    width: round(rect.width),
    height: round(rect.height),
    ...(fact.label ? { label: fact.label } : {}),
    ...(fact.group ? { group: fact.group } : {}),
    text: {
      size: round(pt(fact.fontSize)),
      bold: fact.fontWeight >= 600,
      baseline: round(pt(fact.baseline)),
      lineHeight: round(pt(fact.lineHeight)),
      left: round(pt(fact.insetLeft)),
      right: round(pt(fact.insetRight)),
      align: fact.align === 'center' || fact.align === 'right' ? fact.align : 'left',
    },
  };
}

/**
 * The page script that names each element `selector` matches in the form's words, in document
 * order: its data-label, else the label of its field, its table row and column, or the text
 * beside its checkbox, after the heading of its section ("Employeur — Nom de naissance"). A
 * string, not a function: tsx's keepNames would wrap inner functions in a helper the page lacks.
 */
function labelsOf(selector: string): string {
  return `(() => {
    const clean = (text) => (text || '').replace(/\\s+/g, ' ').replace(/^\\s*\\d+\\s*[.)]?\\s*/, '')
      .replace(/\\s*:\\s*$/, '').trim();
    const precedes = (a, b) => (a.compareDocumentPosition(b) & 4) !== 0;
    // As written, not as displayed (headings print in capitals), a line break as a space.
    const text = (node) => node ? Array.from(node.childNodes)
      .map((child) => child.nodeName === 'BR' ? ' ' : text(child) || child.textContent).join('') : '';
    const short = (value) => value.length <= 100 ? value : value.slice(0, 100).replace(/\\s+\\S*$/, '') + '…';
    const headings = Array.from(document.querySelectorAll('h1, h2, h3'));
    const labels = Array.from(document.querySelectorAll('.field__label, .label, label, dt'));
    const last = (list, element) => list.filter((item) => precedes(item, element)).pop();
    return Array.from(document.querySelectorAll(${JSON.stringify(selector)})).map((element) => {
      const heading = last(headings, element);
      const section = heading ? clean(text(heading)) : '';
      const cell = element.closest('td, th');
      const row = cell && cell.parentElement;
      let own = element.getAttribute('data-label');
      if (!own && cell && row) {
        const column = Array.from(row.children).indexOf(cell);
        const top = cell.closest('table').querySelector('tr');
        const header = top && top.children[column];
        own = clean(text(row.firstElementChild)) + ' ' + clean(text(header));
      }
      if (!own && element.getAttribute('data-type') === 'checkbox' && element.parentElement) {
        // A choice: the question's label when it is in the same block, then the choice's text.
        const block = element.closest('.field') || element.parentElement.parentElement;
        const label = last(labels.filter((item) => block && block.contains(item)), element);
        const beside = short(clean(text(element.parentElement).split('—')[0]));
        own = [label ? clean(text(label)) : '', beside].filter(Boolean).join(' : ');
      }
      if (!own) {
        const label = last(labels, element);
        own = label && (!heading || precedes(heading, label)) ? clean(text(label)) : '';
      }
      return [section, clean(own)].filter(Boolean).join(' — ');
    });
  })()`;
}
