import type { MonitorActivity, MonitorPoint } from '@supchat/contracts';

/** The charts cover the last 15 minutes... */
export const SERIES_WINDOW_MS = 15 * 60_000;
/** ...at one point per second. */
export const SERIES_CAP = 900;
/** Lines of the recent-activity log kept in the page. */
export const ACTIVITY_CAP = 200;

function timeOf(point: { at: string }): number {
  return Date.parse(point.at);
}

/** Keeps the points of the 15 minutes before the newest one, at most SERIES_CAP of them. */
function slideWindow(points: readonly MonitorPoint[]): readonly MonitorPoint[] {
  const newest = points.at(-1);
  if (!newest) return points;
  const cutoff = timeOf(newest) - SERIES_WINDOW_MS;
  let start = Math.max(0, points.length - SERIES_CAP);
  while (start < points.length && timeOf(points[start]) <= cutoff) start++;
  return start === 0 ? points : points.slice(start);
}

/**
 * The series after one more snapshot: the point goes at the end (replacing one of the same second,
 * ignored when older than the newest held), then the window slides.
 */
export function appendPoint(series: readonly MonitorPoint[], point: MonitorPoint): readonly MonitorPoint[] {
  const last = series.at(-1);
  if (last && timeOf(point) < timeOf(last)) return series;
  const base = last && timeOf(point) === timeOf(last) ? series.slice(0, -1) : series;
  return slideWindow([...base, point]);
}

/**
 * The series after a `history` (on every connect): its points and the ones already held, one per
 * second (history wins), in time order, windowed. Points held from before a reconnect survive a
 * server whose history is shorter (it restarted).
 */
export function mergeHistory(
  series: readonly MonitorPoint[],
  history: readonly MonitorPoint[],
): readonly MonitorPoint[] {
  const byTime = new Map<number, MonitorPoint>();
  for (const point of series) byTime.set(timeOf(point), point);
  for (const point of history) if (Number.isFinite(timeOf(point))) byTime.set(timeOf(point), point);
  const merged = [...byTime.entries()].sort(([a], [b]) => a - b).map(([, point]) => point);
  return slideWindow(merged);
}

/** The log after new lines (any order): newest first, at most ACTIVITY_CAP. */
export function prependActivity(
  log: readonly MonitorActivity[],
  lines: readonly MonitorActivity[],
): readonly MonitorActivity[] {
  if (lines.length === 0) return log;
  const newestFirst = [...lines].sort((a, b) => timeOf(b) - timeOf(a));
  return [...newestFirst, ...log].slice(0, ACTIVITY_CAP);
}
