import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema } from './common';
import { LIMITS } from '@supchat/constants';
import { UserSummarySchema } from './users';

export const ReactionSchema = z.object({
  emoji: z.string(),
  userIds: z.array(IdSchema),
  count: z.number().int().nonnegative(),
});
export type Reaction = z.infer<typeof ReactionSchema>;

export const AttachmentSchema = z.object({
  id: IdSchema,
  name: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
  url: z.string(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

/**
 * `seq` orders the timeline; `rev` says which version of a message is newer (DESIGN section 3).
 * A deleted message is a tombstone: `deletedAt` set, `content` empty.
 */
export const MessageSchema = z.object({
  id: IdSchema,
  channelId: IdSchema,
  seq: z.number().int().positive(),
  rev: z.number().int().positive(),
  authorId: IdSchema,
  author: UserSummarySchema,
  content: z.string(),
  mentions: z.array(IdSchema),
  mentionsChannel: z.boolean(),
  parentId: IdSchema.nullable(),
  replyCount: z.number().int().nonnegative(),
  lastReplyAt: IsoDateTimeSchema.nullable(),
  reactions: z.array(ReactionSchema),
  attachments: z.array(AttachmentSchema),
  clientMessageId: z.string().nullable(),
  createdAt: IsoDateTimeSchema,
  editedAt: IsoDateTimeSchema.nullable(),
  deletedAt: IsoDateTimeSchema.nullable(),
});
export type Message = z.infer<typeof MessageSchema>;

export const MessageDeletedSchema = z.object({
  id: IdSchema,
  channelId: IdSchema,
  rev: z.number().int().positive(),
});
export type MessageDeleted = z.infer<typeof MessageDeletedSchema>;

/** 1..4000 characters (code points) after trimming. */
export const MessageContentSchema = z
  .string({ error: 'must be a string' })
  .trim()
  .refine((content) => content.length > 0, { error: 'must not be empty' })
  .refine((content) => [...content].length <= LIMITS.messageContent.max, {
    error: `must be at most ${LIMITS.messageContent.max} characters`,
  })
  .meta({
    description: `${LIMITS.messageContent.min}..${LIMITS.messageContent.max} characters after trimming`,
  });

export const ClientMessageIdSchema = z
  .string({ error: 'must be a string' })
  .min(1, { error: 'must not be empty' })
  .max(LIMITS.clientMessageId.max, { error: `must be at most ${LIMITS.clientMessageId.max} characters` });

export const PostMessageRequestSchema = z.strictObject({
  content: MessageContentSchema,
  clientMessageId: ClientMessageIdSchema.optional(),
  parentId: IdSchema.optional(),
});
export type PostMessageRequest = z.input<typeof PostMessageRequestSchema>;

export const EditMessageRequestSchema = z.strictObject({ content: MessageContentSchema });
export type EditMessageRequest = z.input<typeof EditMessageRequestSchema>;

const seqParam = (name: string) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int({ error: 'must be an integer' })
    .min(0, { error: 'must not be negative' })
    .max(Number.MAX_SAFE_INTEGER, { error: 'is too large' });

const pageLimit = (limits: { default: number; max: number }) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be an integer' })
    .min(1, { error: 'must be at least 1' })
    .max(limits.max, { error: `must be at most ${limits.max}` })
    .default(limits.default);

/** `before` pages back from a seq, `after` forward; neither gives the newest page. */
export const HistoryQuerySchema = z
  .strictObject({
    before: seqParam('before').optional(),
    after: seqParam('after').optional(),
    limit: pageLimit(LIMITS.historyPage),
  })
  .refine((query) => query.before === undefined || query.after === undefined, {
    error: 'give before or after, not both',
    path: ['before'],
  });

export const ChangesQuerySchema = z.strictObject({
  sinceRev: seqParam('sinceRev'),
  limit: pageLimit(LIMITS.changesPage),
});

export const RepliesQuerySchema = z.strictObject({
  after: seqParam('after').optional(),
  limit: pageLimit(LIMITS.historyPage),
});

export const MessagePageSchema = z.object({
  messages: z.array(MessageSchema),
  hasMore: z.boolean(),
});
export type MessagePage = z.infer<typeof MessagePageSchema>;

/**
 * Every create, edit, delete and reaction with a rev above `sinceRev`, by rev. `lastRev` is where the
 * next request continues from; with `hasMore` false the caller is up to date.
 */
export const ChangesPageSchema = z.object({
  messages: z.array(MessageSchema),
  lastRev: z.number().int().nonnegative(),
  hasMore: z.boolean(),
});
export type ChangesPage = z.infer<typeof ChangesPageSchema>;

/* Socket.IO payloads (DESIGN section 2), validated by the server. */

export const SendMessagePayloadSchema = z.strictObject({
  channelId: IdSchema,
  content: MessageContentSchema,
  clientMessageId: ClientMessageIdSchema,
  parentId: IdSchema.optional(),
});

export const EditMessagePayloadSchema = z.strictObject({
  messageId: IdSchema,
  content: MessageContentSchema,
});

export const DeleteMessagePayloadSchema = z.strictObject({ messageId: IdSchema });

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
/** Pictographs, flags (regional indicators) and keycaps (digit + U+20E3). */
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u;

/** One emoji grapheme (skin tones and ZWJ sequences included) or a `:shortcode:` of up to 32 characters. */
export const EmojiSchema = z
  .string({ error: 'must be a string' })
  .max(64, { error: 'must be one emoji or a :shortcode:' })
  .refine(
    (value) =>
      /^:[a-z0-9_+-]{1,32}:$/.test(value) ||
      ([...graphemes.segment(value)].length === 1 && EMOJI.test(value)),
    { error: 'must be one emoji or a :shortcode: of up to 32 characters' },
  )
  .meta({ description: 'one emoji (a single grapheme) or a :shortcode: of up to 32 characters' });

export const ToggleReactionPayloadSchema = z.strictObject({ messageId: IdSchema, emoji: EmojiSchema });

export const TypingPayloadSchema = z.strictObject({
  channelId: IdSchema,
  isTyping: z.boolean({ error: 'must be true or false' }),
});

export const MarkReadRequestSchema = z.strictObject({ seq: seqParam('seq') });
export const MarkReadPayloadSchema = z.strictObject({ channelId: IdSchema, seq: seqParam('seq') });

const ClientStatusSchema = z.enum(['online', 'away'], { error: 'must be "online" or "away"' });

export const SetPresencePayloadSchema = z.strictObject({ status: ClientStatusSchema });

/**
 * The Socket.IO handshake's `auth`: the access token, and the status the new socket starts with
 * (online when left out), so a tab that reconnects while away does not flip its user online first.
 */
export const HandshakeAuthSchema = z.object({
  token: z.string({ error: 'must be an access token' }),
  presence: ClientStatusSchema.optional(),
});

export const SyncPayloadSchema = z.strictObject({
  channels: z
    .array(z.strictObject({ channelId: IdSchema, sinceRev: seqParam('sinceRev') }), {
      error: 'must be an array of {channelId, sinceRev}',
    })
    .max(LIMITS.syncChannels, { error: `at most ${LIMITS.syncChannels} channels at once` })
    .refine((entries) => new Set(entries.map((entry) => entry.channelId)).size === entries.length, {
      error: 'must name each channel once',
    }),
});

export const SyncResultSchema = z.object({
  channels: z.array(
    z.object({
      channelId: IdSchema,
      messages: z.array(MessageSchema),
      lastRev: z.number().int().nonnegative(),
      hasMore: z.boolean(),
    }),
  ),
});
