import { GENERAL, message } from '../../test/chat-harness';
import { applyDeletion, mergeMessages } from './message-merge';

describe('mergeMessages', () => {
  const a = message({ seq: 1, id: 'a'.repeat(24) });
  const b = message({ seq: 5, id: 'b'.repeat(24) });

  it('orders by seq, keeps one entry per id and the higher rev', () => {
    const merged = mergeMessages([b], [{ ...a, rev: 7, content: 'new' }, a, { ...b, rev: 4 }]);
    expect(merged.map((m) => [m.id, m.rev])).toEqual([
      [a.id, 7],
      [b.id, 5],
    ]);
    expect(merged[0].content).toBe('new');
  });

  it('returns the same array when nothing is newer', () => {
    const list = [a, b];
    expect(mergeMessages(list, [a, { ...b, rev: 2 }])).toBe(list);
  });

  it('turns a message into a tombstone only for a newer deletion', () => {
    const list = [a, b];
    expect(applyDeletion(list, { id: b.id, channelId: GENERAL, rev: 5 }, 'now')).toBe(list);
    const [, tombstone] = applyDeletion(
      list,
      { id: b.id, channelId: GENERAL, rev: 6 },
      '2026-01-03T00:00:00.000Z',
    );
    expect(tombstone).toMatchObject({ id: b.id, rev: 6, content: '', deletedAt: '2026-01-03T00:00:00.000Z' });
  });
});
