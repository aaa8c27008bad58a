import { z } from 'zod';

/** Ids are 24 hex characters (a MongoDB ObjectId, or the same shape on SQLite). */
export const IdSchema = z
  .string({ error: 'must be a string id' })
  .regex(/^[a-f0-9]{24}$/, { error: 'must be a 24-character hex id' });
export type Id = z.infer<typeof IdSchema>;

/** Times on the wire are ISO-8601 strings. */
export const IsoDateTimeSchema = z.iso.datetime({ offset: true });
export type IsoDateTime = z.infer<typeof IsoDateTimeSchema>;
