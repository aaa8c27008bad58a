import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema } from './common';
import { CHANNEL_TYPES, LIMITS, MEMBER_ROLES, PRESENCE_STATUSES } from '@supchat/constants';
import { UserSummarySchema } from './users';

export const ChannelTypeSchema = z.enum(CHANNEL_TYPES);
export type ChannelType = z.infer<typeof ChannelTypeSchema>;

export const MemberRoleSchema = z.enum(MEMBER_ROLES);
export type MemberRole = z.infer<typeof MemberRoleSchema>;

/**
 * A channel as one caller sees it: the read fields (`lastReadSeq`, `unreadCount`, `mentionCount`) are
 * that caller's. `lastSeq` is the seq of the newest top-level message (0 when there is none), `lastRev`
 * the channel's last change of any kind. `name` of a direct channel lists its members' usernames.
 */
export const ChannelSchema = z.object({
  id: IdSchema,
  name: z.string(),
  topic: z.string().nullable(),
  type: ChannelTypeSchema,
  memberCount: z.number().int().nonnegative(),
  lastSeq: z.number().int().nonnegative(),
  lastRev: z.number().int().nonnegative(),
  createdAt: IsoDateTimeSchema,
  createdBy: IdSchema,
  archivedAt: IsoDateTimeSchema.nullable(),
  lastReadSeq: z.number().int().nonnegative(),
  unreadCount: z.number().int().nonnegative(),
  mentionCount: z.number().int().nonnegative(),
});
export type Channel = z.infer<typeof ChannelSchema>;

export const ReadStateSchema = z.object({
  channelId: IdSchema,
  lastReadSeq: z.number().int().nonnegative(),
  unreadCount: z.number().int().nonnegative(),
  mentionCount: z.number().int().nonnegative(),
});
export type ReadState = z.infer<typeof ReadStateSchema>;

export const PresenceStatusSchema = z.enum(PRESENCE_STATUSES);

export const PresenceSchema = z.object({
  status: PresenceStatusSchema,
  /** When the user was last connected (null: never, or not yet recorded). */
  lastSeenAt: IsoDateTimeSchema.nullable(),
});
export type Presence = z.infer<typeof PresenceSchema>;

export const ChannelMemberSchema = z.object({
  user: UserSummarySchema,
  role: MemberRoleSchema,
  joinedAt: IsoDateTimeSchema,
  presence: PresenceSchema,
});
export type ChannelMember = z.infer<typeof ChannelMemberSchema>;

/**
 * Channel names: trimmed, lower-cased, inner spaces become "-"; letters (any script), digits, "_" and
 * "-"; unique among public and private channels.
 */
export const ChannelNameSchema = z
  .string({ error: 'must be a string' })
  .trim()
  .toLowerCase()
  .transform((name) => name.replace(/\s+/g, '-'))
  .pipe(
    z
      .string()
      .min(LIMITS.channelName.min, { error: 'must not be empty' })
      .max(LIMITS.channelName.max, { error: `must be at most ${LIMITS.channelName.max} characters` })
      .regex(/^[\p{L}\p{N}_-]+$/u, { error: 'may contain only letters, digits, "_" and "-"' }),
  )
  .meta({
    description: `${LIMITS.channelName.min}..${LIMITS.channelName.max} letters, digits, "_" or "-"; lower-cased, spaces become "-"`,
  });

export const ChannelTopicSchema = z
  .string({ error: 'must be a string' })
  .trim()
  .max(LIMITS.channelTopic.max, { error: `must be at most ${LIMITS.channelTopic.max} characters` });

export const CreateChannelRequestSchema = z.strictObject({
  name: ChannelNameSchema,
  type: z.enum(['public', 'private'], { error: 'must be "public" or "private"' }),
  topic: ChannelTopicSchema.optional(),
  memberIds: z
    .array(IdSchema, { error: 'must be an array of user ids' })
    .max(LIMITS.channelInvitesPerRequest, {
      error: `at most ${LIMITS.channelInvitesPerRequest} members at once`,
    })
    .optional(),
});
export type CreateChannelRequest = z.input<typeof CreateChannelRequestSchema>;

/** The other people of a direct conversation (the caller is added); 2 to 9 people in all. */
export const CreateDirectChannelRequestSchema = z.strictObject({
  userIds: z
    .array(IdSchema, { error: 'must be an array of user ids' })
    .min(1, { error: 'must name at least one other person' })
    .max(LIMITS.directChannelMembers.max, {
      error: `a direct conversation has at most ${LIMITS.directChannelMembers.max} people`,
    }),
});
export type CreateDirectChannelRequest = z.input<typeof CreateDirectChannelRequestSchema>;

/** Rename or change the topic (owner or admin); `topic: null` clears it. */
export const UpdateChannelRequestSchema = z
  .strictObject({
    name: ChannelNameSchema.optional(),
    topic: ChannelTopicSchema.nullable().optional(),
  })
  .refine((body) => body.name !== undefined || body.topic !== undefined, {
    error: 'name or topic is required',
  });
export type UpdateChannelRequest = z.input<typeof UpdateChannelRequestSchema>;

export const AddMemberRequestSchema = z.strictObject({ userId: IdSchema });
export type AddMemberRequest = z.input<typeof AddMemberRequestSchema>;

export const BrowseChannelsQuerySchema = z.strictObject({
  q: z
    .string({ error: 'must be a string' })
    .trim()
    .max(LIMITS.channelName.max, { error: `must be at most ${LIMITS.channelName.max} characters` })
    .optional(),
  limit: z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be an integer' })
    .min(1, { error: 'must be at least 1' })
    .max(LIMITS.browse.max, { error: `must be at most ${LIMITS.browse.max}` })
    .default(LIMITS.browse.default),
});

export const MembersQuerySchema = z.strictObject({
  /** Continue after this user id (members are listed by user id). */
  after: IdSchema.optional(),
  limit: z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be an integer' })
    .min(1, { error: 'must be at least 1' })
    .max(LIMITS.membersPage.max, { error: `must be at most ${LIMITS.membersPage.max}` })
    .default(LIMITS.membersPage.default),
});
