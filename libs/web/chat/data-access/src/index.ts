/**
 * Chat data access: the socket, the REST calls and the signal stores the chat screens read.
 *
 * Start it with `provideChat()` in the application providers (after `provideAuth()`): the socket then
 * connects whenever a user is signed in and disconnects when the session ends. Every service is
 * `providedIn: 'root'`; inject the stores where needed.
 */
export { ChatApiService } from './lib/api/chat-api.service';
export type { HistoryQuery } from './lib/api/chat-api.service';
export { ChannelsStore, MARK_READ_THROTTLE_MS } from './lib/channels/channels.store';
export { attentionCount, mentions } from './lib/channels/unread-rules';
export { MEMBERS_PAGE, MembersStore } from './lib/members/members.store';
export type { MemberWithPresence, MembersState } from './lib/members/members.store';
export { ChatOutbox, SEND_TIMEOUT_MS } from './lib/messages/chat-outbox.service';
export { MessagesStore } from './lib/messages/messages.store';
export type { ChannelTimeline, ThreadView } from './lib/messages/messages.store';
export type { OutgoingMessage, OutgoingStatus } from './lib/messages/outgoing-message';
export { APP_TITLE, NotificationsService } from './lib/notifications/notifications.service';
export type { NotificationPermissionState } from './lib/notifications/notifications.service';
export { HIDDEN_AWAY_MS, IDLE_AWAY_MS, PresenceStore } from './lib/presence/presence.store';
export { provideChat } from './lib/provide-chat';
export { accessTokenTimes, expiresWithin } from './lib/socket/access-token';
export { ChatAckError, ChatTransportError } from './lib/socket/chat-errors';
export type { ChatRequestError, ChatTransportFailure } from './lib/socket/chat-errors';
export { CHAT_SOCKET_FACTORY, socketTransportOptions } from './lib/socket/chat-socket.factory';
export type { ChatSocket, ChatSocketFactory, ChatSocketOptions } from './lib/socket/chat-socket.factory';
export { ChatSocketService, REAUTHENTICATE_TIMEOUT_MS } from './lib/socket/chat-socket.service';
export type {
  ChatConnectionState,
  ChatRequestOptions,
  ClientEventName,
  ClientEventPayload,
  ClientEventResult,
  ServerEventName,
  ServerEventPayload,
} from './lib/socket/chat-socket.service';
export {
  CLIENT_STATS_INTERVAL_MS,
  CLIENT_STATS_MAX_MISSED_REPORTS,
  CLIENT_STATS_RANDOM,
  ClientStatsService,
} from './lib/stats/client-stats.service';
export { FakeChatSocket, provideFakeChatSocket } from './lib/testing/fake-chat-socket';
export type { FakeSocketRequest } from './lib/testing/fake-chat-socket';
export { TYPING_EXPIRY_MS, TYPING_THROTTLE_MS, TypingStore } from './lib/typing/typing.store';
