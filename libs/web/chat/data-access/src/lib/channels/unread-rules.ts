import type { Channel, Message } from '@supchat/contracts';

/** The message names the user, or the whole channel (@channel, @here, @everyone). */
export function mentions(message: Message, userId: string): boolean {
  return message.mentionsChannel || message.mentions.includes(userId);
}

/**
 * In a direct conversation every message of others calls for the reader's attention like a mention
 * does (the server counts each one, replies included, in `mentionCount`), so its mentionCount is at
 * least its unreadCount. A guard for counts from elsewhere; the server's already hold it.
 */
export function withDirectMentions(channel: Channel): Channel {
  return channel.type === 'direct' && channel.mentionCount < channel.unreadCount
    ? { ...channel, mentionCount: channel.unreadCount }
    : channel;
}

/** How one message of someone else counts in a channel's badges (DESIGN section 2). */
export interface MessageCount {
  /** Top-level: unread (replies are not). */
  unread: boolean;
  /** Mentions the user or the channel; in a direct conversation, every message (replies too). */
  mention: boolean;
}

export function countOf(channel: Channel, message: Message, userId: string): MessageCount {
  return {
    unread: message.parentId === null,
    mention: channel.type === 'direct' || mentions(message, userId),
  };
}

/** The counts after a message of someone else counted as `count` arrived (+1) or went (-1). */
export function applyCount(channel: Channel, count: MessageCount, sign: 1 | -1): Channel {
  return withDirectMentions({
    ...channel,
    unreadCount: Math.max(0, channel.unreadCount + (count.unread ? sign : 0)),
    mentionCount: Math.max(0, channel.mentionCount + (count.mention ? sign : 0)),
  });
}

/** What the channel list's badge and the tab title count for a channel. */
export function attentionCount(channel: Channel): number {
  return Math.max(channel.unreadCount, channel.mentionCount);
}

/** Channels sort by name, case-insensitively and by the user's locale. */
export function byName(a: Channel, b: Channel): number {
  return a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.id.localeCompare(b.id);
}
