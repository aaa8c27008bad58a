import type { Message } from '@supchat/contracts';
import { isGroupedWith, startsNewDay } from './timeline';

const at = (date: Date, overrides: Partial<Message> = {}) =>
  ({ authorId: 'alice', createdAt: date.toISOString(), deletedAt: null, ...overrides }) as Message;

describe('timeline grouping', () => {
  const first = at(new Date(2026, 2, 11, 10, 0));

  it('groups the same author within five minutes', () => {
    expect(isGroupedWith(first, at(new Date(2026, 2, 11, 10, 4)))).toBe(true);
    expect(isGroupedWith(first, at(new Date(2026, 2, 11, 10, 5)))).toBe(false);
    expect(isGroupedWith(first, at(new Date(2026, 2, 11, 10, 1), { authorId: 'bob' }))).toBe(false);
    expect(isGroupedWith(undefined, first)).toBe(false);
  });

  it('does not group across midnight or around a deleted message', () => {
    const late = at(new Date(2026, 2, 11, 23, 58));
    expect(isGroupedWith(late, at(new Date(2026, 2, 12, 0, 1)))).toBe(false);
    expect(isGroupedWith(first, at(new Date(2026, 2, 11, 10, 1), { deletedAt: 'x' }))).toBe(false);
  });

  it('puts a day separator before the first message and between days', () => {
    expect(startsNewDay(null, first)).toBe(true);
    expect(startsNewDay(first, at(new Date(2026, 2, 11, 23, 0)))).toBe(false);
    expect(startsNewDay(first, at(new Date(2026, 2, 12, 0, 0)))).toBe(true);
  });
});
