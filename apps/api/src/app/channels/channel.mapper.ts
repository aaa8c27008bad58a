import type { Channel, ChannelMember, UserSummary } from '@supchat/contracts';
import type { ChannelRecord, MembershipRecord } from './channels.repository';

/** A channel as `membership`'s user sees it (read fields zero for a non-member). */
export function toChannelDto(channel: ChannelRecord, membership: MembershipRecord | null): Channel {
  return {
    id: channel.id,
    name: channel.name,
    topic: channel.topic,
    type: channel.type,
    memberCount: channel.memberCount,
    lastSeq: channel.lastSeq,
    lastRev: channel.lastRev,
    createdAt: channel.createdAt.toISOString(),
    createdBy: channel.createdBy,
    archivedAt: channel.archivedAt ? channel.archivedAt.toISOString() : null,
    lastReadSeq: membership?.lastReadSeq ?? 0,
    // Counted by the read-state feature; zero until then.
    unreadCount: 0,
    mentionCount: 0,
  };
}

export function toChannelMemberDto(membership: MembershipRecord, user: UserSummary): ChannelMember {
  return { user, role: membership.role, joinedAt: membership.joinedAt.toISOString() };
}
