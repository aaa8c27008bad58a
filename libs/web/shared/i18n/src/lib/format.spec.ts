import {
  calendarDaysAgo,
  formatDayLabel,
  formatFullTimestamp,
  formatRelativeTime,
  formatShortDate,
  formatTimeOfDay,
} from './format';

// Local times, so the expectations hold in any time zone.
const now = new Date(2026, 2, 11, 15, 5); // Wednesday 11 March 2026, 15:05

describe('date formatting', () => {
  it('formats the time of day per locale', () => {
    expect(formatTimeOfDay(new Date(2026, 2, 11, 15, 5), 'en')).toMatch(/^3:05\sPM$/);
    expect(formatTimeOfDay(new Date(2026, 2, 11, 9, 7), 'fr')).toBe('09:07');
    expect(formatTimeOfDay(new Date(2026, 2, 11, 9, 7).toISOString(), 'fr')).toBe('09:07');
  });

  it('counts calendar days, not 24-hour periods', () => {
    expect(calendarDaysAgo(new Date(2026, 2, 11, 0, 1), now)).toBe(0);
    expect(calendarDaysAgo(new Date(2026, 2, 10, 23, 59), now)).toBe(1);
    expect(calendarDaysAgo(new Date(2026, 2, 12, 0, 0), now)).toBe(-1);
  });

  it('labels day separators: today, yesterday, weekday, then the full date', () => {
    expect(formatDayLabel(new Date(2026, 2, 11, 8), 'en', now)).toBe('Today');
    expect(formatDayLabel(new Date(2026, 2, 11, 8), 'fr', now)).toBe('Aujourd’hui');
    expect(formatDayLabel(new Date(2026, 2, 10, 8), 'en', now)).toBe('Yesterday');
    expect(formatDayLabel(new Date(2026, 2, 10, 8), 'fr', now)).toBe('Hier');
    expect(formatDayLabel(new Date(2026, 2, 9, 8), 'en', now)).toBe('Monday');
    expect(formatDayLabel(new Date(2026, 2, 9, 8), 'fr', now)).toBe('Lundi');
    expect(formatDayLabel(new Date(2026, 2, 3, 8), 'en', now)).toBe('Tuesday, March 3');
    expect(formatDayLabel(new Date(2026, 2, 3, 8), 'fr', now)).toBe('Mardi 3 mars');
    expect(formatDayLabel(new Date(2025, 11, 24, 8), 'en', now)).toBe('Wednesday, December 24, 2025');
    expect(formatDayLabel(new Date(2025, 11, 24, 8), 'fr', now)).toBe('Mercredi 24 décembre 2025');
  });

  it('formats full timestamps for tooltips', () => {
    expect(formatFullTimestamp(new Date(2026, 2, 3, 15, 5), 'en')).toMatch(
      /^Tuesday, March 3, 2026 at 3:05\sPM$/,
    );
    expect(formatFullTimestamp(new Date(2026, 2, 3, 15, 5), 'fr')).toBe('mardi 3 mars 2026 à 15:05');
  });

  it('formats relative times', () => {
    const ago = (ms: number) => new Date(now.getTime() - ms);
    expect(formatRelativeTime(ago(5 * 60_000), 'en', now)).toBe('5 minutes ago');
    expect(formatRelativeTime(ago(5 * 60_000), 'fr', now)).toBe('il y a 5 minutes');
    expect(formatRelativeTime(ago(3 * 3_600_000), 'en', now)).toBe('3 hours ago');
    expect(formatRelativeTime(new Date(2026, 2, 10, 9), 'en', now)).toBe('yesterday');
    expect(formatRelativeTime(new Date(2026, 2, 10, 9), 'fr', now)).toBe('hier');
    expect(formatRelativeTime(new Date(2026, 2, 7, 9), 'en', now)).toBe('4 days ago');
    expect(formatRelativeTime(new Date(2026, 1, 20, 9), 'en', now)).toBe('3 weeks ago');
    expect(formatRelativeTime(new Date(2025, 8, 11, 9), 'fr', now)).toBe('il y a 6 mois');
  });

  it('formats short dates with the year only when it differs', () => {
    expect(formatShortDate(new Date(2026, 2, 3), 'en', now)).toBe('March 3');
    expect(formatShortDate(new Date(2025, 2, 3), 'fr', now)).toBe('3 mars 2025');
  });
});
