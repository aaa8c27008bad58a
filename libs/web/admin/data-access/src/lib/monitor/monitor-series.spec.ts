import { monitorActivity, monitorPoint } from '../testing/monitor-fixtures';
import {
  ACTIVITY_CAP,
  SERIES_CAP,
  SERIES_WINDOW_MS,
  appendPoint,
  mergeHistory,
  prependActivity,
} from './monitor-series';

const T0 = Date.parse('2026-12-01T10:00:00.000Z');
const second = (n: number) => T0 + n * 1_000;

describe('monitor series', () => {
  it('appends a point per second, oldest first', () => {
    let series = appendPoint([], monitorPoint(second(0), { sockets: 1 }));
    series = appendPoint(series, monitorPoint(second(1), { sockets: 2 }));
    expect(series.map((point) => point.sockets)).toEqual([1, 2]);
  });

  it('replaces a point of the same second and ignores one older than the newest', () => {
    let series = appendPoint([], monitorPoint(second(5), { sockets: 1 }));
    series = appendPoint(series, monitorPoint(second(5), { sockets: 3 }));
    series = appendPoint(series, monitorPoint(second(4), { sockets: 9 }));
    expect(series).toEqual([monitorPoint(second(5), { sockets: 3 })]);
  });

  it('keeps only the 15 minutes before the newest point', () => {
    let series = appendPoint([], monitorPoint(second(0)));
    series = appendPoint(series, monitorPoint(second(60)));
    series = appendPoint(series, monitorPoint(T0 + SERIES_WINDOW_MS + 30_000));
    expect(series.map((point) => Date.parse(point.at))).toEqual([second(60), T0 + SERIES_WINDOW_MS + 30_000]);
  });

  it('never holds more than 900 points', () => {
    let series = appendPoint([], monitorPoint(T0));
    // Twice a second for 10 minutes: 1,200 points within the window, 900 kept (the newest).
    for (let index = 1; index < 1_200; index++) series = appendPoint(series, monitorPoint(T0 + index * 500));
    expect(series).toHaveLength(SERIES_CAP);
    expect(series.at(-1)?.at).toBe(new Date(T0 + 1_199 * 500).toISOString());
  });

  it('merges a history with the points held, one per second, the history winning', () => {
    const held = [monitorPoint(second(1), { sockets: 1 }), monitorPoint(second(2), { sockets: 2 })];
    const history = [monitorPoint(second(3), { sockets: 30 }), monitorPoint(second(2), { sockets: 20 })];
    expect(mergeHistory(held, history).map((point) => point.sockets)).toEqual([1, 20, 30]);
  });

  it('puts new activity first, newest first, and caps the log', () => {
    const older = monitorActivity('2026-12-01T10:00:00.000Z', { kind: 'connect' });
    const lines = [
      monitorActivity('2026-12-01T10:00:01.000Z', { kind: 'disconnect' }),
      monitorActivity('2026-12-01T10:00:02.000Z', { kind: 'error', code: 'FORBIDDEN' }),
    ];
    expect(prependActivity([older], lines).map((line) => line.kind)).toEqual([
      'error',
      'disconnect',
      'connect',
    ]);

    const many = Array.from({ length: ACTIVITY_CAP + 50 }, (_, index) =>
      monitorActivity(new Date(T0 + index).toISOString()),
    );
    const log = prependActivity([], many);
    expect(log).toHaveLength(ACTIVITY_CAP);
    expect(log[0].at).toBe(new Date(T0 + ACTIVITY_CAP + 49).toISOString());
  });
});
