import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, basename } from 'node:path';
import type Handlebars from 'handlebars';

/**
 * What a request adds to its document besides the data, passed to templates as Handlebars data
 * (`@images`, `@annexes`), apart from the view model: the images the `image` helper places (box
 * name → data: URI), and the captions of the annexes appended after the document, for the form's
 * "joindre" line.
 */
export interface TemplateExtras {
  images?: Readonly<Record<string, string>>;
  annexes?: readonly string[];
}

export type CompiledTemplate = (viewModel: unknown, extras?: TemplateExtras) => string;

/**
 * Templates are read and compiled once, at start-up: `templates/<id>/document.hbs` (the body),
 * `templates/<id>/style.css` (optional), shared partials and print CSS from `templates/_shared/`.
 * The layout wraps the body in the page skeleton; it is the only place where markup made by the
 * engine itself (never user data) is inserted unescaped.
 */
export function loadTemplates(
  hbs: typeof Handlebars,
  templatesDir: string,
  templateIds: readonly string[],
): Map<string, CompiledTemplate> {
  const sharedDir = join(templatesDir, '_shared');
  registerPartials(hbs, join(sharedDir, 'partials'));
  const layout = hbs.compile(readFileSync(join(sharedDir, 'layout.hbs'), 'utf8'), { strict: true });
  const sharedCss = readFileSync(join(sharedDir, 'print.css'), 'utf8');

  const templates = new Map<string, CompiledTemplate>();
  for (const id of templateIds) {
    const dir = join(templatesDir, id);
    const source = readFileSync(join(dir, 'document.hbs'), 'utf8');
    // compile() is lazy: precompile() parses now, so a template error stops start-up.
    hbs.precompile(source, { strict: true });
    const body = hbs.compile(source, { strict: true });
    const styleFile = join(dir, 'style.css');
    const css = sharedCss + (existsSync(styleFile) ? readFileSync(styleFile, 'utf8') : '');
    templates.set(id, (viewModel, { images = {}, annexes = [] } = {}) =>
      layout({
        css,
        body: body(viewModel, { data: { images, annexes } }),
        title: titleOf(viewModel),
        lang: 'fr-FR',
      }),
    );
  }
  return templates;
}

function registerPartials(hbs: typeof Handlebars, dir: string): void {
  if (!existsSync(dir)) return;
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.hbs'))) {
    hbs.registerPartial(basename(file, '.hbs'), readFileSync(join(dir, file), 'utf8'));
  }
}

function titleOf(viewModel: unknown): string {
  const title = (viewModel as { title?: unknown } | null)?.title;
  return typeof title === 'string' ? title : 'Paperasse';
}
