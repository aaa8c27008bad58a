import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AuthResponse, Channel, ChannelMember, Message, User, UserSummary } from '@supchat/contracts';
import { AUTH_ENDPOINTS, AuthService, authInterceptor } from '@supchat/web/auth/data-access';
import type { FakeChatSocket } from '@supchat/web/chat/data-access';
import { provideChat, provideFakeChatSocket } from '@supchat/web/chat/data-access';

export const ALICE: User = {
  id: 'a'.repeat(24),
  username: 'alice',
  displayName: 'Alice',
  avatarUrl: null,
  email: 'alice@example.com',
  role: 'member',
  createdAt: '2026-01-01T00:00:00.000Z',
};
export const BOB: UserSummary = { id: 'b'.repeat(24), username: 'bob', displayName: 'Bob', avatarUrl: null };
export const CAROL: UserSummary = {
  id: 'c'.repeat(24),
  username: 'carol',
  displayName: 'Carol',
  avatarUrl: null,
};
export const GENERAL = '1'.repeat(24);
export const DM = '3'.repeat(24);

/** Lets promise chains run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 30; i++) await Promise.resolve();
}

let idCounter = 0;
export function nextId(): string {
  idCounter++;
  return idCounter.toString(16).padStart(24, 'e');
}

export function message(overrides: Partial<Message> & Pick<Message, 'seq'>): Message {
  const author = overrides.author ?? BOB;
  return {
    id: overrides.id ?? nextId(),
    channelId: GENERAL,
    rev: overrides.seq,
    authorId: author.id,
    author,
    content: `message ${overrides.seq}`,
    mentions: [],
    mentionsChannel: false,
    parentId: null,
    replyCount: 0,
    lastReplyAt: null,
    reactions: [],
    attachments: [],
    clientMessageId: null,
    createdAt: new Date().toISOString(),
    editedAt: null,
    deletedAt: null,
    ...overrides,
  };
}

export function channel(overrides: Partial<Channel> & Pick<Channel, 'id' | 'name'>): Channel {
  return {
    topic: null,
    type: 'public',
    memberCount: 2,
    lastSeq: 0,
    lastRev: 0,
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: ALICE.id,
    archivedAt: null,
    lastReadSeq: 0,
    unreadCount: 0,
    mentionCount: 0,
    ...overrides,
  };
}

export function member(user: UserSummary, status: 'online' | 'away' | 'offline' = 'online'): ChannelMember {
  return {
    user,
    role: 'member',
    joinedAt: '2026-01-01T00:00:00.000Z',
    presence: { status, lastSeenAt: status === 'online' ? null : '2026-01-01T00:00:00.000Z' },
  };
}

export interface FeatureHarness {
  http: HttpTestingController;
  auth: AuthService;
  sockets: FakeChatSocket[];
  socket(): FakeChatSocket;
  /** Signs Alice in and lets the effects start the socket. */
  signIn(): Promise<void>;
  /** Completes the handshake and emits `ready`. */
  connect(channelIds?: string[]): Promise<FakeChatSocket>;
}

/** TestBed for feature components: the chat started as in the app, HttpClient (testing backend), fake sockets, a router. */
export function setUpFeature(extraProviders: Provider[] = []): FeatureHarness {
  const fake = provideFakeChatSocket();
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(withInterceptors([authInterceptor])),
      provideHttpClientTesting(),
      provideRouter([]),
      provideChat(),
      ...fake.providers,
      ...extraProviders,
    ],
  });
  const http = TestBed.inject(HttpTestingController);
  const auth = TestBed.inject(AuthService);
  const harness: FeatureHarness = {
    http,
    auth,
    sockets: fake.sockets,
    socket: () => {
      const socket = fake.sockets.at(-1);
      if (!socket) throw new Error('no socket was created');
      return socket;
    },
    async signIn() {
      const done = auth.login({ email: ALICE.email, password: 'correct horse' });
      const response: AuthResponse = {
        user: ALICE,
        accessToken: 'at-1',
        refreshToken: 'rt-1',
        expiresIn: 900,
      };
      http.expectOne(AUTH_ENDPOINTS.login).flush(response);
      await done;
      TestBed.tick();
      await settle();
    },
    async connect(channelIds = [GENERAL]) {
      await settle();
      const socket = harness.socket();
      socket.acceptHandshake();
      socket.serverEmit('ready', { userId: ALICE.id, channelIds });
      await settle();
      return socket;
    },
  };
  return harness;
}
