import type { Types } from 'mongoose';
import { Schema } from 'mongoose';

export interface ReactionSubdocument {
  emoji: string;
  userIds: Types.ObjectId[];
}

export interface MessageDocument {
  _id: Types.ObjectId;
  channelId: Types.ObjectId;
  seq: number;
  rev: number;
  authorId: Types.ObjectId;
  content: string;
  mentions: Types.ObjectId[];
  mentionsChannel: boolean;
  parentId: Types.ObjectId | null;
  replyCount: number;
  lastReplyAt: Date | null;
  reactions: ReactionSubdocument[];
  clientMessageId: string | null;
  /**
   * `<authorId>:<clientMessageId>`, or `id:<_id>` when the client gave none: always present, so one
   * plain unique index makes sends idempotent without a partial index.
   */
  clientKey: string;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
}

export const MESSAGE_MODEL = 'Message';

export const MessageSchema = new Schema<MessageDocument>(
  {
    channelId: { type: Schema.Types.ObjectId, required: true },
    seq: { type: Number, required: true },
    rev: { type: Number, required: true },
    authorId: { type: Schema.Types.ObjectId, required: true },
    content: { type: String, default: '' },
    mentions: { type: [Schema.Types.ObjectId], default: [] },
    mentionsChannel: { type: Boolean, default: false },
    parentId: { type: Schema.Types.ObjectId, default: null },
    replyCount: { type: Number, default: 0 },
    lastReplyAt: { type: Date, default: null },
    reactions: { type: [{ emoji: String, userIds: [Schema.Types.ObjectId] }], default: [] },
    clientMessageId: { type: String, default: null },
    clientKey: { type: String, required: true },
    createdAt: { type: Date, required: true },
    editedAt: { type: Date, default: null },
    deletedAt: { type: Date, default: null },
  },
  { collection: 'messages', versionKey: false },
);

// Timeline pages: top-level messages (parentId null) of a channel by seq; thread replies by parent.
MessageSchema.index({ channelId: 1, parentId: 1, seq: 1 });
// Catch-up: every change of a channel after a rev (one rev per change, so unique).
MessageSchema.index({ channelId: 1, rev: 1 }, { unique: true });
// Idempotent sends: one message per (author, clientMessageId).
MessageSchema.index({ clientKey: 1 }, { unique: true });
