import { Inject, Injectable } from '@nestjs/common';
import type { Channel, ChannelMember, ChannelType, ReadState } from '@supchat/contracts';
import { LIMITS } from '@supchat/contracts';
import type { AuthUser } from '../auth/auth-user';
import { AppError } from '../common/errors/app-error';
import { UniqueConstraintError } from '../database/unique-constraint.error';
import { toPresence } from '../presence/presence.mapper';
import type { PresenceStore } from '../presence/presence.store';
import { PRESENCE_STORE } from '../presence/presence.store';
import { RealtimeEmitter } from '../realtime/realtime-emitter';
import { toUserSummary } from '../users/user.mapper';
import type { UsersRepository } from '../users/users.repository';
import { USERS_REPOSITORY } from '../users/users.repository';
import { toChannelDto, toChannelMemberDto } from './channel.mapper';
import type { ChannelRecord, ChannelsRepository, MembershipRecord } from './channels.repository';
import { CHANNELS_REPOSITORY } from './channels.repository';

export interface CreateChannelInput {
  name: string;
  type: Exclude<ChannelType, 'direct'>;
  topic?: string;
  memberIds?: string[];
}

/** A member of a channel, as proven by `requireMember`. */
export interface ChannelAccess {
  channel: ChannelRecord;
  membership: MembershipRecord;
}

/**
 * Channels, direct conversations and memberships: who may see, join, invite, kick, rename and
 * archive, and the room moves and events that follow each change.
 */
@Injectable()
export class ChannelsService {
  constructor(
    @Inject(CHANNELS_REPOSITORY) private readonly channels: ChannelsRepository,
    @Inject(USERS_REPOSITORY) private readonly users: UsersRepository,
    @Inject(PRESENCE_STORE) private readonly presence: PresenceStore,
    private readonly realtime: RealtimeEmitter,
  ) {}

  /** The caller's channels with their read state, in a fixed number of queries. */
  async listMine(caller: AuthUser): Promise<Channel[]> {
    const mine = await this.channels.listForUser(caller.id);
    return mine.map(({ channel, membership, counts }) => toChannelDto(channel, membership, counts));
  }

  /**
   * Moves the caller's read marker forward (never back, never past the newest message) and tells
   * the caller's other tabs.
   */
  async markRead(caller: AuthUser, channelId: string, seq: number): Promise<ReadState> {
    await this.requireMember(caller, channelId);
    await this.channels.markRead(channelId, caller.id, seq);
    const state = await this.readState(caller.id, channelId);
    this.realtime.toUser(caller.id, 'read-state', state);
    return state;
  }

  async browse(caller: AuthUser, prefix: string, limit: number): Promise<Channel[]> {
    const found = await this.channels.browsePublic(prefix, limit);
    const memberships = await this.membershipsOf(caller.id, found);
    return found.map((channel) => toChannelDto(channel, memberships.get(channel.id) ?? null));
  }

  /** Public channels are visible to everybody; others to their members only. */
  async get(caller: AuthUser, channelId: string): Promise<Channel> {
    const channel = await this.findChannel(channelId);
    const membership = await this.channels.findMembership(channelId, caller.id);
    if (!membership && channel.type !== 'public')
      throw AppError.forbidden('You are not a member of this channel');
    return this.dtoFor(channel, caller.id);
  }

  async create(caller: AuthUser, input: CreateChannelInput): Promise<Channel> {
    const invited = [...new Set(input.memberIds ?? [])].filter((id) => id !== caller.id);
    await this.assertUsersExist(invited);
    let channel: ChannelRecord;
    try {
      channel = await this.channels.create(
        {
          name: input.name,
          topic: input.topic || null,
          type: input.type,
          directKey: null,
          createdBy: caller.id,
        },
        [
          { userId: caller.id, role: 'owner' },
          ...invited.map((userId) => ({ userId, role: 'member' as const })),
        ],
      );
    } catch (error) {
      if (error instanceof UniqueConstraintError) {
        throw AppError.conflict(`A channel named "${input.name}" already exists`, { field: 'name' });
      }
      throw error;
    }
    for (const userId of [caller.id, ...invited]) await this.announceJoin(channel, userId);
    return this.dtoFor(channel, caller.id);
  }

  /** The one direct conversation of exactly these people (the caller included), created on first use. */
  async openDirect(caller: AuthUser, userIds: readonly string[]): Promise<Channel> {
    const people = [...new Set([caller.id, ...userIds])].sort();
    if (people.length < LIMITS.directChannelMembers.min) {
      throw AppError.validation([{ path: 'userIds', message: 'must name at least one other person' }]);
    }
    if (people.length > LIMITS.directChannelMembers.max) {
      throw AppError.validation([
        {
          path: 'userIds',
          message: `a direct conversation has at most ${LIMITS.directChannelMembers.max} people`,
        },
      ]);
    }
    const directKey = people.join(':');
    let channel = await this.channels.findByDirectKey(directKey);
    if (!channel) {
      const users = await this.users.findByIds(people);
      if (users.length !== people.length) throw AppError.notFound('User');
      const name = users
        .map((user) => user.username)
        .sort()
        .join(', ');
      try {
        channel = await this.channels.create(
          { name, topic: null, type: 'direct', directKey, createdBy: caller.id },
          people.map((userId) => ({ userId, role: 'member' as const })),
        );
        for (const userId of people) await this.announceJoin(channel, userId);
      } catch (error) {
        // Somebody opened the same conversation a moment ago.
        if (!(error instanceof UniqueConstraintError)) throw error;
        channel = await this.channels.findByDirectKey(directKey);
        if (!channel) throw error;
      }
    }
    return this.dtoFor(channel, caller.id);
  }

  async update(
    caller: AuthUser,
    channelId: string,
    patch: { name?: string; topic?: string | null },
  ): Promise<Channel> {
    const { channel } = await this.requireManager(caller, channelId);
    if (channel.type === 'direct') throw AppError.forbidden('Direct conversations cannot be renamed');
    if (channel.archivedAt) throw AppError.forbidden('This channel is archived');
    let updated: ChannelRecord | null;
    try {
      updated = await this.channels.update(channelId, {
        ...patch,
        topic: patch.topic === '' ? null : patch.topic,
      });
    } catch (error) {
      if (error instanceof UniqueConstraintError) {
        throw AppError.conflict(`A channel named "${patch.name}" already exists`, { field: 'name' });
      }
      throw error;
    }
    if (!updated) throw AppError.notFound('Channel');
    this.announceUpdate(updated);
    return this.dtoFor(updated, caller.id);
  }

  async archive(caller: AuthUser, channelId: string): Promise<Channel> {
    await this.requireManager(caller, channelId);
    const archived = await this.channels.archive(channelId, new Date());
    if (!archived) throw AppError.notFound('Channel');
    this.announceUpdate(archived);
    return this.dtoFor(archived, caller.id);
  }

  async join(caller: AuthUser, channelId: string): Promise<Channel> {
    const channel = await this.findChannel(channelId);
    if (channel.type !== 'public')
      throw AppError.forbidden('Only public channels can be joined; ask for an invite');
    if (channel.archivedAt) throw AppError.forbidden('This channel is archived');
    if (await this.channels.addMember(channelId, { userId: caller.id, role: 'member' })) {
      const updated = await this.findChannel(channelId);
      await this.announceJoin(updated, caller.id);
      this.announceUpdate(updated);
    }
    return this.get(caller, channelId);
  }

  async leave(caller: AuthUser, channelId: string): Promise<void> {
    const { channel, membership } = await this.requireMember(caller, channelId);
    if (channel.type === 'direct') throw AppError.forbidden('You cannot leave a direct conversation');
    await this.removeMembership(channel, membership);
  }

  async listMembers(
    caller: AuthUser,
    channelId: string,
    after: string | null,
    limit: number,
  ): Promise<ChannelMember[]> {
    await this.requireMember(caller, channelId);
    const members = await this.channels.listMembers(channelId, after, limit);
    const userIds = members.map((member) => member.userId);
    const [users, statuses] = await Promise.all([
      this.users.findByIds(userIds),
      this.presence.statuses(userIds),
    ]);
    const byId = new Map(users.map((user) => [user.id, user]));
    return members.flatMap((member) => {
      const user = byId.get(member.userId);
      if (!user) return [];
      const presence = toPresence(statuses.get(user.id) ?? 'offline', user.lastSeenAt);
      return [toChannelMemberDto(member, toUserSummary(user), presence)];
    });
  }

  /** Any member may invite to a public channel; owners and admins to a private one. */
  async addMember(caller: AuthUser, channelId: string, userId: string): Promise<ChannelMember> {
    const { channel, membership } = await this.requireMember(caller, channelId);
    if (channel.type === 'direct')
      throw AppError.forbidden('Direct conversations have a fixed set of people');
    if (channel.type === 'private' && !this.canManage(caller, membership)) {
      throw AppError.forbidden('Only owners and admins can invite to a private channel');
    }
    if (channel.archivedAt) throw AppError.forbidden('This channel is archived');
    const user = await this.users.findById(userId);
    if (!user) throw AppError.notFound('User');
    if (!(await this.channels.addMember(channelId, { userId, role: 'member' }))) {
      throw AppError.conflict('That user is already a member', { field: 'userId' });
    }
    const updated = await this.findChannel(channelId);
    await this.announceJoin(updated, userId);
    this.announceUpdate(updated);
    const added = await this.channels.findMembership(channelId, userId);
    if (!added) throw AppError.notFound('Member');
    const status = (await this.presence.statuses([userId])).get(userId) ?? 'offline';
    return toChannelMemberDto(added, toUserSummary(user), toPresence(status, user.lastSeenAt));
  }

  /** Removing yourself is leaving; removing others needs owner or admin, and only owners remove owners. */
  async removeMember(caller: AuthUser, channelId: string, userId: string): Promise<void> {
    if (userId === caller.id) return this.leave(caller, channelId);
    const { channel, membership } = await this.requireManager(caller, channelId);
    if (channel.type === 'direct')
      throw AppError.forbidden('Direct conversations have a fixed set of people');
    const target = await this.channels.findMembership(channelId, userId);
    if (!target) throw AppError.notFound('Member');
    if (target.role === 'owner' && membership?.role !== 'owner' && caller.role !== 'admin') {
      throw AppError.forbidden('Only an owner can remove an owner');
    }
    await this.removeMembership(channel, target);
  }

  /** The caller's membership of an existing channel, or FORBIDDEN / NOT_FOUND. */
  async requireMember(caller: AuthUser, channelId: string): Promise<ChannelAccess> {
    const channel = await this.findChannel(channelId);
    const membership = await this.channels.findMembership(channelId, caller.id);
    if (!membership) throw AppError.forbidden('You are not a member of this channel');
    return { channel, membership };
  }

  /** Channel owners and admins manage a channel; global admins may too (moderation). */
  canManage(caller: AuthUser, membership: MembershipRecord | null): boolean {
    return caller.role === 'admin' || membership?.role === 'owner' || membership?.role === 'admin';
  }

  /** Ids of the channels the user belongs to (rooms to join on connect). */
  channelIdsOf(userId: string): Promise<string[]> {
    return this.channels.channelIdsForUser(userId);
  }

  private async requireManager(
    caller: AuthUser,
    channelId: string,
  ): Promise<{ channel: ChannelRecord; membership: MembershipRecord | null }> {
    const channel = await this.findChannel(channelId);
    const membership = await this.channels.findMembership(channelId, caller.id);
    if (!this.canManage(caller, membership)) {
      throw AppError.forbidden(
        membership ? 'Only owners and admins can do that' : 'You are not a member of this channel',
      );
    }
    return { channel, membership };
  }

  private async findChannel(channelId: string): Promise<ChannelRecord> {
    const channel = await this.channels.findById(channelId);
    if (!channel) throw AppError.notFound('Channel');
    return channel;
  }

  private async removeMembership(channel: ChannelRecord, membership: MembershipRecord): Promise<void> {
    if (!(await this.channels.removeMember(channel.id, membership.userId))) return;
    if (membership.role === 'owner') {
      // The longest-standing remaining member inherits a channel its last owner left.
      const heir = await this.channels.oldestMember(channel.id, membership.userId);
      if (heir && heir.role !== 'owner') await this.channels.setRole(channel.id, heir.userId, 'owner');
    }
    this.realtime.leaveChannel(membership.userId, channel.id);
    this.realtime.toUser(membership.userId, 'channel-left', { channelId: channel.id });
    const updated = await this.channels.findById(channel.id);
    if (updated) this.announceUpdate(updated);
  }

  private async announceJoin(channel: ChannelRecord, userId: string): Promise<void> {
    this.realtime.joinChannel(userId, channel.id);
    this.realtime.toUser(userId, 'channel-joined', await this.dtoFor(channel, userId));
  }

  /** The channel as `userId` sees it, with their read state when they are a member. */
  private async dtoFor(channel: ChannelRecord, userId: string): Promise<Channel> {
    const [membership, state] = await Promise.all([
      this.channels.findMembership(channel.id, userId),
      this.channels.readState(channel.id, userId),
    ]);
    return toChannelDto(channel, membership, state ?? undefined);
  }

  private async readState(userId: string, channelId: string): Promise<ReadState> {
    const state = await this.channels.readState(channelId, userId);
    if (!state) throw AppError.forbidden('You are not a member of this channel');
    return state;
  }

  /** `channel-updated` goes to the whole room, so its read fields are not the receiver's (zero). */
  private announceUpdate(channel: ChannelRecord): void {
    this.realtime.toChannel(channel.id, null, 'channel-updated', toChannelDto(channel, null));
  }

  private async assertUsersExist(userIds: readonly string[]): Promise<void> {
    if (userIds.length === 0) return;
    const found = await this.users.findByIds(userIds);
    if (found.length !== userIds.length) throw AppError.notFound('User');
  }

  private async membershipsOf(
    userId: string,
    channels: readonly ChannelRecord[],
  ): Promise<Map<string, MembershipRecord>> {
    const mine = new Set(await this.channels.channelIdsForUser(userId));
    const memberships = new Map<string, MembershipRecord>();
    for (const channel of channels) {
      if (!mine.has(channel.id)) continue;
      const membership = await this.channels.findMembership(channel.id, userId);
      if (membership) memberships.set(channel.id, membership);
    }
    return memberships;
  }
}
