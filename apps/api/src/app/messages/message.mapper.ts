import type { Message, UserSummary } from '@supchat/contracts';
import type { MessageRecord } from './messages.repository';

/** Shown for an author whose account no longer exists. */
export function unknownAuthor(id: string): UserSummary {
  return { id, username: 'unknown', displayName: 'Unknown user', avatarUrl: null };
}

export function toMessageDto(message: MessageRecord, author: UserSummary): Message {
  return {
    id: message.id,
    channelId: message.channelId,
    seq: message.seq,
    rev: message.rev,
    authorId: message.authorId,
    author,
    content: message.content,
    mentions: message.mentions,
    mentionsChannel: message.mentionsChannel,
    parentId: message.parentId,
    replyCount: message.replyCount,
    lastReplyAt: message.lastReplyAt ? message.lastReplyAt.toISOString() : null,
    reactions: message.reactions.map((reaction) => ({
      emoji: reaction.emoji,
      userIds: reaction.userIds,
      count: reaction.userIds.length,
    })),
    attachments: [],
    clientMessageId: message.clientMessageId,
    createdAt: message.createdAt.toISOString(),
    editedAt: message.editedAt ? message.editedAt.toISOString() : null,
    deletedAt: message.deletedAt ? message.deletedAt.toISOString() : null,
  };
}
