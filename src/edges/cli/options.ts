import { parseArgs } from 'node:util';
import { UsageError } from './exit-codes.js';

/** A command's options, as node:util parseArgs takes them. */
export type OptionSpecs = Record<
  string,
  { type: 'string' | 'boolean'; short?: string; multiple?: boolean }
>;

export interface Parsed {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

/**
 * The command line read strictly: an unknown option, a missing value, an option given twice
 * (unless repeatable) is a UsageError in French (exit 2).
 */
export function parseOptions(args: readonly string[], options: OptionSpecs): Parsed {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options,
      strict: true,
      allowPositionals: true,
      tokens: true,
    });
  } catch (error) {
    throw translated(error);
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option' || options[token.name]?.multiple) continue;
    if (seen.has(token.name)) throw new UsageError(`l’option --${token.name} est donnée deux fois`);
    seen.add(token.name);
  }
  return { values: parsed.values as Parsed['values'], positionals: parsed.positionals };
}

/**
 * The long options outside `options` that come with a value (`--signature sig.png`,
 * `--cachet=cachet.png`): a document's image boxes, which are known only once the document is.
 * One without a value is refused at once.
 */
export function valuedUnknownOptions(args: readonly string[], options: OptionSpecs): string[] {
  let tokens;
  try {
    ({ tokens } = parseArgs({
      args: [...args],
      options,
      strict: false,
      allowPositionals: true,
      tokens: true,
    }));
  } catch (error) {
    throw translated(error);
  }
  const names: string[] = [];
  tokens.forEach((token, index) => {
    if (token.kind !== 'option' || Object.hasOwn(options, token.name)) return;
    // An unknown short option is left to the strict reading, which refuses it.
    if (!token.rawName.startsWith('--')) return;
    const valued = token.inlineValue === true || tokens[index + 1]?.kind === 'positional';
    if (!valued) throw new UsageError(`option inconnue ou sans valeur : ${token.rawName}`);
    names.push(token.name);
  });
  return names;
}

/** A string option given once, or undefined. */
export function text(parsed: Parsed, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A repeatable string option, in the order given. */
export function texts(parsed: Parsed, name: string): string[] {
  const value = parsed.values[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((item) => typeof item === 'string');
}

/** The positional arguments, by name (`<document>`, `<données.json>`); the last `optional` may be absent. */
export function positionals(parsed: Parsed, names: readonly string[], optional = 0): string[] {
  const given = parsed.positionals;
  const required = names.length - optional;
  if (given.length < required) {
    throw new UsageError(`il manque ${names.slice(given.length, required).join(' ')}`);
  }
  if (given.length > names.length)
    throw new UsageError(`argument en trop : ${given[names.length]}`);
  return given;
}

/** parseArgs' English errors, in French. */
function translated(error: unknown): unknown {
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : '';
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  const option = quoted.replace(/ <value>$/, '');
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(`option inconnue : ${quoted}`);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError(`argument en trop : ${quoted}`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (message.includes('argument missing')) {
        return new UsageError(`l’option ${option} attend une valeur`);
      }
      if (message.includes('does not take an argument')) {
        return new UsageError(`l’option ${option} ne prend pas de valeur`);
      }
      if (message.includes('ambiguous')) {
        return new UsageError(
          `la valeur de ${option} commence par un tiret : écrivez --option=valeur si c’est voulu`,
        );
      }
      return new UsageError(`valeur invalide pour ${option}`);
    default:
      return error;
  }
}
