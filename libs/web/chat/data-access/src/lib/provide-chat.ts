import type { EnvironmentProviders } from '@angular/core';
import { inject, makeEnvironmentProviders, provideEnvironmentInitializer } from '@angular/core';
import { ChannelsStore } from './channels/channels.store';
import { MembersStore } from './members/members.store';
import { MessagesStore } from './messages/messages.store';
import { NotificationsService } from './notifications/notifications.service';
import { PresenceStore } from './presence/presence.store';
import { ChatSocketService } from './socket/chat-socket.service';
import { ClientStatsService } from './stats/client-stats.service';
import { TypingStore } from './typing/typing.store';

/**
 * Starts the chat when the app starts: the socket (connected while a user is signed in), the stores
 * that follow its events (the members of the open channel and of one-to-one conversations included),
 * idle reporting, notifications, the unread count in the tab title and the round-trip reports.
 * Every service is `providedIn: 'root'`; this only makes sure they exist before the first event.
 * Add to the application providers after `provideAuth()`.
 */
export function provideChat(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideEnvironmentInitializer(() => {
      inject(ChatSocketService);
      inject(ChannelsStore);
      inject(MessagesStore);
      inject(MembersStore);
      inject(PresenceStore);
      inject(TypingStore);
      inject(NotificationsService);
      inject(ClientStatsService);
    }),
  ]);
}
