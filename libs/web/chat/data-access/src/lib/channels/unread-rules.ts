import type { Channel, Message } from '@supchat/contracts';

/** The message names the user, or the whole channel (@channel, @here, @everyone). */
export function mentions(message: Message, userId: string): boolean {
  return message.mentionsChannel || message.mentions.includes(userId);
}

/**
 * In a direct conversation every unread message calls for the reader's attention like a mention
 * does (the server's `mentionCount` counts explicit mentions only), so its mentionCount is at least
 * its unreadCount.
 */
export function withDirectMentions(channel: Channel): Channel {
  return channel.type === 'direct' && channel.mentionCount < channel.unreadCount
    ? { ...channel, mentionCount: channel.unreadCount }
    : channel;
}

/**
 * The counts after someone else's new message arrived in a channel the user is not reading: a
 * top-level message is unread (replies are not: DESIGN section 2), a mention counts in either.
 */
export function countNewMessage(channel: Channel, message: Message, userId: string): Channel {
  const topLevel = message.parentId === null;
  return withDirectMentions({
    ...channel,
    unreadCount: channel.unreadCount + (topLevel ? 1 : 0),
    mentionCount: channel.mentionCount + (mentions(message, userId) ? 1 : 0),
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
