import type { Channel, ReadState } from './channels';
import type { AckError } from './errors';
import type { CLIENT_EVENTS } from '@supchat/constants';
import type { z } from 'zod';
import type {
  DeleteMessagePayloadSchema,
  EditMessagePayloadSchema,
  HandshakeAuthSchema,
  MarkReadPayloadSchema,
  Message,
  MessageDeleted,
  SendMessagePayloadSchema,
  SetPresencePayloadSchema,
  SyncPayloadSchema,
  SyncResultSchema,
  ToggleReactionPayloadSchema,
  TypingPayloadSchema,
} from './messages';
import type { ClientStatsPayload } from './monitoring';
import type { ReauthenticatePayload, Reauthenticated, UserSummary } from './users';

/** Every client event is answered with one of these. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };
export type AckCallback<T> = (ack: Ack<T>) => void;

export type PresenceStatus = 'online' | 'away' | 'offline';
export type ToggleReactionPayload = z.input<typeof ToggleReactionPayloadSchema>;
export type TypingPayload = z.input<typeof TypingPayloadSchema>;
export type MarkReadPayload = z.input<typeof MarkReadPayloadSchema>;
export type SetPresencePayload = z.input<typeof SetPresencePayloadSchema>;
export type HandshakeAuth = z.input<typeof HandshakeAuthSchema>;

export interface ReadyEvent {
  userId: string;
  channelIds: string[];
}

export type SendMessagePayload = z.input<typeof SendMessagePayloadSchema>;
export type EditMessagePayload = z.input<typeof EditMessagePayloadSchema>;
export type DeleteMessagePayload = z.input<typeof DeleteMessagePayloadSchema>;
export type SyncPayload = z.input<typeof SyncPayloadSchema>;
export type SyncResult = z.infer<typeof SyncResultSchema>;

export interface TypingEvent {
  channelId: string;
  user: UserSummary;
  isTyping: boolean;
}
export interface PresenceEvent {
  userId: string;
  status: PresenceStatus;
  lastSeenAt: string | null;
}
export interface NotificationEvent {
  kind: 'mention' | 'direct';
  channelId: string;
  messageId: string;
  from: UserSummary;
  preview: string;
}

/** Client -> server events (DESIGN section 2). Each takes an ack callback answered with an `Ack`. */
export interface ClientToServerEvents {
  'send-message': (payload: SendMessagePayload, ack: AckCallback<Message>) => void;
  'edit-message': (payload: EditMessagePayload, ack: AckCallback<Message>) => void;
  'delete-message': (payload: DeleteMessagePayload, ack: AckCallback<MessageDeleted>) => void;
  'toggle-reaction': (payload: ToggleReactionPayload, ack: AckCallback<Message>) => void;
  typing: (payload: TypingPayload, ack?: AckCallback<null>) => void;
  'mark-read': (payload: MarkReadPayload, ack: AckCallback<ReadState>) => void;
  sync: (payload: SyncPayload, ack: AckCallback<SyncResult>) => void;
  'set-presence': (payload: SetPresencePayload, ack?: AckCallback<null>) => void;
  'client-stats': (payload: ClientStatsPayload, ack?: AckCallback<null>) => void;
  reauthenticate: (payload: ReauthenticatePayload, ack: AckCallback<Reauthenticated>) => void;
}

/** Fails to compile when CLIENT_EVENTS names something that is not a client event. */
type OnlyClientEvents<T extends readonly (keyof ClientToServerEvents)[]> = T;
export type ClientEventNames = OnlyClientEvents<typeof CLIENT_EVENTS>;

/** Server -> client events (DESIGN section 2). */
export interface ServerToClientEvents {
  ready: (event: ReadyEvent) => void;
  'message-sent': (message: Message) => void;
  'new-message': (message: Message) => void;
  'message-updated': (message: Message) => void;
  'message-deleted': (event: MessageDeleted) => void;
  typing: (event: TypingEvent) => void;
  presence: (event: PresenceEvent) => void;
  notification: (event: NotificationEvent) => void;
  'channel-joined': (channel: Channel) => void;
  'channel-left': (event: { channelId: string }) => void;
  'channel-updated': (channel: Channel) => void;
  'read-state': (state: ReadState) => void;
  'session-expired': (event: Record<string, never>) => void;
}
