import { ERROR_CODES } from '@supchat/constants';
import { z } from 'zod';

export const ErrorCodeSchema = z.enum(ERROR_CODES);

/** One entry per invalid field: `path` is the dotted path of the field ('' for the whole payload). */
export const FieldIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof FieldIssueSchema>;

export const ErrorDetailsSchema = z.record(z.string(), z.unknown());
export type ErrorDetails = z.infer<typeof ErrorDetailsSchema>;

/** Body of every HTTP error response. */
export const ErrorBodySchema = z.object({
  statusCode: z.number().int(),
  code: ErrorCodeSchema,
  message: z.string(),
  details: ErrorDetailsSchema.optional(),
  requestId: z.string(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** The error half of a Socket.IO acknowledgement. */
export const AckErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  details: ErrorDetailsSchema.optional(),
});
export type AckError = z.infer<typeof AckErrorSchema>;
