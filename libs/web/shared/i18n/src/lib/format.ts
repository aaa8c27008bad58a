import type { Locale } from './types';

/** A date, an ISO-8601 string (the wire format) or epoch milliseconds. */
export type DateInput = Date | string | number;

const DAY_MS = 86_400_000;
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const relativeFormats = new Map<Locale, Intl.RelativeTimeFormat>();

export function toDate(value: DateInput): Date {
  return value instanceof Date ? value : new Date(value);
}

/** The local calendar date as YYYY-MM-DD (for `<time datetime>`). */
export function toDateString(value: DateInput): string {
  const date = toDate(value);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const cacheKey = `${locale}|${JSON.stringify(options)}`;
  let format = dateFormats.get(cacheKey);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(cacheKey, format);
  }
  return format;
}

function relativeFormat(locale: Locale): Intl.RelativeTimeFormat {
  let format = relativeFormats.get(locale);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeFormats.set(locale, format);
  }
  return format;
}

/** "today" -> "Today", "lundi" -> "Lundi": labels that start a line. */
export function capitalize(text: string, locale: Locale): string {
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

/** Calendar days (local time) from `value` to `now`: 0 today, 1 yesterday, negative in the future. */
export function calendarDaysAgo(value: DateInput, now: DateInput = new Date()): number {
  const startOf = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
  // Rounded: a day with a daylight-saving change lasts 23 or 25 hours.
  return Math.round((startOf(toDate(now)) - startOf(toDate(value))) / DAY_MS);
}

/** Time of day: "3:05 PM" (en), "15:05" (fr). */
export function formatTimeOfDay(value: DateInput, locale: Locale): string {
  return dateFormat(locale, { timeStyle: 'short' }).format(toDate(value));
}

/** Date and time for tooltips: "Tuesday, March 3, 2026 at 3:05 PM", "mardi 3 mars 2026 à 15:05". */
export function formatFullTimestamp(value: DateInput, locale: Locale): string {
  return dateFormat(locale, { dateStyle: 'full', timeStyle: 'short' }).format(toDate(value));
}

/** "Tuesday, March 3" ("mardi 3 mars"), with the year when it is not the current one. */
export function formatLongDate(value: DateInput, locale: Locale, now: DateInput = new Date()): string {
  const date = toDate(value);
  const sameYear = date.getFullYear() === toDate(now).getFullYear();
  return dateFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(date);
}

/** "March 3" ("3 mars"), with the year when it is not the current one. */
export function formatShortDate(value: DateInput, locale: Locale, now: DateInput = new Date()): string {
  const date = toDate(value);
  const sameYear = date.getFullYear() === toDate(now).getFullYear();
  return dateFormat(locale, {
    day: 'numeric',
    month: 'long',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(date);
}

/**
 * The label of a day separator: "Today", "Yesterday", the weekday within the last week, else the
 * full date ("Tuesday, March 3", plus the year for another year).
 */
export function formatDayLabel(value: DateInput, locale: Locale, now: DateInput = new Date()): string {
  const daysAgo = calendarDaysAgo(value, now);
  if (daysAgo === 0 || daysAgo === 1)
    return capitalize(relativeFormat(locale).format(-daysAgo, 'day'), locale);
  if (daysAgo > 1 && daysAgo < 7) {
    return capitalize(dateFormat(locale, { weekday: 'long' }).format(toDate(value)), locale);
  }
  return capitalize(formatLongDate(value, locale, now), locale);
}

/**
 * How long ago (or until) `value`: "5 minutes ago", "yesterday", "il y a 3 heures". Under 45 seconds
 * it says "now" ("maintenant"); callers that prefer "just now" check `isJustNow` first.
 */
export function formatRelativeTime(value: DateInput, locale: Locale, now: DateInput = new Date()): string {
  const format = relativeFormat(locale);
  const seconds = (toDate(value).getTime() - toDate(now).getTime()) / 1000;
  const abs = Math.abs(seconds);
  if (abs < 45) return format.format(0, 'second');
  if (abs < 45 * 60) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 22 * 3600) return format.format(Math.round(seconds / 3600), 'hour');
  const days = -calendarDaysAgo(value, now);
  if (Math.abs(days) < 7) return format.format(days, 'day');
  if (Math.abs(days) < 28) return format.format(Math.round(days / 7), 'week');
  if (Math.abs(days) < 335) return format.format(Math.round(days / 30.44), 'month');
  return format.format(Math.round(days / 365.25), 'year');
}

/** Less than 45 seconds away from now (either way). */
export function isJustNow(value: DateInput, now: DateInput = new Date()): boolean {
  return Math.abs(toDate(value).getTime() - toDate(now).getTime()) < 45_000;
}
