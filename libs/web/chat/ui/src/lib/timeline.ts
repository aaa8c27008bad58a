import type { Message } from '@supchat/contracts';
import { calendarDaysAgo } from '@supchat/web/shared/i18n';

/** Messages of one author closer together than this are grouped (one avatar and name). */
export const GROUP_WINDOW_MS = 5 * 60_000;

/**
 * Whether `message` is shown `grouped` under `previous`: same author, same day, within
 * `GROUP_WINDOW_MS`, and neither one deleted (a tombstone keeps its header so it reads as a row).
 */
export function isGroupedWith(
  previous: Message | null | undefined,
  message: Message,
  windowMs = GROUP_WINDOW_MS,
): boolean {
  if (!previous || previous.authorId !== message.authorId) return false;
  if (previous.deletedAt !== null || message.deletedAt !== null) return false;
  const gap = Date.parse(message.createdAt) - Date.parse(previous.createdAt);
  return gap >= 0 && gap < windowMs && !startsNewDay(previous, message);
}

/** Whether a day separator goes between `previous` and `message` (local calendar days). */
export function startsNewDay(previous: Message | null | undefined, message: Message): boolean {
  return !previous || calendarDaysAgo(previous.createdAt, message.createdAt) !== 0;
}
