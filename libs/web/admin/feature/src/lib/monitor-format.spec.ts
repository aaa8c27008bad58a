import {
  NO_VALUE,
  formatBytes,
  formatClock,
  formatCount,
  formatDuration,
  formatMs,
  formatPercent,
  formatRate,
} from './monitor-format';

/** Intl puts (narrow) no-break spaces between numbers and units; compare with plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('monitor formats', () => {
  it('formats counts and rates for the locale', () => {
    expect(plain(formatCount(12345, 'en'))).toBe('12,345');
    expect(plain(formatCount(12345, 'fr'))).toBe('12 345');
    expect(formatRate(0.25, 'en')).toBe('0.25');
    expect(formatRate(0.25, 'fr')).toBe('0,25');
    expect(formatRate(123.45, 'en')).toBe('123.5');
    expect(formatCount(null, 'en')).toBe(NO_VALUE);
  });

  it('formats milliseconds with a decimal only when small', () => {
    expect(plain(formatMs(3.456, 'en'))).toBe('3.5 ms');
    expect(plain(formatMs(42.7, 'fr'))).toBe('43 ms');
    expect(formatMs(null, 'en')).toBe(NO_VALUE);
  });

  it('formats memory in MB, GB from 1,000 MB, in the locale’s units', () => {
    expect(plain(formatBytes(120 * 1024 * 1024, 'en'))).toBe('120 MB');
    expect(plain(formatBytes(120 * 1024 * 1024, 'fr'))).toBe('120 Mo');
    expect(plain(formatBytes(1.5 * 1024 * 1024 * 1024, 'en'))).toBe('1.5 GB');
  });

  it('formats CPU as a percentage of one core', () => {
    expect(plain(formatPercent(3.54, 'en'))).toBe('3.5%');
    expect(plain(formatPercent(3.54, 'fr'))).toBe('3,5 %');
    expect(plain(formatPercent(150, 'en'))).toBe('150%');
  });

  it('formats uptimes as their two largest units', () => {
    expect(plain(formatDuration(8_400, 'en'))).toBe('8 sec');
    expect(plain(formatDuration(5 * 60_000 + 12_000, 'en'))).toBe('5 min 12 sec');
    expect(plain(formatDuration(2 * 86_400_000 + 3 * 3_600_000 + 59_000, 'en'))).toBe('2 days 3 hr');
    expect(plain(formatDuration(3_600_000 + 30_000, 'en'))).toBe('1 hr');
    expect(plain(formatDuration(0, 'fr'))).toBe('0 s');
  });

  it('shows activity times with seconds, in local time', () => {
    const at = new Date(2026, 11, 1, 15, 5, 9).getTime();
    expect(plain(formatClock(at, 'en'))).toBe('3:05:09 PM');
    expect(formatClock(at, 'fr')).toBe('15:05:09');
    expect(formatClock('not a time', 'en')).toBe(NO_VALUE);
  });
});
