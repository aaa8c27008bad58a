import type { Connection, Model } from 'mongoose';
import { isValidObjectId, Types } from 'mongoose';
import { CHANNEL_MODEL, ChannelSchema } from '../channels/schemas/channel.schema';
import type { ChannelDocument } from '../channels/schemas/channel.schema';
import { isMongoDuplicateKeyError } from '../database/unique-constraint.error';
import type {
  DeleteResult,
  InsertResult,
  MessageEdit,
  MessageRecord,
  MessagesRepository,
  NewMessage,
  ReactionChange,
  TimelineQuery,
} from './messages.repository';
import { applyReaction, toPage } from './messages.repository';
import type { MessageDocument } from './schemas/message.schema';
import { MESSAGE_MODEL, MessageSchema } from './schemas/message.schema';

function toRecord(doc: MessageDocument): MessageRecord {
  return {
    id: doc._id.toHexString(),
    channelId: doc.channelId.toHexString(),
    seq: doc.seq,
    rev: doc.rev,
    authorId: doc.authorId.toHexString(),
    content: doc.content,
    mentions: (doc.mentions ?? []).map((id) => id.toHexString()),
    mentionsChannel: Boolean(doc.mentionsChannel),
    parentId: doc.parentId ? doc.parentId.toHexString() : null,
    replyCount: doc.replyCount ?? 0,
    lastReplyAt: doc.lastReplyAt ? new Date(doc.lastReplyAt) : null,
    reactions: (doc.reactions ?? []).map((reaction) => ({
      emoji: reaction.emoji,
      userIds: reaction.userIds.map((id) => id.toHexString()),
    })),
    clientMessageId: doc.clientMessageId ?? null,
    createdAt: new Date(doc.createdAt),
    editedAt: doc.editedAt ? new Date(doc.editedAt) : null,
    deletedAt: doc.deletedAt ? new Date(doc.deletedAt) : null,
  };
}

const clientKeyOf = (authorId: string, clientMessageId: string) => `${authorId}:${clientMessageId}`;

/**
 * MongoDB messages. A write takes the channel's next rev with an atomic `$inc` and then writes the
 * message; the service runs the writes of one channel one at a time, so revs land in order.
 * (No multi-document transactions: the test emulator loses writes in concurrent transactions.)
 */
export class MongoMessagesRepository implements MessagesRepository {
  private constructor(
    private readonly messages: Model<MessageDocument>,
    private readonly channels: Model<ChannelDocument>,
  ) {}

  static async create(connection: Connection): Promise<MongoMessagesRepository> {
    const messages = (connection.models[MESSAGE_MODEL] ??
      connection.model<MessageDocument>(MESSAGE_MODEL, MessageSchema)) as Model<MessageDocument>;
    const channels = (connection.models[CHANNEL_MODEL] ??
      connection.model<ChannelDocument>(CHANNEL_MODEL, ChannelSchema)) as Model<ChannelDocument>;
    await messages.init();
    return new MongoMessagesRepository(messages, channels);
  }

  async insert(message: NewMessage): Promise<InsertResult> {
    const existing = await this.findByClientId(message.authorId, message.clientMessageId);
    if (existing) return { message: existing, created: false, parent: null };

    const id = new Types.ObjectId();
    const rev = await this.nextRev(message.channelId, message.parentId === null);
    const doc: MessageDocument = {
      _id: id,
      channelId: new Types.ObjectId(message.channelId),
      seq: rev,
      rev,
      authorId: new Types.ObjectId(message.authorId),
      content: message.content,
      mentions: message.mentions.map((userId) => new Types.ObjectId(userId)),
      mentionsChannel: message.mentionsChannel,
      parentId: message.parentId ? new Types.ObjectId(message.parentId) : null,
      replyCount: 0,
      lastReplyAt: null,
      reactions: [],
      clientMessageId: message.clientMessageId,
      clientKey: message.clientMessageId
        ? clientKeyOf(message.authorId, message.clientMessageId)
        : `id:${id.toHexString()}`,
      createdAt: new Date(),
      editedAt: null,
      deletedAt: null,
    };
    try {
      await this.messages.collection.insertOne(doc);
    } catch (error) {
      // The same (author, clientMessageId) was stored a moment ago (another channel, another
      // instance): the rev taken above stays unused, which catch-up tolerates.
      if (isMongoDuplicateKeyError(error)) {
        const raced = await this.findByClientId(message.authorId, message.clientMessageId);
        if (raced) return { message: raced, created: false, parent: null };
      }
      throw error;
    }
    let parent: MessageRecord | null = null;
    if (message.parentId) {
      const parentRev = await this.nextRev(message.channelId, false);
      await this.messages
        .updateOne(
          { _id: new Types.ObjectId(message.parentId) },
          { $inc: { replyCount: 1 }, $set: { lastReplyAt: doc.createdAt, rev: parentRev } },
        )
        .exec();
      parent = await this.findById(message.parentId);
    }
    return { message: toRecord(doc), created: true, parent };
  }

  async findById(id: string): Promise<MessageRecord | null> {
    if (!isValidObjectId(id)) return null;
    const doc = await this.messages.findById(id).lean<MessageDocument>().exec();
    return doc ? toRecord(doc) : null;
  }

  async findByIds(ids: readonly string[]): Promise<MessageRecord[]> {
    const valid = ids.filter((id) => isValidObjectId(id)).map((id) => new Types.ObjectId(id));
    if (valid.length === 0) return [];
    const docs = await this.messages
      .find({ _id: { $in: valid } })
      .lean<MessageDocument[]>()
      .exec();
    return docs.map(toRecord);
  }

  async edit(id: string, edit: MessageEdit, editedAt: Date): Promise<MessageRecord | null> {
    const current = await this.findById(id);
    if (!current || current.deletedAt) return null;
    const rev = await this.nextRev(current.channelId, false);
    await this.messages
      .updateOne(
        { _id: new Types.ObjectId(id) },
        {
          $set: {
            content: edit.content,
            mentions: edit.mentions.map((userId) => new Types.ObjectId(userId)),
            mentionsChannel: edit.mentionsChannel,
            editedAt,
            rev,
          },
        },
      )
      .exec();
    return this.findById(id);
  }

  async softDelete(id: string, deletedAt: Date): Promise<DeleteResult | null> {
    const current = await this.findById(id);
    if (!current) return null;
    if (current.deletedAt) return { message: current, changed: false, parent: null };
    const rev = await this.nextRev(current.channelId, false);
    await this.messages
      .updateOne(
        { _id: new Types.ObjectId(id) },
        { $set: { content: '', mentions: [], mentionsChannel: false, reactions: [], deletedAt, rev } },
      )
      .exec();
    let parent: MessageRecord | null = null;
    if (current.parentId) {
      const parentBefore = await this.findById(current.parentId);
      const parentRev = await this.nextRev(current.channelId, false);
      await this.messages
        .updateOne(
          { _id: new Types.ObjectId(current.parentId) },
          { $set: { replyCount: Math.max((parentBefore?.replyCount ?? 1) - 1, 0), rev: parentRev } },
        )
        .exec();
      parent = await this.findById(current.parentId);
    }
    return { message: (await this.findById(id)) as MessageRecord, changed: true, parent };
  }

  async react(
    id: string,
    emoji: string,
    userId: string,
    change: ReactionChange,
    maxDistinct: number,
  ): Promise<{ message: MessageRecord; changed: boolean } | null> {
    const current = await this.findById(id);
    if (!current || current.deletedAt) return null;
    const reactions = applyReaction(current.reactions, emoji, userId, change, maxDistinct);
    if (!reactions) return { message: current, changed: false };
    const rev = await this.nextRev(current.channelId, false);
    // The whole array is replaced: the emulator has no $push/$pull (DESIGN section 4).
    await this.messages
      .updateOne(
        { _id: new Types.ObjectId(id) },
        {
          $set: {
            reactions: reactions.map((reaction) => ({
              emoji: reaction.emoji,
              userIds: reaction.userIds.map((reactor) => new Types.ObjectId(reactor)),
            })),
            rev,
          },
        },
      )
      .exec();
    return { message: (await this.findById(id)) as MessageRecord, changed: true };
  }

  async replies(
    parentId: string,
    after: number,
    limit: number,
  ): Promise<{ messages: MessageRecord[]; hasMore: boolean }> {
    if (!isValidObjectId(parentId)) return { messages: [], hasMore: false };
    const docs = await this.messages
      .find({ parentId: new Types.ObjectId(parentId), seq: { $gt: after } })
      .sort({ seq: 1 })
      .limit(limit + 1)
      .lean<MessageDocument[]>()
      .exec();
    const page = toPage(docs, limit, false);
    return { messages: page.items.map(toRecord), hasMore: page.hasMore };
  }

  async timeline(
    channelId: string,
    query: TimelineQuery,
  ): Promise<{ messages: MessageRecord[]; hasMore: boolean }> {
    if (!isValidObjectId(channelId)) return { messages: [], hasMore: false };
    const base = { channelId: new Types.ObjectId(channelId), parentId: null };
    const newestFirst = query.after === undefined;
    const filter = newestFirst
      ? { ...base, seq: { $lt: query.before ?? Number.MAX_SAFE_INTEGER } }
      : { ...base, seq: { $gt: query.after } };
    const docs = await this.messages
      .find(filter)
      .sort({ seq: newestFirst ? -1 : 1 })
      .limit(query.limit + 1)
      .lean<MessageDocument[]>()
      .exec();
    const page = toPage(docs, query.limit, newestFirst);
    return { messages: page.items.map(toRecord), hasMore: page.hasMore };
  }

  async changes(
    channelId: string,
    sinceRev: number,
    limit: number,
  ): Promise<{ messages: MessageRecord[]; lastRev: number; hasMore: boolean }> {
    if (!isValidObjectId(channelId)) return { messages: [], lastRev: sinceRev, hasMore: false };
    const docs = await this.messages
      .find({ channelId: new Types.ObjectId(channelId), rev: { $gt: sinceRev } })
      .sort({ rev: 1 })
      .limit(limit + 1)
      .lean<MessageDocument[]>()
      .exec();
    const page = toPage(docs, limit, false);
    const messages = page.items.map(toRecord);
    return { messages, lastRev: messages.at(-1)?.rev ?? sinceRev, hasMore: page.hasMore };
  }

  async count(): Promise<number> {
    // From the collection's metadata, not a scan.
    return this.messages.estimatedDocumentCount().exec();
  }

  async findByClientId(authorId: string, clientMessageId: string | null): Promise<MessageRecord | null> {
    if (clientMessageId === null) return null;
    const doc = await this.messages
      .findOne({ clientKey: clientKeyOf(authorId, clientMessageId) })
      .lean<MessageDocument>()
      .exec();
    return doc ? toRecord(doc) : null;
  }

  /** Takes the channel's next rev; a new top-level message also moves lastSeq. */
  private async nextRev(channelId: string, newTopLevelMessage: boolean): Promise<number> {
    const channel = await this.channels
      .findOneAndUpdate(
        { _id: new Types.ObjectId(channelId) },
        { $inc: { lastRev: 1 } },
        { returnDocument: 'after', projection: { lastRev: 1 } },
      )
      .lean<ChannelDocument>()
      .exec();
    if (!channel) throw new Error(`channel ${channelId} does not exist`);
    if (newTopLevelMessage) {
      await this.channels.updateOne({ _id: channel._id }, { $set: { lastSeq: channel.lastRev } }).exec();
    }
    return channel.lastRev;
  }
}
