import type { ChannelType, MemberRole } from '@supchat/contracts';
import { CHANNEL_TYPES, MEMBER_ROLES } from '@supchat/contracts';
import type { Types } from 'mongoose';
import { Schema } from 'mongoose';

export interface ChannelDocument {
  _id: Types.ObjectId;
  name: string;
  topic: string | null;
  type: ChannelType;
  /** Sorted member ids of a direct conversation; for other channels `name:<name>` keeps names unique. */
  uniqueKey: string;
  directKey: string | null;
  createdBy: Types.ObjectId;
  createdAt: Date;
  archivedAt: Date | null;
  lastRev: number;
  lastSeq: number;
  memberCount: number;
}

export const CHANNEL_MODEL = 'Channel';

export const ChannelSchema = new Schema<ChannelDocument>(
  {
    name: { type: String, required: true },
    topic: { type: String, default: null },
    type: { type: String, enum: CHANNEL_TYPES, required: true },
    uniqueKey: { type: String, required: true },
    directKey: { type: String, default: null },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    createdAt: { type: Date, required: true },
    archivedAt: { type: Date, default: null },
    lastRev: { type: Number, required: true, default: 0 },
    lastSeq: { type: Number, required: true, default: 0 },
    memberCount: { type: Number, required: true, default: 0 },
  },
  { collection: 'channels', versionKey: false },
);

// One channel per name (public and private) and per set of people (direct): `name:<name>` or
// `direct:<sorted ids>`. A single always-present key avoids partial indexes.
ChannelSchema.index({ uniqueKey: 1 }, { unique: true });
// GET /api/channels/browse?q=: public channels by name prefix.
ChannelSchema.index({ type: 1, name: 1 });

export interface MembershipDocument {
  _id: Types.ObjectId;
  channelId: Types.ObjectId;
  userId: Types.ObjectId;
  role: MemberRole;
  joinedAt: Date;
  lastReadSeq: number;
}

export const MEMBERSHIP_MODEL = 'ChannelMember';

export const MembershipSchema = new Schema<MembershipDocument>(
  {
    channelId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    role: { type: String, enum: MEMBER_ROLES, required: true },
    joinedAt: { type: Date, required: true },
    lastReadSeq: { type: Number, required: true, default: 0 },
  },
  { collection: 'channel_members', versionKey: false },
);

// One membership per (channel, user); member pages by user id; membership checks.
MembershipSchema.index({ channelId: 1, userId: 1 }, { unique: true });
// A user's channels (GET /api/channels, rooms joined on connect).
MembershipSchema.index({ userId: 1, channelId: 1 });
