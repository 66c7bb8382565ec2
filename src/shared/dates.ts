/**
 * Calendar dates as ISO strings 'YYYY-MM-DD'.
 *
 * A form's date is a day on the French calendar, not an instant: all arithmetic runs in UTC so
 * that no time zone or daylight-saving change can move a date by one day. Only `todayInParis`
 * looks at a clock, and it asks for the Paris calendar day explicitly.
 */

/** An ISO calendar date 'YYYY-MM-DD' (an alias that documents intent; not a branded type). */
export type IsoDate = string;

const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

interface CalendarDay {
  year: number;
  month: number; // 1–12
  day: number; // 1–31
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function splitIso(value: string): CalendarDay | null {
  const match = ISO_DATE_PATTERN.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** Parses or throws: the arithmetic helpers refuse invalid input rather than guess. */
function parseIso(value: string): CalendarDay {
  const parsed = splitIso(value);
  if (!parsed) throw new RangeError(`Not a calendar date (YYYY-MM-DD): "${value}"`);
  return parsed;
}

function toUtcMs({ year, month, day }: CalendarDay): number {
  return Date.UTC(year, month - 1, day);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function formatIso({ year, month, day }: CalendarDay): IsoDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function fromUtcMs(ms: number): IsoDate {
  const date = new Date(ms);
  return formatIso({
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
  });
}

/** True for a real calendar date written 'YYYY-MM-DD' ('2026-02-30' and '2026-2-3' are false). */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && splitIso(value) !== null;
}

/** -1, 0 or 1. Valid ISO dates sort as strings, so no parsing is needed. */
export function compareIso(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  parseIso(a);
  parseIso(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `iso` moved by `days` calendar days (negative goes back). */
export function addDays(iso: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`addDays: not a whole number of days: ${days}`);
  return fromUtcMs(toUtcMs(parseIso(iso)) + days * MS_PER_DAY);
}

/**
 * `iso` moved by `months` calendar months, the day clamped to the target month's length:
 * 2026-01-31 + 1 month = 2026-02-28 (the usual reading of "un mois plus tard").
 */
export function addMonths(iso: IsoDate, months: number): IsoDate {
  if (!Number.isInteger(months)) {
    throw new RangeError(`addMonths: not a whole number of months: ${months}`);
  }
  const { year, month, day } = parseIso(iso);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  const targetDay = Math.min(day, daysInMonth(targetYear, targetMonth));
  return formatIso({ year: targetYear, month: targetMonth, day: targetDay });
}

/**
 * Age in full years on `atIso`: the years count up on the birthday itself.
 *
 * Someone born on 29 February has, in a non-leap year, their birthday on 1 March (the French
 * practice for majority and age limits): born 2008-02-29 → 17 on 2026-02-28, 18 on 2026-03-01.
 * Comparing (month, day) with (2, 29) gives exactly that, as 28 February comes before it and
 * 1 March after it.
 */
export function ageAt(birthIso: IsoDate, atIso: IsoDate): number {
  const birth = parseIso(birthIso);
  const at = parseIso(atIso);
  const birthdayPassed =
    at.month > birth.month || (at.month === birth.month && at.day >= birth.day);
  return at.year - birth.year - (birthdayPassed ? 0 : 1);
}

/**
 * Number of days from `a` to `b`, both counted: the same day gives 1, a week Monday–Sunday 7.
 * When `b` is before `a` the result is 0 or negative; callers check the order first.
 */
export function daysBetweenInclusive(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtcMs(parseIso(b)) - toUtcMs(parseIso(a))) / MS_PER_DAY) + 1;
}

/** First day of the calendar quarter containing `iso` (01-01, 04-01, 07-01 or 10-01). */
export function firstDayOfQuarter(iso: IsoDate): IsoDate {
  const { year, month } = parseIso(iso);
  const firstMonth = month - ((month - 1) % 3);
  return formatIso({ year, month: firstMonth, day: 1 });
}

/** Built once: constructing an Intl formatter costs ~0.5 ms, a call to it microseconds. */
const PARIS_CALENDAR = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * Today's date on the Paris calendar (a document dated "today" just after midnight in Paris
 * must not carry yesterday's date because the server clock runs in UTC).
 */
export function todayInParis(now: Date = new Date()): IsoDate {
  const parts = PARIS_CALENDAR.formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((candidate) => candidate.type === type)?.value);
  return formatIso({ year: part('year'), month: part('month'), day: part('day') });
}
