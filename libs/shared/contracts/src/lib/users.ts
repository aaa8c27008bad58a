import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema } from './common';
import { LIMITS, RESERVED_USERNAMES, USER_ROLES } from '@supchat/constants';

export const UserRoleSchema = z.enum(USER_ROLES);
export type UserRole = z.infer<typeof UserRoleSchema>;

/** Lower-case letters, digits, `_`, `.` and `-`; input is lower-cased first, so uniqueness is case-insensitive. */
export const UsernameSchema = z
  .string({ error: 'must be a string' })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_.-]+$/, { error: 'may contain only letters, digits, "_", "." and "-"' })
  .min(LIMITS.username.min, { error: `must be at least ${LIMITS.username.min} characters` })
  .max(LIMITS.username.max, { error: `must be at most ${LIMITS.username.max} characters` })
  .refine((username) => !RESERVED_USERNAMES.includes(username), { error: 'is reserved' });

export const EmailSchema = z
  .string({ error: 'must be a string' })
  .trim()
  .max(LIMITS.email.max, { error: `must be at most ${LIMITS.email.max} characters` })
  .pipe(z.email({ error: 'must be a valid email address' }))
  .meta({ description: `an email address, at most ${LIMITS.email.max} characters`, format: 'email' });

export const PasswordSchema = z
  .string({ error: 'must be a string' })
  .min(LIMITS.password.min, { error: `must be at least ${LIMITS.password.min} characters` })
  .max(LIMITS.password.max, { error: `must be at most ${LIMITS.password.max} characters` });

export const DisplayNameSchema = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(LIMITS.displayName.max, { error: `must be at most ${LIMITS.displayName.max} characters` });

export const UserSummarySchema = z.object({
  id: IdSchema,
  username: z.string(),
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
});
export type UserSummary = z.infer<typeof UserSummarySchema>;

export const UserSchema = UserSummarySchema.extend({
  email: z.string(),
  role: UserRoleSchema,
  createdAt: IsoDateTimeSchema,
});
export type User = z.infer<typeof UserSchema>;

export const RegisterRequestSchema = z.strictObject({
  email: EmailSchema,
  username: UsernameSchema,
  password: PasswordSchema,
  displayName: DisplayNameSchema.optional(),
});
export type RegisterRequest = z.input<typeof RegisterRequestSchema>;

export const LoginRequestSchema = z.strictObject({
  email: EmailSchema,
  // Only bounded here: a login must not reveal the password rules, but hashing stays cheap.
  password: z
    .string({ error: 'must be a string' })
    .min(1, { error: 'must not be empty' })
    .max(LIMITS.password.max, { error: `must be at most ${LIMITS.password.max} characters` }),
});
export type LoginRequest = z.input<typeof LoginRequestSchema>;

const RefreshTokenSchema = z
  .string({ error: 'must be a string' })
  .min(1, { error: 'must not be empty' })
  .max(256, { error: 'is not a valid refresh token' });

export const RefreshRequestSchema = z.strictObject({ refreshToken: RefreshTokenSchema });
export type RefreshRequest = z.input<typeof RefreshRequestSchema>;

export const LogoutRequestSchema = z.strictObject({ refreshToken: RefreshTokenSchema });
export type LogoutRequest = z.input<typeof LogoutRequestSchema>;

export const AuthResponseSchema = z.object({
  user: UserSchema,
  accessToken: z.string(),
  refreshToken: z.string(),
  /** Lifetime of the access token, in seconds. */
  expiresIn: z.number().int().positive(),
});
export type AuthResponse = z.infer<typeof AuthResponseSchema>;

export const UserSearchQuerySchema = z.strictObject({
  q: z
    .string({ error: 'must be a string' })
    .trim()
    .max(LIMITS.username.max, { error: `must be at most ${LIMITS.username.max} characters` })
    .optional(),
  limit: z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be an integer' })
    .min(1, { error: 'must be at least 1' })
    .max(LIMITS.userSearch.max, { error: `must be at most ${LIMITS.userSearch.max}` })
    .default(LIMITS.userSearch.default),
});
export type UserSearchQuery = z.input<typeof UserSearchQuerySchema>;

/** `reauthenticate`: a fresh access token for an open socket, before the one it connected with expires. */
export const ReauthenticatePayloadSchema = z.strictObject({
  token: z
    .string({ error: 'must be an access token' })
    .min(1, { error: 'must be an access token' })
    .max(4096, { error: 'is too long' }),
});
export type ReauthenticatePayload = z.input<typeof ReauthenticatePayloadSchema>;

export const ReauthenticatedSchema = z.object({ expiresAt: z.iso.datetime({ offset: true }) });
export type Reauthenticated = z.infer<typeof ReauthenticatedSchema>;
