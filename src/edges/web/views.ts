import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { templatesDir } from '../../paths.js';

/**
 * The pages' templates: `templates/_web/` beside the documents' own (resolved from src/ and
 * dist/ alike, and shipped by the Dockerfile with templates/), read once at start-up. Their own
 * Handlebars instance, strict (a missing value is a fault, not an empty string), escaping on:
 * nothing the person typed is ever written with a triple stash.
 */
export const webDir = join(templatesDir, '_web');

export type View = (context: object) => string;

export interface Views {
  page(name: string, context: object): string;
  /** The stylesheet and its address, versioned by its content (so cached for long). */
  css: { body: string; href: string };
  /** The pages' one script (checks a field as it is left), versioned the same way. */
  js: { body: string; href: string };
}

export function loadViews(dir = webDir): Views {
  const handlebars = Handlebars.create();
  const compile = (file: string): View =>
    handlebars.compile(readFileSync(join(dir, file), 'utf8'), { strict: true });
  const templates = new Map<string, View>();
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.hbs'))) {
    const name = file.slice(0, -'.hbs'.length);
    const template = compile(file);
    if (name.startsWith('_')) handlebars.registerPartial(name.slice(1), template);
    else templates.set(name, template);
  }
  const layout = templates.get('layout');
  if (!layout) throw new Error(`${dir}/layout.hbs is missing`);
  const css = staticFile(dir, 'paperasse.css');
  const js = staticFile(dir, 'paperasse.js');
  return {
    css,
    js,
    page(name, context) {
      const template = templates.get(name);
      if (!template) throw new Error(`No web template ${name}`);
      const content = template(context);
      return layout({
        ...context,
        css: css.href,
        js: js.href,
        content: new Handlebars.SafeString(content),
      });
    },
  };
}

/** A file served under an address carrying its content's hash: cached a year, never stale. */
function staticFile(dir: string, name: string): { body: string; href: string } {
  const body = readFileSync(join(dir, name), 'utf8');
  const version = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const [base, extension] = name.split('.') as [string, string];
  return { body, href: `/static/${base}-${version}.${extension}` };
}
