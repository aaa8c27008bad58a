import type { Message, UserSummary } from '@supchat/contracts';
import type { OutgoingMessage } from '@supchat/web/chat/data-access';
import type { MessageStatus } from '@supchat/web/chat/ui';
import { isGroupedWith, startsNewDay } from '@supchat/web/chat/ui';
import { toDateString } from '@supchat/web/shared/i18n';

/** Separator rows move when older history arrives, so they never anchor the view. */
export function isMessageRowKey(key: string): boolean {
  return !key.startsWith('day:') && key !== 'divider';
}

export type TimelineRow =
  | { kind: 'day'; key: string; date: string }
  | { kind: 'divider'; key: string }
  | {
      kind: 'message';
      key: string;
      message: Message;
      grouped: boolean;
      status: MessageStatus;
      clientMessageId: string | null;
    };

/** An unconfirmed message, shaped like a server message so the same row component shows it. */
export function outgoingAsMessage(outgoing: OutgoingMessage, author: UserSummary): Message {
  return {
    id: outgoing.clientMessageId,
    channelId: outgoing.channelId,
    seq: Number.MAX_SAFE_INTEGER,
    rev: 0,
    authorId: author.id,
    author,
    content: outgoing.content,
    mentions: [],
    mentionsChannel: false,
    parentId: outgoing.parentId,
    replyCount: 0,
    lastReplyAt: null,
    reactions: [],
    attachments: [],
    clientMessageId: outgoing.clientMessageId,
    createdAt: outgoing.createdAt,
    editedAt: null,
    deletedAt: null,
  };
}

/** Where the "new messages" line goes: after `readSeq`, for messages up to `upToSeq` (unread at open). */
export interface UnreadWindow {
  readSeq: number;
  upToSeq: number;
}

/**
 * The rows of a timeline: day separators, a "new messages" line before the first message of the
 * unread window that is not the reader's own (messages arriving while the channel is open get no
 * line), messages (grouped under the previous one of the same author), then the reader's
 * unconfirmed messages.
 */
export function buildTimelineRows(
  messages: readonly Message[],
  outgoing: readonly OutgoingMessage[],
  unread: UnreadWindow | null,
  currentUserId: string | null,
): TimelineRow[] {
  const rows: TimelineRow[] = [];
  let previous: Message | null = null;
  let dividerPlaced = unread === null;
  const isFirstUnread = (message: Message, status: MessageStatus) =>
    !dividerPlaced &&
    unread !== null &&
    status === 'sent' &&
    message.seq > unread.readSeq &&
    message.seq <= unread.upToSeq &&
    message.authorId !== currentUserId;
  const push = (message: Message, status: MessageStatus, clientMessageId: string | null) => {
    if (startsNewDay(previous, message)) {
      rows.push({
        kind: 'day',
        key: `day:${toDateString(message.createdAt)}`,
        date: message.createdAt,
      });
    }
    if (isFirstUnread(message, status)) {
      rows.push({ kind: 'divider', key: 'divider' });
      dividerPlaced = true;
    }
    rows.push({
      kind: 'message',
      key: clientMessageId ?? message.id,
      message,
      grouped: isGroupedWith(previous, message),
      status,
      clientMessageId,
    });
    previous = message;
  };
  for (const message of messages) {
    // A confirmed message keeps its clientMessageId as key, so the row does not flicker when the
    // pending copy is replaced by the server's.
    push(message, 'sent', message.authorId === currentUserId ? message.clientMessageId : null);
  }
  for (const entry of outgoing) {
    const status = entry.status === 'failed' ? 'failed' : 'pending';
    push(outgoingAsMessage(entry, entry.author), status, entry.clientMessageId);
  }
  return rows;
}
