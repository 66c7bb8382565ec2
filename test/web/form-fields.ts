import { leaves, loadSample } from '../helpers/samples.js';

/**
 * A sample's data as a person fills the web form: each leaf under its JSON path, as text
 * (booleans as the oui/non radios' values, dates and numbers as they are in the JSON).
 */
export function sampleFields(id: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [path, value] of leaves(loadSample(id))) {
    fields[path] = typeof value === 'boolean' ? (value ? 'oui' : 'non') : String(value);
  }
  return fields;
}

/** The CSRF cookie and token a GET of the form hands out. */
export function csrfOf(response: { headers: Record<string, unknown>; text: string }): {
  cookie: string;
  token: string;
} {
  const setCookie = ([] as string[]).concat((response.headers['set-cookie'] as string[]) ?? []);
  const cookie = (setCookie[0] ?? '').split(';')[0] ?? '';
  const token = /name="_csrf" value="([^"]+)"/.exec(response.text)?.[1] ?? '';
  return { cookie, token };
}
