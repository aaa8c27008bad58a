import type { ChannelType, MemberRole } from '@supchat/contracts';

export interface ChannelRecord {
  id: string;
  name: string;
  topic: string | null;
  type: ChannelType;
  /** Sorted member ids of a direct conversation; null for other channels. */
  directKey: string | null;
  createdBy: string;
  createdAt: Date;
  archivedAt: Date | null;
  /** The channel's counter: the rev of its latest change of any kind. */
  lastRev: number;
  /** The seq of its newest top-level message (0 when none). */
  lastSeq: number;
  memberCount: number;
}

export interface MembershipRecord {
  channelId: string;
  userId: string;
  role: MemberRole;
  joinedAt: Date;
  lastReadSeq: number;
}

export interface ChannelWithMembership {
  channel: ChannelRecord;
  membership: MembershipRecord;
  counts: UnreadCounts;
}

/**
 * Counted from seq and the read marker (DESIGN section 3): messages after `lastReadSeq` that are not
 * deleted and not the user's own; unread counts the timeline (top-level messages), mentions count any
 * message (replies too) that mentions the user by name or the whole channel, and in a direct
 * conversation every such message (it is addressed to the reader).
 */
export interface UnreadCounts {
  unreadCount: number;
  mentionCount: number;
}

export interface ReadStateRecord extends UnreadCounts {
  channelId: string;
  lastReadSeq: number;
}

export interface NewChannel {
  name: string;
  topic: string | null;
  type: ChannelType;
  directKey: string | null;
  createdBy: string;
}

export interface NewMember {
  userId: string;
  role: MemberRole;
}

export interface ChannelsRepository {
  /** Creates the channel with its first members. Throws UniqueConstraintError('name' | 'directKey'). */
  create(channel: NewChannel, members: readonly NewMember[]): Promise<ChannelRecord>;
  findById(id: string): Promise<ChannelRecord | null>;
  findByDirectKey(directKey: string): Promise<ChannelRecord | null>;
  /** The user's channels with their membership and unread counts, by channel id, in a fixed number of queries. */
  listForUser(userId: string): Promise<ChannelWithMembership[]>;
  /** One channel's read state for a member; null for a non-member. */
  readState(channelId: string, userId: string): Promise<ReadStateRecord | null>;
  /**
   * Moves the member's read marker to `seq` (capped at the channel's lastRev, so replies newer than
   * the newest top-level message can be read too), never backwards.
   * Returns false for a non-member.
   */
  markRead(channelId: string, userId: string, seq: number): Promise<boolean>;
  channelIdsForUser(userId: string): Promise<string[]>;
  /** Public channels whose name starts with `prefix`, by name. */
  browsePublic(prefix: string, limit: number): Promise<ChannelRecord[]>;
  /** Throws UniqueConstraintError('name'). Returns null when the channel does not exist. */
  update(id: string, patch: { name?: string; topic?: string | null }): Promise<ChannelRecord | null>;
  archive(id: string, at: Date): Promise<ChannelRecord | null>;
  findMembership(channelId: string, userId: string): Promise<MembershipRecord | null>;
  /**
   * Adds a member and counts it; false (nothing changed) when already a member. The history from
   * before joining starts out read.
   */
  addMember(channelId: string, member: NewMember): Promise<boolean>;
  /** Removes a member and counts it; false when not a member. */
  removeMember(channelId: string, userId: string): Promise<boolean>;
  setRole(channelId: string, userId: string, role: MemberRole): Promise<void>;
  /** Members by user id, after `afterUserId`. */
  listMembers(channelId: string, afterUserId: string | null, limit: number): Promise<MembershipRecord[]>;
  /** The longest-standing member other than `exceptUserId` (who inherits ownership). */
  oldestMember(channelId: string, exceptUserId: string): Promise<MembershipRecord | null>;
  /** Which of `userIds` are members. */
  filterMembers(channelId: string, userIds: readonly string[]): Promise<string[]>;
}

export const CHANNELS_REPOSITORY = Symbol('CHANNELS_REPOSITORY');
