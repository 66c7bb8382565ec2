import { countryFromFrench, countryNameFr } from '../../shared/countries.js';
import { isIsoDate } from '../../shared/dates.js';
import { UnreadableValue } from './unreadable.js';

/**
 * What a person types in a form's box, read as the input's types. Each accepts what the
 * printed form shows (14/05/2003, 350,00 €, 5 h, colombienne) and what people commonly write
 * instead (14.05.2003, 350 €, colombien, CO). Empty text is "not given" (undefined).
 */

/** Text as typed, without surrounding spaces. */
export function readText(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** JJ/MM/AAAA (or with dots, dashes or spaces; J/M accepted), or AAAA-MM-JJ → ISO date. */
export function readDate(text: string): string | undefined {
  const typed = readText(text);
  if (typed === undefined) return undefined;
  const french = /^(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{4})$/.exec(typed);
  const iso = french
    ? `${french[3]}-${french[2]?.padStart(2, '0')}-${french[1]?.padStart(2, '0')}`
    : typed;
  if (isIsoDate(iso)) return iso;
  throw new UnreadableValue(
    'DATE_UNREADABLE',
    `Date illisible « ${typed} » : écrivez-la JJ/MM/AAAA (par exemple 14/05/2003).`,
    `Unreadable date "${typed}": write it DD/MM/YYYY (e.g. 14/05/2003).`,
  );
}

/** A number with its unit or words around it ("5 h", "11,5", "le 5 de chaque mois", "1 200"). */
export function readNumber(text: string): number | undefined {
  const digits = numberIn(text);
  return digits === undefined ? undefined : Number(digits);
}

/** Euros ("350,00 €", "350 €", "1 234,5") → a decimal string ("350.00"), as the schema takes. */
export function readAmount(text: string): string | undefined {
  return numberIn(text.replace(/€|\beuros?\b|\bEUR\b/gi, ' '));
}

/** A country or nationality in French, or an ISO code → the ISO 3166-1 alpha-2 code. */
export function readCountry(text: string): string | undefined {
  const typed = readText(text);
  if (typed === undefined) return undefined;
  const reading = countryFromFrench(typed);
  if (reading.found) return reading.code;
  if (reading.candidates.length > 0) {
    const names = reading.candidates.map((code) => `${countryNameFr(code) ?? code} (${code})`);
    throw new UnreadableValue(
      'COUNTRY_AMBIGUOUS',
      `« ${typed} » peut désigner plusieurs pays : écrivez ${names.join(' ou ')}.`,
      `"${typed}" may mean several countries: write ${names.join(' or ')}.`,
    );
  }
  throw new UnreadableValue(
    'COUNTRY_UNREADABLE',
    `Pays inconnu « ${typed} » : écrivez son nom en français (par exemple Colombie), la nationalité (colombienne) ou le code ISO (CO).`,
    `Unknown country "${typed}": write its French name (e.g. Colombie), the nationality (colombienne) or the ISO code (CO).`,
  );
}

/** Thousands may be grouped by spaces (also no-break and narrow no-break); the decimal mark is , or . */
const NUMBER = /\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?/g;

/** The one number of a text as a decimal string ("11.5"); other digits make it unreadable. */
function numberIn(text: string): string | undefined {
  const typed = readText(text);
  if (typed === undefined) return undefined;
  const numbers = typed.match(NUMBER) ?? [];
  const [only] = numbers;
  const rest = typed.replace(NUMBER, '');
  if (only !== undefined && numbers.length === 1 && !/\d/.test(rest) && !/-\s*$/.test(rest)) {
    return only.replace(/[ \u00a0\u202f]/g, '').replace(',', '.');
  }
  throw new UnreadableValue(
    'NUMBER_UNREADABLE',
    `Nombre illisible « ${typed} » : écrivez un seul nombre, en chiffres (par exemple 11,5).`,
    `Unreadable number "${typed}": write one number, in figures (e.g. 11,5).`,
  );
}
