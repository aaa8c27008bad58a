import type { ChannelType, MemberRole } from '@supchat/contracts';
import { newId } from '../common/ids';
import type { SqliteDatabase } from '../database/sqlite/sqlite-database';
import { sqliteUniqueColumn, UniqueConstraintError } from '../database/unique-constraint.error';
import { escapeLike } from '../users/users.repository';
import type {
  ChannelRecord,
  ChannelsRepository,
  ChannelWithMembership,
  MembershipRecord,
  NewChannel,
  NewMember,
  ReadStateRecord,
} from './channels.repository';

/** Unread and mention counts of membership `m` in channel `c` (see UnreadCounts). */
const COUNTS = `
  (SELECT COUNT(*) FROM messages x
   WHERE x.channel_id = c.id AND x.parent_id IS NULL AND x.seq > m.last_read_seq
     AND x.deleted_at IS NULL AND x.author_id <> m.user_id) AS unread_count,
  (SELECT COUNT(*) FROM messages x
   WHERE x.channel_id = c.id AND x.seq > m.last_read_seq AND x.deleted_at IS NULL AND x.author_id <> m.user_id
     AND (c.type = 'direct' OR x.mentions_channel = 1
          OR EXISTS (SELECT 1 FROM json_each(x.mentions) j WHERE j.value = m.user_id))
  ) AS mention_count`;

interface CountsRow {
  unread_count: number;
  mention_count: number;
}

interface ChannelRow {
  id: string;
  name: string;
  topic: string | null;
  type: ChannelType;
  direct_key: string | null;
  created_by: string;
  created_at: string;
  archived_at: string | null;
  last_rev: number;
  last_seq: number;
  member_count: number;
}

interface MemberRow {
  channel_id: string;
  user_id: string;
  role: MemberRole;
  joined_at: string;
  last_read_seq: number;
}

const CHANNEL_COLUMNS =
  'c.id, c.name, c.topic, c.type, c.direct_key, c.created_by, c.created_at, c.archived_at, c.last_rev, c.last_seq, c.member_count';

function toChannel(row: ChannelRow): ChannelRecord {
  return {
    id: row.id,
    name: row.name,
    topic: row.topic,
    type: row.type,
    directKey: row.direct_key,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    archivedAt: row.archived_at ? new Date(row.archived_at) : null,
    lastRev: row.last_rev,
    lastSeq: row.last_seq,
    memberCount: row.member_count,
  };
}

function toMembership(row: MemberRow): MembershipRecord {
  return {
    channelId: row.channel_id,
    userId: row.user_id,
    role: row.role,
    joinedAt: new Date(row.joined_at),
    lastReadSeq: row.last_read_seq,
  };
}

const UNIQUE_FIELD_BY_COLUMN: Record<string, string> = { name: 'name', direct_key: 'directKey' };

function rethrowUnique(error: unknown): never {
  const column = sqliteUniqueColumn(error);
  if (column && UNIQUE_FIELD_BY_COLUMN[column])
    throw new UniqueConstraintError(UNIQUE_FIELD_BY_COLUMN[column]);
  throw error;
}

export class SqliteChannelsRepository implements ChannelsRepository {
  constructor(private readonly db: SqliteDatabase) {}

  async create(channel: NewChannel, members: readonly NewMember[]): Promise<ChannelRecord> {
    const id = newId();
    const now = new Date().toISOString();
    try {
      this.db.transaction(() => {
        this.db.run(
          `INSERT INTO channels (id, name, topic, type, direct_key, created_by, created_at, member_count)
           VALUES ($id, $name, $topic, $type, $directKey, $createdBy, $now, 0)`,
          {
            id,
            name: channel.name,
            topic: channel.topic,
            type: channel.type,
            directKey: channel.directKey,
            createdBy: channel.createdBy,
            now,
          },
        );
        for (const member of members) this.insertMember(id, member, now);
      });
    } catch (error) {
      rethrowUnique(error);
    }
    return (await this.findById(id)) as ChannelRecord;
  }

  async findById(id: string): Promise<ChannelRecord | null> {
    const row = this.db.get<ChannelRow>(`SELECT ${CHANNEL_COLUMNS} FROM channels c WHERE c.id = $id`, { id });
    return row ? toChannel(row) : null;
  }

  async findByDirectKey(directKey: string): Promise<ChannelRecord | null> {
    const row = this.db.get<ChannelRow>(
      `SELECT ${CHANNEL_COLUMNS} FROM channels c WHERE c.direct_key = $directKey`,
      {
        directKey,
      },
    );
    return row ? toChannel(row) : null;
  }

  async listForUser(userId: string): Promise<ChannelWithMembership[]> {
    const rows = this.db.all<ChannelRow & MemberRow & CountsRow>(
      `SELECT ${CHANNEL_COLUMNS}, m.channel_id, m.user_id, m.role, m.joined_at, m.last_read_seq, ${COUNTS}
       FROM channel_members m JOIN channels c ON c.id = m.channel_id
       WHERE m.user_id = $userId ORDER BY c.id`,
      { userId },
    );
    return rows.map((row) => ({
      channel: toChannel(row),
      membership: toMembership(row),
      counts: { unreadCount: row.unread_count, mentionCount: row.mention_count },
    }));
  }

  async readState(channelId: string, userId: string): Promise<ReadStateRecord | null> {
    const row = this.db.get<{ last_read_seq: number } & CountsRow>(
      `SELECT m.last_read_seq, ${COUNTS}
       FROM channel_members m JOIN channels c ON c.id = m.channel_id
       WHERE m.channel_id = $channelId AND m.user_id = $userId`,
      { channelId, userId },
    );
    return row
      ? {
          channelId,
          lastReadSeq: row.last_read_seq,
          unreadCount: row.unread_count,
          mentionCount: row.mention_count,
        }
      : null;
  }

  async markRead(channelId: string, userId: string, seq: number): Promise<boolean> {
    this.db.run(
      `UPDATE channel_members
       SET last_read_seq = MAX(last_read_seq, MIN($seq, (SELECT last_rev FROM channels WHERE id = $channelId)))
       WHERE channel_id = $channelId AND user_id = $userId`,
      { channelId, userId, seq },
    );
    return (await this.findMembership(channelId, userId)) !== null;
  }

  async channelIdsForUser(userId: string): Promise<string[]> {
    return this.db
      .all<{ channel_id: string }>('SELECT channel_id FROM channel_members WHERE user_id = $userId', {
        userId,
      })
      .map((row) => row.channel_id);
  }

  async browsePublic(prefix: string, limit: number): Promise<ChannelRecord[]> {
    const rows = this.db.all<ChannelRow>(
      `SELECT ${CHANNEL_COLUMNS} FROM channels c
       WHERE c.type = 'public' AND c.name LIKE $prefix ESCAPE '\\' ORDER BY c.name LIMIT $limit`,
      { prefix: `${escapeLike(prefix.toLowerCase())}%`, limit },
    );
    return rows.map(toChannel);
  }

  async update(id: string, patch: { name?: string; topic?: string | null }): Promise<ChannelRecord | null> {
    try {
      this.db.run(
        `UPDATE channels SET
           name = CASE WHEN $setName THEN $name ELSE name END,
           topic = CASE WHEN $setTopic THEN $topic ELSE topic END
         WHERE id = $id`,
        {
          id,
          setName: patch.name !== undefined ? 1 : 0,
          name: patch.name ?? null,
          setTopic: patch.topic !== undefined ? 1 : 0,
          topic: patch.topic ?? null,
        },
      );
    } catch (error) {
      rethrowUnique(error);
    }
    return this.findById(id);
  }

  async archive(id: string, at: Date): Promise<ChannelRecord | null> {
    this.db.run('UPDATE channels SET archived_at = COALESCE(archived_at, $at) WHERE id = $id', {
      id,
      at: at.toISOString(),
    });
    return this.findById(id);
  }

  async findMembership(channelId: string, userId: string): Promise<MembershipRecord | null> {
    const row = this.db.get<MemberRow>(
      'SELECT * FROM channel_members WHERE channel_id = $channelId AND user_id = $userId',
      { channelId, userId },
    );
    return row ? toMembership(row) : null;
  }

  async addMember(channelId: string, member: NewMember): Promise<boolean> {
    return this.db.transaction(() => this.insertMember(channelId, member, new Date().toISOString()));
  }

  async removeMember(channelId: string, userId: string): Promise<boolean> {
    return this.db.transaction(() => {
      const removed =
        this.db.run('DELETE FROM channel_members WHERE channel_id = $channelId AND user_id = $userId', {
          channelId,
          userId,
        }) === 1;
      if (removed) {
        this.db.run('UPDATE channels SET member_count = member_count - 1 WHERE id = $channelId', {
          channelId,
        });
      }
      return removed;
    });
  }

  async setRole(channelId: string, userId: string, role: MemberRole): Promise<void> {
    this.db.run(
      'UPDATE channel_members SET role = $role WHERE channel_id = $channelId AND user_id = $userId',
      {
        channelId,
        userId,
        role,
      },
    );
  }

  async listMembers(
    channelId: string,
    afterUserId: string | null,
    limit: number,
  ): Promise<MembershipRecord[]> {
    return this.db
      .all<MemberRow>(
        `SELECT * FROM channel_members WHERE channel_id = $channelId AND user_id > $after
         ORDER BY user_id LIMIT $limit`,
        { channelId, after: afterUserId ?? '', limit },
      )
      .map(toMembership);
  }

  async oldestMember(channelId: string, exceptUserId: string): Promise<MembershipRecord | null> {
    const row = this.db.get<MemberRow>(
      `SELECT * FROM channel_members WHERE channel_id = $channelId AND user_id <> $exceptUserId
       ORDER BY joined_at, user_id LIMIT 1`,
      { channelId, exceptUserId },
    );
    return row ? toMembership(row) : null;
  }

  async filterMembers(channelId: string, userIds: readonly string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    return this.db
      .all<{ user_id: string }>(
        `SELECT user_id FROM channel_members
         WHERE channel_id = $channelId AND user_id IN (SELECT value FROM json_each($ids))`,
        { channelId, ids: JSON.stringify(userIds) },
      )
      .map((row) => row.user_id);
  }

  /** Inserts a membership and counts it (inside the caller's transaction); false when it existed. */
  private insertMember(channelId: string, member: NewMember, joinedAt: string): boolean {
    const added =
      this.db.run(
        `INSERT INTO channel_members (channel_id, user_id, role, joined_at, last_read_seq)
         SELECT $channelId, $userId, $role, $joinedAt, last_seq FROM channels WHERE id = $channelId
         ON CONFLICT DO NOTHING`,
        { channelId, userId: member.userId, role: member.role, joinedAt },
      ) === 1;
    if (added)
      this.db.run('UPDATE channels SET member_count = member_count + 1 WHERE id = $channelId', { channelId });
    return added;
  }
}
