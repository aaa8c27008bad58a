import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema } from './common';

export const CHANNEL_TYPES = ['public', 'private', 'direct'] as const;
export const ChannelTypeSchema = z.enum(CHANNEL_TYPES);
export type ChannelType = z.infer<typeof ChannelTypeSchema>;

/** A channel as one caller sees it: the read fields are that caller's. */
export const ChannelSchema = z.object({
  id: IdSchema,
  name: z.string(),
  topic: z.string().nullable(),
  type: ChannelTypeSchema,
  memberCount: z.number().int().nonnegative(),
  lastSeq: z.number().int().nonnegative(),
  createdAt: IsoDateTimeSchema,
  createdBy: IdSchema,
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
