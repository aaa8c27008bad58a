export interface ReactionRecord {
  emoji: string;
  userIds: string[];
}

export interface MessageRecord {
  id: string;
  channelId: string;
  seq: number;
  rev: number;
  authorId: string;
  content: string;
  mentions: string[];
  mentionsChannel: boolean;
  parentId: string | null;
  replyCount: number;
  lastReplyAt: Date | null;
  reactions: ReactionRecord[];
  clientMessageId: string | null;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
}

export interface NewMessage {
  channelId: string;
  authorId: string;
  content: string;
  mentions: string[];
  mentionsChannel: boolean;
  parentId: string | null;
  clientMessageId: string | null;
}

export interface MessageEdit {
  content: string;
  mentions: string[];
  mentionsChannel: boolean;
}

export interface TimelineQuery {
  before?: number;
  after?: number;
  limit: number;
}

export type ReactionChange = 'add' | 'remove' | 'toggle';

/** A message has reached the limit of distinct reactions. */
export class TooManyReactionsError extends Error {
  constructor(readonly limit: number) {
    super(`at most ${limit} distinct reactions per message`);
    this.name = 'TooManyReactionsError';
  }
}

export interface InsertResult {
  message: MessageRecord;
  created: boolean;
  /** For a new reply: its parent, with the reply counted under a new rev. */
  parent: MessageRecord | null;
}

export interface DeleteResult {
  message: MessageRecord;
  /** False when the message was already deleted (nothing changed). */
  changed: boolean;
  /** For a reply that was just deleted: its parent, with one reply less under a new rev. */
  parent: MessageRecord | null;
}

/**
 * Every method that changes a message takes the channel's next rev for each message it changes.
 * Callers serialise the writes of a channel (DESIGN section 3: revs must land in order).
 */
export interface MessagesRepository {
  /**
   * Takes the channel's next rev (which is also the message's seq) and stores the message; a reply
   * also counts on its parent (`replyCount`, `lastReplyAt`) under one more rev. With a
   * clientMessageId already used by this author it stores nothing and returns the first message.
   */
  insert(message: NewMessage): Promise<InsertResult>;
  findById(id: string): Promise<MessageRecord | null>;
  findByIds(ids: readonly string[]): Promise<MessageRecord[]>;
  /** Applies an edit under a new rev; null when the message is missing or deleted. */
  edit(id: string, edit: MessageEdit, editedAt: Date): Promise<MessageRecord | null>;
  /**
   * Turns the message into a tombstone (content, mentions and reactions cleared) under a new rev;
   * a deleted reply no longer counts on its parent. Null when missing.
   */
  softDelete(id: string, deletedAt: Date): Promise<DeleteResult | null>;
  /**
   * Adds, removes or toggles `userId`'s `emoji` reaction under a new rev (no new rev when nothing
   * changes). Throws TooManyReactionsError past `maxDistinct`. Null when missing or deleted.
   */
  react(
    id: string,
    emoji: string,
    userId: string,
    change: ReactionChange,
    maxDistinct: number,
  ): Promise<{ message: MessageRecord; changed: boolean } | null>;
  /** The message an author sent with this clientMessageId, if any. */
  findByClientId(authorId: string, clientMessageId: string): Promise<MessageRecord | null>;
  /** A page of a thread's replies in ascending seq. */
  replies(
    parentId: string,
    after: number,
    limit: number,
  ): Promise<{ messages: MessageRecord[]; hasMore: boolean }>;
  /** A page of top-level messages in ascending seq (tombstones included). */
  timeline(channelId: string, query: TimelineQuery): Promise<{ messages: MessageRecord[]; hasMore: boolean }>;
  /** Every message whose rev is above `sinceRev`, by rev. */
  changes(
    channelId: string,
    sinceRev: number,
    limit: number,
  ): Promise<{ messages: MessageRecord[]; lastRev: number; hasMore: boolean }>;
  /** How many messages are stored (tombstones included), cheaply: for metrics, not for logic. */
  count(): Promise<number>;
}

export const MESSAGES_REPOSITORY = Symbol('MESSAGES_REPOSITORY');

/** The reactions after one change, or null when nothing changes. Throws past `maxDistinct`. */
export function applyReaction(
  reactions: readonly ReactionRecord[],
  emoji: string,
  userId: string,
  change: ReactionChange,
  maxDistinct: number,
): ReactionRecord[] | null {
  const existing = reactions.find((reaction) => reaction.emoji === emoji);
  const present = existing?.userIds.includes(userId) ?? false;
  const add = change === 'toggle' ? !present : change === 'add';
  if (add === present) return null;
  if (add) {
    if (existing)
      return reactions.map((r) => (r === existing ? { emoji, userIds: [...r.userIds, userId] } : r));
    if (reactions.length >= maxDistinct) throw new TooManyReactionsError(maxDistinct);
    return [...reactions, { emoji, userIds: [userId] }];
  }
  return reactions
    .map((r) => (r === existing ? { emoji, userIds: r.userIds.filter((id) => id !== userId) } : r))
    .filter((r) => r.userIds.length > 0);
}

/** Orders a newest-first page ascending and says whether there was more than `limit`. */
export function toPage<T>(rows: T[], limit: number, newestFirst: boolean): { items: T[]; hasMore: boolean } {
  const hasMore = rows.length > limit;
  const items = rows.slice(0, limit);
  return { items: newestFirst ? items.reverse() : items, hasMore };
}
