import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema } from './common';
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
