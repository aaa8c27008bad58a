import type { MemberRole } from '@supchat/contracts';
import type { Connection, Model } from 'mongoose';
import { isValidObjectId, Types } from 'mongoose';
import { isMongoDuplicateKeyError, UniqueConstraintError } from '../database/unique-constraint.error';
import { escapeRegExp } from '../users/users.repository';
import { MESSAGE_MODEL, MessageSchema } from '../messages/schemas/message.schema';
import type { MessageDocument } from '../messages/schemas/message.schema';
import type {
  ChannelRecord,
  ChannelsRepository,
  ChannelWithMembership,
  MembershipRecord,
  NewChannel,
  NewMember,
  ReadStateRecord,
  UnreadCounts,
} from './channels.repository';
import type { ChannelDocument, MembershipDocument } from './schemas/channel.schema';
import { CHANNEL_MODEL, ChannelSchema, MEMBERSHIP_MODEL, MembershipSchema } from './schemas/channel.schema';

function toChannel(doc: ChannelDocument): ChannelRecord {
  return {
    id: doc._id.toHexString(),
    name: doc.name,
    topic: doc.topic ?? null,
    type: doc.type,
    directKey: doc.directKey ?? null,
    createdBy: doc.createdBy.toHexString(),
    createdAt: new Date(doc.createdAt),
    archivedAt: doc.archivedAt ? new Date(doc.archivedAt) : null,
    lastRev: doc.lastRev,
    lastSeq: doc.lastSeq,
    memberCount: doc.memberCount,
  };
}

function toMembership(doc: MembershipDocument): MembershipRecord {
  return {
    channelId: doc.channelId.toHexString(),
    userId: doc.userId.toHexString(),
    role: doc.role,
    joinedAt: new Date(doc.joinedAt),
    lastReadSeq: doc.lastReadSeq,
  };
}

const uniqueKeyOf = (channel: { name: string; directKey: string | null }) =>
  channel.directKey ? `direct:${channel.directKey}` : `name:${channel.name}`;

const objectIds = (ids: readonly string[]) =>
  ids.filter((id) => isValidObjectId(id)).map((id) => new Types.ObjectId(id));

/**
 * MongoDB channels and memberships. Writes that change two documents (a membership and the
 * channel's member count) run one after the other; the service serialises writes per channel.
 */
export class MongoChannelsRepository implements ChannelsRepository {
  private constructor(
    private readonly channels: Model<ChannelDocument>,
    private readonly members: Model<MembershipDocument>,
    private readonly messages: Model<MessageDocument>,
  ) {}

  static async create(connection: Connection): Promise<MongoChannelsRepository> {
    const channels = (connection.models[CHANNEL_MODEL] ??
      connection.model<ChannelDocument>(CHANNEL_MODEL, ChannelSchema)) as Model<ChannelDocument>;
    const members = (connection.models[MEMBERSHIP_MODEL] ??
      connection.model<MembershipDocument>(MEMBERSHIP_MODEL, MembershipSchema)) as Model<MembershipDocument>;
    const messages = (connection.models[MESSAGE_MODEL] ??
      connection.model<MessageDocument>(MESSAGE_MODEL, MessageSchema)) as Model<MessageDocument>;
    await Promise.all([channels.init(), members.init()]);
    return new MongoChannelsRepository(channels, members, messages);
  }

  async create(channel: NewChannel, members: readonly NewMember[]): Promise<ChannelRecord> {
    const now = new Date();
    const doc: ChannelDocument = {
      _id: new Types.ObjectId(),
      name: channel.name,
      topic: channel.topic,
      type: channel.type,
      uniqueKey: uniqueKeyOf(channel),
      directKey: channel.directKey,
      createdBy: new Types.ObjectId(channel.createdBy),
      createdAt: now,
      archivedAt: null,
      lastRev: 0,
      lastSeq: 0,
      memberCount: 0,
    };
    try {
      await this.channels.collection.insertOne(doc);
    } catch (error) {
      if (isMongoDuplicateKeyError(error))
        throw new UniqueConstraintError(channel.directKey ? 'directKey' : 'name');
      throw error;
    }
    for (const member of members) await this.addMember(doc._id.toHexString(), member, now);
    return (await this.findById(doc._id.toHexString())) as ChannelRecord;
  }

  async findById(id: string): Promise<ChannelRecord | null> {
    if (!isValidObjectId(id)) return null;
    const doc = await this.channels.findById(id).lean<ChannelDocument>().exec();
    return doc ? toChannel(doc) : null;
  }

  async findByDirectKey(directKey: string): Promise<ChannelRecord | null> {
    const doc = await this.channels
      .findOne({ uniqueKey: `direct:${directKey}` })
      .lean<ChannelDocument>()
      .exec();
    return doc ? toChannel(doc) : null;
  }

  async listForUser(userId: string): Promise<ChannelWithMembership[]> {
    if (!isValidObjectId(userId)) return [];
    const memberships = await this.members
      .find({ userId: new Types.ObjectId(userId) })
      .lean<MembershipDocument[]>()
      .exec();
    if (memberships.length === 0) return [];
    const channels = await this.channels
      .find({ _id: { $in: memberships.map((membership) => membership.channelId) } })
      .sort({ _id: 1 })
      .lean<ChannelDocument[]>()
      .exec();
    const directIds = channels.filter((channel) => channel.type === 'direct').map((channel) => channel._id);
    const counts = await this.countUnread(new Types.ObjectId(userId), memberships, directIds);
    const byChannel = new Map(
      memberships.map((membership) => [membership.channelId.toHexString(), membership]),
    );
    return channels.flatMap((channel) => {
      const id = channel._id.toHexString();
      const membership = byChannel.get(id);
      return membership
        ? [
            {
              channel: toChannel(channel),
              membership: toMembership(membership),
              counts: counts.get(id) ?? { unreadCount: 0, mentionCount: 0 },
            },
          ]
        : [];
    });
  }

  async readState(channelId: string, userId: string): Promise<ReadStateRecord | null> {
    if (!isValidObjectId(channelId) || !isValidObjectId(userId)) return null;
    const membership = await this.members
      .findOne({ channelId: new Types.ObjectId(channelId), userId: new Types.ObjectId(userId) })
      .lean<MembershipDocument>()
      .exec();
    if (!membership) return null;
    const channel = await this.findById(channelId);
    const directIds = channel?.type === 'direct' ? [membership.channelId] : [];
    const counts = (await this.countUnread(membership.userId, [membership], directIds)).get(channelId);
    return {
      channelId,
      lastReadSeq: membership.lastReadSeq,
      unreadCount: counts?.unreadCount ?? 0,
      mentionCount: counts?.mentionCount ?? 0,
    };
  }

  async markRead(channelId: string, userId: string, seq: number): Promise<boolean> {
    const membership = await this.findMembership(channelId, userId);
    if (!membership) return false;
    const channel = await this.findById(channelId);
    const target = Math.min(seq, channel?.lastRev ?? 0);
    // Only forward: the filter leaves a marker that is already further alone.
    await this.members
      .updateOne(
        {
          channelId: new Types.ObjectId(channelId),
          userId: new Types.ObjectId(userId),
          lastReadSeq: { $lt: target },
        },
        { $set: { lastReadSeq: target } },
      )
      .exec();
    return true;
  }

  /**
   * Unread and mention counts of several memberships of one user in two aggregations, whatever the
   * number of channels.
   */
  private async countUnread(
    userId: Types.ObjectId,
    memberships: readonly MembershipDocument[],
    directChannelIds: readonly Types.ObjectId[],
  ): Promise<Map<string, UnreadCounts>> {
    const afterMarker = memberships.map((membership) => ({
      channelId: membership.channelId,
      seq: { $gt: membership.lastReadSeq },
    }));
    const common = { deletedAt: null, authorId: { $ne: userId } };
    const [unread, mentions] = await Promise.all([
      this.messages
        .aggregate<{ _id: Types.ObjectId; count: number }>([
          { $match: { $or: afterMarker, parentId: null, ...common } },
          { $group: { _id: '$channelId', count: { $sum: 1 } } },
        ])
        .exec(),
      this.messages
        .aggregate<{ _id: Types.ObjectId; count: number }>([
          {
            $match: {
              $and: [
                { $or: afterMarker },
                {
                  $or: [
                    { mentions: userId },
                    { mentionsChannel: true },
                    { channelId: { $in: [...directChannelIds] } },
                  ],
                },
              ],
              ...common,
            },
          },
          { $group: { _id: '$channelId', count: { $sum: 1 } } },
        ])
        .exec(),
    ]);
    const counts = new Map<string, UnreadCounts>();
    for (const entry of unread)
      counts.set(entry._id.toHexString(), { unreadCount: entry.count, mentionCount: 0 });
    for (const entry of mentions) {
      const id = entry._id.toHexString();
      counts.set(id, { unreadCount: counts.get(id)?.unreadCount ?? 0, mentionCount: entry.count });
    }
    return counts;
  }

  async channelIdsForUser(userId: string): Promise<string[]> {
    if (!isValidObjectId(userId)) return [];
    const memberships = await this.members
      .find({ userId: new Types.ObjectId(userId) })
      .lean<MembershipDocument[]>()
      .exec();
    return memberships.map((membership) => membership.channelId.toHexString());
  }

  async browsePublic(prefix: string, limit: number): Promise<ChannelRecord[]> {
    const docs = await this.channels
      .find({ type: 'public', name: new RegExp(`^${escapeRegExp(prefix.toLowerCase())}`) })
      .sort({ name: 1 })
      .limit(limit)
      .lean<ChannelDocument[]>()
      .exec();
    return docs.map(toChannel);
  }

  async update(id: string, patch: { name?: string; topic?: string | null }): Promise<ChannelRecord | null> {
    if (!isValidObjectId(id)) return null;
    const set: Partial<ChannelDocument> = {};
    if (patch.name !== undefined) {
      set.name = patch.name;
      set.uniqueKey = `name:${patch.name}`;
    }
    if (patch.topic !== undefined) set.topic = patch.topic;
    try {
      await this.channels.updateOne({ _id: new Types.ObjectId(id) }, { $set: set }).exec();
    } catch (error) {
      if (isMongoDuplicateKeyError(error)) throw new UniqueConstraintError('name');
      throw error;
    }
    return this.findById(id);
  }

  async archive(id: string, at: Date): Promise<ChannelRecord | null> {
    if (!isValidObjectId(id)) return null;
    await this.channels
      .updateOne({ _id: new Types.ObjectId(id), archivedAt: null }, { $set: { archivedAt: at } })
      .exec();
    return this.findById(id);
  }

  async findMembership(channelId: string, userId: string): Promise<MembershipRecord | null> {
    if (!isValidObjectId(channelId) || !isValidObjectId(userId)) return null;
    const doc = await this.members
      .findOne({ channelId: new Types.ObjectId(channelId), userId: new Types.ObjectId(userId) })
      .lean<MembershipDocument>()
      .exec();
    return doc ? toMembership(doc) : null;
  }

  async addMember(channelId: string, member: NewMember, joinedAt = new Date()): Promise<boolean> {
    const channel = await this.findById(channelId);
    try {
      await this.members.collection.insertOne({
        _id: new Types.ObjectId(),
        channelId: new Types.ObjectId(channelId),
        userId: new Types.ObjectId(member.userId),
        role: member.role,
        joinedAt,
        lastReadSeq: channel?.lastSeq ?? 0,
      });
    } catch (error) {
      if (isMongoDuplicateKeyError(error)) return false;
      throw error;
    }
    await this.channels
      .updateOne({ _id: new Types.ObjectId(channelId) }, { $inc: { memberCount: 1 } })
      .exec();
    return true;
  }

  async removeMember(channelId: string, userId: string): Promise<boolean> {
    if (!isValidObjectId(channelId) || !isValidObjectId(userId)) return false;
    const result = await this.members
      .deleteOne({ channelId: new Types.ObjectId(channelId), userId: new Types.ObjectId(userId) })
      .exec();
    if (result.deletedCount !== 1) return false;
    await this.channels
      .updateOne({ _id: new Types.ObjectId(channelId) }, { $inc: { memberCount: -1 } })
      .exec();
    return true;
  }

  async setRole(channelId: string, userId: string, role: MemberRole): Promise<void> {
    await this.members
      .updateOne(
        { channelId: new Types.ObjectId(channelId), userId: new Types.ObjectId(userId) },
        { $set: { role } },
      )
      .exec();
  }

  async listMembers(
    channelId: string,
    afterUserId: string | null,
    limit: number,
  ): Promise<MembershipRecord[]> {
    if (!isValidObjectId(channelId)) return [];
    const filter: Record<string, unknown> = { channelId: new Types.ObjectId(channelId) };
    if (afterUserId && isValidObjectId(afterUserId))
      filter['userId'] = { $gt: new Types.ObjectId(afterUserId) };
    const docs = await this.members
      .find(filter)
      .sort({ userId: 1 })
      .limit(limit)
      .lean<MembershipDocument[]>()
      .exec();
    return docs.map(toMembership);
  }

  async oldestMember(channelId: string, exceptUserId: string): Promise<MembershipRecord | null> {
    const doc = await this.members
      .findOne({
        channelId: new Types.ObjectId(channelId),
        userId: { $ne: new Types.ObjectId(exceptUserId) },
      })
      .sort({ joinedAt: 1, userId: 1 })
      .lean<MembershipDocument>()
      .exec();
    return doc ? toMembership(doc) : null;
  }

  async filterMembers(channelId: string, userIds: readonly string[]): Promise<string[]> {
    const ids = objectIds(userIds);
    if (ids.length === 0 || !isValidObjectId(channelId)) return [];
    const docs = await this.members
      .find({ channelId: new Types.ObjectId(channelId), userId: { $in: ids } })
      .lean<MembershipDocument[]>()
      .exec();
    return docs.map((doc) => doc.userId.toHexString());
  }
}
