import { z } from 'zod';
import {
  AddMemberRequestSchema,
  BrowseChannelsQuerySchema,
  ChannelMemberSchema,
  ChannelSchema,
  CreateChannelRequestSchema,
  ReadStateSchema,
  CreateDirectChannelRequestSchema,
  MembersQuerySchema,
  UpdateChannelRequestSchema,
} from './channels';
import { IdSchema } from './common';
import type { ErrorCode } from '@supchat/constants';
import {
  ChangesPageSchema,
  ChangesQuerySchema,
  EditMessageRequestSchema,
  EmojiSchema,
  HistoryQuerySchema,
  MarkReadRequestSchema,
  MessageDeletedSchema,
  MessagePageSchema,
  MessageSchema,
  PostMessageRequestSchema,
  RepliesQuerySchema,
} from './messages';
import {
  AuthResponseSchema,
  LoginRequestSchema,
  LogoutRequestSchema,
  RefreshRequestSchema,
  RegisterRequestSchema,
  UserSchema,
  UserSearchQuerySchema,
  UserSummarySchema,
} from './users';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RestResponse {
  status: number;
  description: string;
  schema?: z.ZodType;
}

/** One REST route of the wire contract: the server implements exactly these, the OpenAPI document lists them. */
export interface RestRoute {
  method: HttpMethod;
  /** Express-style path with `:param` placeholders. */
  path: string;
  summary: string;
  tag: 'auth' | 'users' | 'channels' | 'messages' | 'monitoring';
  /** Needs `Authorization: Bearer <access token>`. */
  authenticated: boolean;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  responses: readonly RestResponse[];
  /** Contract error codes this route can answer with (besides INTERNAL). */
  errors: readonly ErrorCode[];
}

export const ChannelIdParamsSchema = z.strictObject({ id: IdSchema });
export const MessageIdParamsSchema = z.strictObject({ id: IdSchema });
export const ChannelMemberParamsSchema = z.strictObject({ id: IdSchema, userId: IdSchema });
export const ReactionParamsSchema = z.strictObject({ id: IdSchema, emoji: EmojiSchema });

const ok = (schema: z.ZodType, description: string, status = 200): RestResponse => ({
  status,
  description,
  schema,
});
const noContent: RestResponse = { status: 204, description: 'Done' };
const AUTHED: ErrorCode[] = ['UNAUTHORIZED', 'VALIDATION_FAILED'];
const IN_CHANNEL: ErrorCode[] = [...AUTHED, 'FORBIDDEN', 'NOT_FOUND'];

export const REST_ROUTES: readonly RestRoute[] = [
  {
    method: 'POST',
    path: '/api/auth/register',
    summary: 'Create an account and start a session (the first account becomes an admin)',
    tag: 'auth',
    authenticated: false,
    body: RegisterRequestSchema,
    responses: [ok(AuthResponseSchema, 'The new user and a session', 201)],
    errors: ['VALIDATION_FAILED', 'CONFLICT', 'PAYLOAD_TOO_LARGE'],
  },
  {
    method: 'POST',
    path: '/api/auth/login',
    summary: 'Start a session (throttled per email and per IP after failures)',
    tag: 'auth',
    authenticated: false,
    body: LoginRequestSchema,
    responses: [ok(AuthResponseSchema, 'The user and a session')],
    errors: ['VALIDATION_FAILED', 'UNAUTHORIZED', 'RATE_LIMITED'],
  },
  {
    method: 'POST',
    path: '/api/auth/refresh',
    summary: 'Exchange a refresh token for a new pair (rotation; a reused token revokes the session)',
    tag: 'auth',
    authenticated: false,
    body: RefreshRequestSchema,
    responses: [ok(AuthResponseSchema, 'A new access and refresh token')],
    errors: ['VALIDATION_FAILED', 'UNAUTHORIZED'],
  },
  {
    method: 'POST',
    path: '/api/auth/logout',
    summary: "End the refresh token's session and disconnect its sockets",
    tag: 'auth',
    authenticated: true,
    body: LogoutRequestSchema,
    responses: [noContent],
    errors: AUTHED,
  },
  {
    method: 'GET',
    path: '/api/users/me',
    summary: 'The caller',
    tag: 'users',
    authenticated: true,
    responses: [ok(UserSchema, 'The caller')],
    errors: ['UNAUTHORIZED'],
  },
  {
    method: 'GET',
    path: '/api/users',
    summary: 'Find users by username or display-name prefix (emails only for admins)',
    tag: 'users',
    authenticated: true,
    query: UserSearchQuerySchema,
    responses: [ok(z.array(z.union([UserSchema, UserSummarySchema])), 'Matching users, by username')],
    errors: AUTHED,
  },
  {
    method: 'GET',
    path: '/api/channels',
    summary: "The caller's channels and direct conversations, with the caller's read state",
    tag: 'channels',
    authenticated: true,
    responses: [ok(z.array(ChannelSchema), 'Channels the caller is a member of')],
    errors: ['UNAUTHORIZED'],
  },
  {
    method: 'GET',
    path: '/api/channels/browse',
    summary: 'Public channels, optionally filtered by a name prefix',
    tag: 'channels',
    authenticated: true,
    query: BrowseChannelsQuerySchema,
    responses: [ok(z.array(ChannelSchema), 'Public channels by name')],
    errors: AUTHED,
  },
  {
    method: 'POST',
    path: '/api/channels',
    summary: 'Create a public or private channel; the caller becomes its owner',
    tag: 'channels',
    authenticated: true,
    body: CreateChannelRequestSchema,
    responses: [ok(ChannelSchema, 'The new channel', 201)],
    errors: [...AUTHED, 'CONFLICT', 'NOT_FOUND'],
  },
  {
    method: 'POST',
    path: '/api/channels/direct',
    summary: 'Open the direct conversation of a set of 2 to 9 people (the same set always gets the same one)',
    tag: 'channels',
    authenticated: true,
    body: CreateDirectChannelRequestSchema,
    responses: [ok(ChannelSchema, 'The direct conversation')],
    errors: [...AUTHED, 'NOT_FOUND'],
  },
  {
    method: 'GET',
    path: '/api/channels/:id',
    summary: 'One channel (public ones for anybody, others for members)',
    tag: 'channels',
    authenticated: true,
    params: ChannelIdParamsSchema,
    responses: [ok(ChannelSchema, 'The channel')],
    errors: IN_CHANNEL,
  },
  {
    method: 'PATCH',
    path: '/api/channels/:id',
    summary: 'Rename a channel or change its topic (owner or admin)',
    tag: 'channels',
    authenticated: true,
    params: ChannelIdParamsSchema,
    body: UpdateChannelRequestSchema,
    responses: [ok(ChannelSchema, 'The updated channel')],
    errors: [...IN_CHANNEL, 'CONFLICT'],
  },
  {
    method: 'POST',
    path: '/api/channels/:id/archive',
    summary: 'Archive a channel: it stays readable, nobody can post (owner or admin)',
    tag: 'channels',
    authenticated: true,
    params: ChannelIdParamsSchema,
    responses: [ok(ChannelSchema, 'The archived channel')],
    errors: IN_CHANNEL,
  },
  {
    method: 'POST',
    path: '/api/channels/:id/join',
    summary: 'Join a public channel',
    tag: 'channels',
    authenticated: true,
    params: ChannelIdParamsSchema,
    responses: [ok(ChannelSchema, 'The joined channel')],
    errors: IN_CHANNEL,
  },
  {
    method: 'POST',
    path: '/api/channels/:id/leave',
    summary: 'Leave a channel (not a direct conversation)',
    tag: 'channels',
    authenticated: true,
    params: ChannelIdParamsSchema,
    responses: [noContent],
    errors: IN_CHANNEL,
  },
  {
    method: 'GET',
    path: '/api/channels/:id/members',
    summary: 'Members of a channel, by user id',
    tag: 'channels',
    authenticated: true,
    params: ChannelIdParamsSchema,
    query: MembersQuerySchema,
    responses: [ok(z.array(ChannelMemberSchema), 'One page of members')],
    errors: IN_CHANNEL,
  },
  {
    method: 'POST',
    path: '/api/channels/:id/members',
    summary: 'Invite a user (any member of a public channel; owner or admin of a private one)',
    tag: 'channels',
    authenticated: true,
    params: ChannelIdParamsSchema,
    body: AddMemberRequestSchema,
    responses: [ok(ChannelMemberSchema, 'The new member', 201)],
    errors: [...IN_CHANNEL, 'CONFLICT'],
  },
  {
    method: 'DELETE',
    path: '/api/channels/:id/members/:userId',
    summary: 'Remove a member (owner or admin)',
    tag: 'channels',
    authenticated: true,
    params: ChannelMemberParamsSchema,
    responses: [noContent],
    errors: IN_CHANNEL,
  },
  {
    method: 'GET',
    path: '/api/channels/:id/messages',
    summary: 'A page of the timeline (top-level messages, ascending seq, tombstones included)',
    tag: 'messages',
    authenticated: true,
    params: ChannelIdParamsSchema,
    query: HistoryQuerySchema,
    responses: [ok(MessagePageSchema, 'Messages in ascending seq')],
    errors: IN_CHANNEL,
  },
  {
    method: 'GET',
    path: '/api/channels/:id/changes',
    summary: 'Every create, edit and delete since a rev, by rev (catch-up)',
    tag: 'messages',
    authenticated: true,
    params: ChannelIdParamsSchema,
    query: ChangesQuerySchema,
    responses: [ok(ChangesPageSchema, 'Changed messages in ascending rev')],
    errors: IN_CHANNEL,
  },
  {
    method: 'POST',
    path: '/api/channels/:id/messages',
    summary: 'Post a message (a repeated clientMessageId returns the first message with 200)',
    tag: 'messages',
    authenticated: true,
    params: ChannelIdParamsSchema,
    body: PostMessageRequestSchema,
    responses: [
      ok(MessageSchema, 'The new message', 201),
      ok(MessageSchema, 'The message first sent with this clientMessageId'),
    ],
    errors: [...IN_CHANNEL, 'RATE_LIMITED'],
  },
  {
    method: 'GET',
    path: '/api/messages/:id',
    summary: 'One message',
    tag: 'messages',
    authenticated: true,
    params: MessageIdParamsSchema,
    responses: [ok(MessageSchema, 'The message')],
    errors: IN_CHANNEL,
  },
  {
    method: 'PATCH',
    path: '/api/messages/:id',
    summary: 'Edit a message (its author only)',
    tag: 'messages',
    authenticated: true,
    params: MessageIdParamsSchema,
    body: EditMessageRequestSchema,
    responses: [ok(MessageSchema, 'The edited message')],
    errors: IN_CHANNEL,
  },
  {
    method: 'DELETE',
    path: '/api/messages/:id',
    summary: 'Delete a message, leaving a tombstone (author, channel owner or admin, or a global admin)',
    tag: 'messages',
    authenticated: true,
    params: MessageIdParamsSchema,
    responses: [ok(MessageDeletedSchema, 'The tombstone')],
    errors: IN_CHANNEL,
  },
  {
    method: 'GET',
    path: '/api/messages/:id/replies',
    summary: "A page of a thread's replies in ascending seq (readable even when the parent was deleted)",
    tag: 'messages',
    authenticated: true,
    params: MessageIdParamsSchema,
    query: RepliesQuerySchema,
    responses: [ok(MessagePageSchema, 'Replies in ascending seq')],
    errors: IN_CHANNEL,
  },
  {
    method: 'PUT',
    path: '/api/messages/:id/reactions/:emoji',
    summary: 'Add your reaction (idempotent; at most 50 distinct reactions per message)',
    tag: 'messages',
    authenticated: true,
    params: ReactionParamsSchema,
    responses: [ok(MessageSchema, 'The message with its reactions')],
    errors: [...IN_CHANNEL, 'CONFLICT'],
  },
  {
    method: 'DELETE',
    path: '/api/messages/:id/reactions/:emoji',
    summary: 'Remove your reaction (idempotent)',
    tag: 'messages',
    authenticated: true,
    params: ReactionParamsSchema,
    responses: [ok(MessageSchema, 'The message with its reactions')],
    errors: IN_CHANNEL,
  },
  {
    method: 'POST',
    path: '/api/channels/:id/read',
    summary: 'Mark the channel read up to a seq (never moves backwards); other tabs get read-state',
    tag: 'channels',
    authenticated: true,
    params: ChannelIdParamsSchema,
    body: MarkReadRequestSchema,
    responses: [ok(ReadStateSchema, "The caller's read state of the channel")],
    errors: IN_CHANNEL,
  },
  {
    method: 'POST',
    path: '/api/monitoring/probe-channel',
    summary:
      "The caller's private channel for the dashboard's message tester, created on first use (admins only)",
    tag: 'monitoring',
    authenticated: true,
    responses: [ok(ChannelSchema, 'The probe channel (the caller is its only member)')],
    errors: ['UNAUTHORIZED', 'FORBIDDEN', 'CONFLICT'],
  },
];
