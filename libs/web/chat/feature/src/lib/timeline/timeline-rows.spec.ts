import type { Message } from '@supchat/contracts';
import type { OutgoingMessage } from '@supchat/web/chat/data-access';
import { buildTimelineRows } from './timeline-rows';

const alice = { id: 'a'.repeat(24), username: 'alice', displayName: 'Alice', avatarUrl: null };
const bob = { id: 'b'.repeat(24), username: 'bob', displayName: 'Bob', avatarUrl: null };

function message(seq: number, author = alice, createdAt = `2026-05-01T10:0${seq}:00.000Z`): Message {
  return {
    id: `${seq}`.padStart(24, '0'),
    channelId: 'c'.repeat(24),
    seq,
    rev: seq,
    authorId: author.id,
    author,
    content: `m${seq}`,
    mentions: [],
    mentionsChannel: false,
    parentId: null,
    replyCount: 0,
    lastReplyAt: null,
    reactions: [],
    attachments: [],
    clientMessageId: `c${seq}`,
    createdAt,
    editedAt: null,
    deletedAt: null,
  };
}

describe('buildTimelineRows', () => {
  it('adds a day separator per day and groups consecutive messages of one author', () => {
    const rows = buildTimelineRows(
      [message(1), message(2), message(3, bob), message(4, bob, '2026-05-02T09:00:00.000Z')],
      [],
      null,
      alice.id,
    );
    expect(
      rows.map((row) =>
        row.kind === 'message' ? `${row.message.content}${row.grouped ? '+' : ''}` : row.kind,
      ),
    ).toEqual(['day', 'm1', 'm2+', 'm3', 'day', 'm4']);
  });

  it('draws the new-messages line before the first unread message of somebody else, after the day line', () => {
    const rows = buildTimelineRows(
      [message(1, bob), message(2), message(3, bob)],
      [],
      { readSeq: 1, upToSeq: 3 },
      alice.id,
    );
    expect(rows.map((row) => (row.kind === 'message' ? row.message.content : row.kind))).toEqual([
      'day',
      'm1',
      'm2',
      'divider',
      'm3',
    ]);
    const fromStart = buildTimelineRows([message(1, bob)], [], { readSeq: 0, upToSeq: 1 }, alice.id);
    expect(fromStart.map((row) => row.kind)).toEqual(['day', 'divider', 'message']);
  });

  it('draws no line for messages that arrive while the channel is open', () => {
    const rows = buildTimelineRows([message(1), message(2, bob)], [], { readSeq: 1, upToSeq: 1 }, alice.id);
    expect(rows.some((row) => row.kind === 'divider')).toBe(false);
  });

  it('appends unconfirmed messages with their status and keeps own confirmed rows keyed by clientMessageId', () => {
    const pending: OutgoingMessage = {
      clientMessageId: 'local-1',
      channelId: 'c'.repeat(24),
      parentId: null,
      content: 'on its way',
      author: alice,
      createdAt: '2026-05-01T10:09:00.000Z',
      status: 'pending',
      error: null,
    };
    const rows = buildTimelineRows(
      [message(1)],
      [pending, { ...pending, clientMessageId: 'local-2', status: 'failed' }],
      null,
      alice.id,
    );
    const messages = rows.filter((row) => row.kind === 'message');
    expect(messages.map((row) => [row.key, row.status])).toEqual([
      ['c1', 'sent'],
      ['local-1', 'pending'],
      ['local-2', 'failed'],
    ]);
  });
});
