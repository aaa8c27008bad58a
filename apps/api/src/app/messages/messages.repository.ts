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

export interface MessagesRepository {
  /**
   * Takes the channel's next rev (which is also the message's seq) and stores the message. With a
   * clientMessageId already used by this author it stores nothing and returns the first message.
   * Callers serialise writes per channel (DESIGN section 3: revs must land in order).
   */
  insert(message: NewMessage): Promise<{ message: MessageRecord; created: boolean }>;
  findById(id: string): Promise<MessageRecord | null>;
  findByIds(ids: readonly string[]): Promise<MessageRecord[]>;
  /** Applies an edit under a new rev; null when the message is missing or deleted. */
  edit(id: string, edit: MessageEdit, editedAt: Date): Promise<MessageRecord | null>;
  /**
   * Turns the message into a tombstone (content, mentions and reactions cleared) under a new rev;
   * an already deleted message is returned unchanged; null when missing.
   */
  softDelete(id: string, deletedAt: Date): Promise<MessageRecord | null>;
  /** A page of top-level messages in ascending seq (tombstones included). */
  timeline(channelId: string, query: TimelineQuery): Promise<{ messages: MessageRecord[]; hasMore: boolean }>;
  /** Every message whose rev is above `sinceRev`, by rev. */
  changes(
    channelId: string,
    sinceRev: number,
    limit: number,
  ): Promise<{ messages: MessageRecord[]; lastRev: number; hasMore: boolean }>;
}

export const MESSAGES_REPOSITORY = Symbol('MESSAGES_REPOSITORY');

/** Orders a newest-first page ascending and says whether there was more than `limit`. */
export function toPage<T>(rows: T[], limit: number, newestFirst: boolean): { items: T[]; hasMore: boolean } {
  const hasMore = rows.length > limit;
  const items = rows.slice(0, limit);
  return { items: newestFirst ? items.reverse() : items, hasMore };
}
