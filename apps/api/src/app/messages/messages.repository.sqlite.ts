import { newId } from '../common/ids';
import type { SqliteDatabase } from '../database/sqlite/sqlite-database';
import { sqliteUniqueColumn } from '../database/unique-constraint.error';
import type {
  DeleteResult,
  InsertResult,
  MessageEdit,
  MessageRecord,
  MessagesRepository,
  NewMessage,
  ReactionChange,
  ReactionRecord,
  TimelineQuery,
} from './messages.repository';
import { applyReaction, toPage } from './messages.repository';

interface MessageRow {
  id: string;
  channel_id: string;
  seq: number;
  rev: number;
  author_id: string;
  content: string;
  mentions: string;
  mentions_channel: number;
  parent_id: string | null;
  reply_count: number;
  last_reply_at: string | null;
  reactions: string;
  client_message_id: string | null;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
}

function toRecord(row: MessageRow): MessageRecord {
  return {
    id: row.id,
    channelId: row.channel_id,
    seq: row.seq,
    rev: row.rev,
    authorId: row.author_id,
    content: row.content,
    mentions: JSON.parse(row.mentions) as string[],
    mentionsChannel: row.mentions_channel === 1,
    parentId: row.parent_id,
    replyCount: row.reply_count,
    lastReplyAt: row.last_reply_at ? new Date(row.last_reply_at) : null,
    reactions: JSON.parse(row.reactions) as ReactionRecord[],
    clientMessageId: row.client_message_id,
    createdAt: new Date(row.created_at),
    editedAt: row.edited_at ? new Date(row.edited_at) : null,
    deletedAt: row.deleted_at ? new Date(row.deleted_at) : null,
  };
}

export class SqliteMessagesRepository implements MessagesRepository {
  constructor(private readonly db: SqliteDatabase) {}

  async insert(message: NewMessage): Promise<InsertResult> {
    const existing = this.byClientId(message.authorId, message.clientMessageId);
    if (existing) return { message: existing, created: false, parent: null };
    const id = newId();
    const createdAt = new Date().toISOString();
    try {
      this.db.transaction(() => {
        const rev = this.nextRev(message.channelId, message.parentId === null);
        this.db.run(
          `INSERT INTO messages (id, channel_id, seq, rev, author_id, content, mentions, mentions_channel, parent_id,
                                 client_message_id, created_at)
           VALUES ($id, $channelId, $rev, $rev, $authorId, $content, $mentions, $mentionsChannel, $parentId,
                   $clientMessageId, $createdAt)`,
          {
            id,
            channelId: message.channelId,
            rev,
            authorId: message.authorId,
            content: message.content,
            mentions: JSON.stringify(message.mentions),
            mentionsChannel: message.mentionsChannel ? 1 : 0,
            parentId: message.parentId,
            clientMessageId: message.clientMessageId,
            createdAt,
          },
        );
        if (message.parentId) {
          this.db.run(
            `UPDATE messages SET reply_count = reply_count + 1, last_reply_at = $createdAt, rev = $rev WHERE id = $parentId`,
            { parentId: message.parentId, createdAt, rev: this.nextRev(message.channelId, false) },
          );
        }
      });
    } catch (error) {
      // Another process sharing the file stored the same (author, clientMessageId) first.
      const raced = sqliteUniqueColumn(error)
        ? this.byClientId(message.authorId, message.clientMessageId)
        : null;
      if (raced) return { message: raced, created: false, parent: null };
      throw error;
    }
    return {
      message: (await this.findById(id)) as MessageRecord,
      created: true,
      parent: message.parentId ? await this.findById(message.parentId) : null,
    };
  }

  async findById(id: string): Promise<MessageRecord | null> {
    const row = this.db.get<MessageRow>('SELECT * FROM messages WHERE id = $id', { id });
    return row ? toRecord(row) : null;
  }

  async findByIds(ids: readonly string[]): Promise<MessageRecord[]> {
    if (ids.length === 0) return [];
    return this.db
      .all<MessageRow>('SELECT * FROM messages WHERE id IN (SELECT value FROM json_each($ids))', {
        ids: JSON.stringify(ids),
      })
      .map(toRecord);
  }

  async edit(id: string, edit: MessageEdit, editedAt: Date): Promise<MessageRecord | null> {
    const updated = this.db.transaction(() => {
      const current = this.db.get<MessageRow>('SELECT * FROM messages WHERE id = $id', { id });
      if (!current || current.deleted_at) return false;
      this.db.run(
        `UPDATE messages SET content = $content, mentions = $mentions, mentions_channel = $mentionsChannel,
                             edited_at = $editedAt, rev = $rev
         WHERE id = $id`,
        {
          id,
          content: edit.content,
          mentions: JSON.stringify(edit.mentions),
          mentionsChannel: edit.mentionsChannel ? 1 : 0,
          editedAt: editedAt.toISOString(),
          rev: this.nextRev(current.channel_id, false),
        },
      );
      return true;
    });
    return updated ? this.findById(id) : null;
  }

  async softDelete(id: string, deletedAt: Date): Promise<DeleteResult | null> {
    const changed = this.db.transaction(() => {
      const current = this.db.get<MessageRow>('SELECT * FROM messages WHERE id = $id', { id });
      if (!current || current.deleted_at) return false;
      this.db.run(
        `UPDATE messages SET content = '', mentions = '[]', mentions_channel = 0, reactions = '[]',
                             deleted_at = $deletedAt, rev = $rev
         WHERE id = $id`,
        { id, deletedAt: deletedAt.toISOString(), rev: this.nextRev(current.channel_id, false) },
      );
      if (current.parent_id) {
        this.db.run(
          'UPDATE messages SET reply_count = MAX(reply_count - 1, 0), rev = $rev WHERE id = $parentId',
          {
            parentId: current.parent_id,
            rev: this.nextRev(current.channel_id, false),
          },
        );
      }
      return true;
    });
    const message = await this.findById(id);
    if (!message) return null;
    const parent = changed && message.parentId ? await this.findById(message.parentId) : null;
    return { message, changed, parent };
  }

  async react(
    id: string,
    emoji: string,
    userId: string,
    change: ReactionChange,
    maxDistinct: number,
  ): Promise<{ message: MessageRecord; changed: boolean } | null> {
    const changed = this.db.transaction(() => {
      const current = this.db.get<MessageRow>('SELECT * FROM messages WHERE id = $id', { id });
      if (!current || current.deleted_at) return null;
      const reactions = applyReaction(
        JSON.parse(current.reactions) as ReactionRecord[],
        emoji,
        userId,
        change,
        maxDistinct,
      );
      if (!reactions) return false;
      this.db.run('UPDATE messages SET reactions = $reactions, rev = $rev WHERE id = $id', {
        id,
        reactions: JSON.stringify(reactions),
        rev: this.nextRev(current.channel_id, false),
      });
      return true;
    });
    if (changed === null) return null;
    const message = await this.findById(id);
    return message ? { message, changed } : null;
  }

  async replies(
    parentId: string,
    after: number,
    limit: number,
  ): Promise<{ messages: MessageRecord[]; hasMore: boolean }> {
    const rows = this.db.all<MessageRow>(
      'SELECT * FROM messages WHERE parent_id = $parentId AND seq > $after ORDER BY seq ASC LIMIT $limit',
      { parentId, after, limit: limit + 1 },
    );
    const page = toPage(rows, limit, false);
    return { messages: page.items.map(toRecord), hasMore: page.hasMore };
  }

  async timeline(
    channelId: string,
    query: TimelineQuery,
  ): Promise<{ messages: MessageRecord[]; hasMore: boolean }> {
    const params = { channelId, limit: query.limit + 1 };
    let rows: MessageRow[];
    if (query.after !== undefined) {
      rows = this.db.all<MessageRow>(
        `SELECT * FROM messages WHERE channel_id = $channelId AND parent_id IS NULL AND seq > $after
         ORDER BY seq ASC LIMIT $limit`,
        { ...params, after: query.after },
      );
    } else {
      rows = this.db.all<MessageRow>(
        `SELECT * FROM messages WHERE channel_id = $channelId AND parent_id IS NULL AND seq < $before
         ORDER BY seq DESC LIMIT $limit`,
        { ...params, before: query.before ?? Number.MAX_SAFE_INTEGER },
      );
    }
    const page = toPage(rows, query.limit, query.after === undefined);
    return { messages: page.items.map(toRecord), hasMore: page.hasMore };
  }

  async changes(
    channelId: string,
    sinceRev: number,
    limit: number,
  ): Promise<{ messages: MessageRecord[]; lastRev: number; hasMore: boolean }> {
    const rows = this.db.all<MessageRow>(
      `SELECT * FROM messages WHERE channel_id = $channelId AND rev > $sinceRev ORDER BY rev ASC LIMIT $limit`,
      { channelId, sinceRev, limit: limit + 1 },
    );
    const page = toPage(rows, limit, false);
    const messages = page.items.map(toRecord);
    return { messages, lastRev: messages.at(-1)?.rev ?? sinceRev, hasMore: page.hasMore };
  }

  async count(): Promise<number> {
    // Messages are never removed (a delete leaves a tombstone), so the highest rowid is the count,
    // read from the end of the table at once; COUNT(*) would scan an index of every message.
    return this.db.get<{ total: number | null }>('SELECT MAX(rowid) AS total FROM messages')?.total ?? 0;
  }

  async findByClientId(authorId: string, clientMessageId: string): Promise<MessageRecord | null> {
    return this.byClientId(authorId, clientMessageId);
  }

  private byClientId(authorId: string, clientMessageId: string | null): MessageRecord | null {
    if (clientMessageId === null) return null;
    const row = this.db.get<MessageRow>(
      'SELECT * FROM messages WHERE author_id = $authorId AND client_message_id = $clientMessageId',
      { authorId, clientMessageId },
    );
    return row ? toRecord(row) : null;
  }

  /** Takes the channel's next rev (inside the caller's transaction); a top-level message also moves lastSeq. */
  private nextRev(channelId: string, newTopLevelMessage: boolean): number {
    const row = this.db.get<{ last_rev: number }>(
      `UPDATE channels SET last_rev = last_rev + 1,
                           last_seq = CASE WHEN $moveSeq THEN last_rev + 1 ELSE last_seq END
       WHERE id = $channelId RETURNING last_rev`,
      { channelId, moveSeq: newTopLevelMessage ? 1 : 0 },
    );
    if (!row) throw new Error(`channel ${channelId} does not exist`);
    return row.last_rev;
  }
}
