import type { Locale } from '@supchat/web/shared/i18n';

/** Number formats of the dashboard, by locale ('12 ms', '3,5 %', '120 Mo', '2 h 5 min'). */
const formats = new Map<string, Intl.NumberFormat>();

function format(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let numberFormat = formats.get(key);
  if (!numberFormat) {
    numberFormat = new Intl.NumberFormat(locale, options);
    formats.set(key, numberFormat);
  }
  return numberFormat;
}

/** What the dashboard shows for a value it does not have. */
export const NO_VALUE = '—';

export function formatCount(value: number | null, locale: Locale): string {
  return value === null ? NO_VALUE : format(locale, { maximumFractionDigits: 0 }).format(value);
}

/** Rates (messages or errors per second): up to 2 decimals below 10, 1 above. */
export function formatRate(value: number | null, locale: Locale): string {
  if (value === null) return NO_VALUE;
  return format(locale, { maximumFractionDigits: Math.abs(value) < 10 ? 2 : 1 }).format(value);
}

/** Milliseconds: one decimal below 10 ms, whole above. */
export function formatMs(value: number | null, locale: Locale): string {
  if (value === null || !Number.isFinite(value)) return NO_VALUE;
  return format(locale, {
    style: 'unit',
    unit: 'millisecond',
    unitDisplay: 'short',
    maximumFractionDigits: Math.abs(value) < 10 ? 1 : 0,
  }).format(value);
}

/** Bytes as MB (or GB from 1,000 MB), one decimal when small. */
export function formatBytes(value: number | null, locale: Locale): string {
  if (value === null) return NO_VALUE;
  const megabytes = value / (1024 * 1024);
  const [amount, unit] = megabytes >= 1000 ? [megabytes / 1024, 'gigabyte'] : [megabytes, 'megabyte'];
  return format(locale, {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: amount < 10 ? 1 : 0,
  }).format(amount);
}

/** A percentage given as 0..100 (CPU of one core may pass 100). */
export function formatPercent(value: number | null, locale: Locale): string {
  if (value === null) return NO_VALUE;
  return format(locale, { style: 'percent', maximumFractionDigits: value < 10 ? 1 : 0 }).format(value / 100);
}

const DURATION_UNITS = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
] as const;

/** A duration as its two largest units: '2 d 3 h', '5 min 12 s', '8 s'. */
export function formatDuration(ms: number | null, locale: Locale): string {
  if (ms === null || !Number.isFinite(ms)) return NO_VALUE;
  let rest = Math.max(0, Math.floor(ms / 1000) * 1000);
  const parts: string[] = [];
  for (const [unit, size] of DURATION_UNITS) {
    const amount = Math.floor(rest / size);
    rest -= amount * size;
    if (amount > 0 || (parts.length === 0 && unit === 'second')) {
      parts.push(format(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(amount));
    }
    if (parts.length === 2) break;
    if (parts.length === 1 && amount === 0) break;
  }
  return parts.join(' ');
}

const clocks = new Map<string, Intl.DateTimeFormat>();

/** A time of day with seconds ('3:05:09 PM', '15:05:09'), for the activity log. */
export function formatClock(value: string | number, locale: Locale): string {
  const time = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(time)) return NO_VALUE;
  let clock = clocks.get(locale);
  if (!clock) {
    clock = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', second: '2-digit' });
    clocks.set(locale, clock);
  }
  return clock.format(time);
}
