import type { Channel, ChannelMember, Presence, UserSummary } from '@supchat/contracts';
import type { ChannelRecord, MembershipRecord, UnreadCounts } from './channels.repository';

const NO_COUNTS: UnreadCounts = { unreadCount: 0, mentionCount: 0 };

/** A channel as `membership`'s user sees it (read fields zero for a non-member). */
export function toChannelDto(
  channel: ChannelRecord,
  membership: MembershipRecord | null,
  counts: UnreadCounts = NO_COUNTS,
): Channel {
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
    unreadCount: membership ? counts.unreadCount : 0,
    mentionCount: membership ? counts.mentionCount : 0,
  };
}

export function toChannelMemberDto(
  membership: MembershipRecord,
  user: UserSummary,
  presence: Presence,
): ChannelMember {
  return { user, role: membership.role, joinedAt: membership.joinedAt.toISOString(), presence };
}
