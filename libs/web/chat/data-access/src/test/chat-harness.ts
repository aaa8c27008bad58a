import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import type { Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { AuthResponse, Channel, Message, User, UserSummary } from '@supchat/contracts';
import { AUTH_ENDPOINTS, AuthService, authInterceptor } from '@supchat/web/auth/data-access';
import type { FakeChatSocket } from '../lib/testing/fake-chat-socket';
import { provideFakeChatSocket } from '../lib/testing/fake-chat-socket';

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
export const RANDOM = '2'.repeat(24);
export const DM = '3'.repeat(24);

/** Lets promise chains run (works with real and fake timers). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 30; i++) await Promise.resolve();
}

/** A JWT-shaped token (unsigned) that expires `inSeconds` from now. */
export function jwtExpiringIn(inSeconds: number, id = 'x'): string {
  const payload = btoa(JSON.stringify({ sub: id, exp: Math.floor(Date.now() / 1000) + inSeconds }))
    .replace(/=+$/, '')
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
  return `e30.${payload}.sig`;
}

export function authResponse(accessToken: string, refreshToken = 'rt-1', user: User = ALICE): AuthResponse {
  return { user, accessToken, refreshToken, expiresIn: 900 };
}

let idCounter = 0;
/** A 24-hex id unique in the test run. */
export function nextId(): string {
  idCounter++;
  return idCounter.toString(16).padStart(24, 'f');
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
    createdAt: '2026-01-02T00:00:00.000Z',
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

export interface ChatHarness {
  http: HttpTestingController;
  auth: AuthService;
  sockets: FakeChatSocket[];
  /** The newest socket. */
  socket(): FakeChatSocket;
  /** Signs Alice in (flushing the login request) and lets the effects start the socket. */
  signIn(accessToken?: string): Promise<void>;
  /** Completes the current handshake and emits `ready`. */
  connect(channelIds?: string[]): Promise<FakeChatSocket>;
}

/** TestBed with HttpClient (testing backend + auth interceptor) and fake sockets. */
export function setUpChat(extraProviders: Provider[] = []): ChatHarness {
  const fake = provideFakeChatSocket();
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(withInterceptors([authInterceptor])),
      provideHttpClientTesting(),
      ...fake.providers,
      ...extraProviders,
    ],
  });
  const http = TestBed.inject(HttpTestingController);
  const auth = TestBed.inject(AuthService);
  const harness: ChatHarness = {
    http,
    auth,
    sockets: fake.sockets,
    socket: () => {
      const socket = fake.sockets.at(-1);
      if (!socket) throw new Error('no socket was created');
      return socket;
    },
    async signIn(accessToken = 'at-1') {
      const done = auth.login({ email: ALICE.email, password: 'correct horse' });
      http.expectOne(AUTH_ENDPOINTS.login).flush(authResponse(accessToken));
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

/** Answers the next refresh request with a new token pair. */
export async function answerRefresh(
  http: HttpTestingController,
  accessToken: string,
  refreshToken = 'rt-2',
): Promise<void> {
  await settle();
  http.expectOne(AUTH_ENDPOINTS.refresh).flush(authResponse(accessToken, refreshToken));
  await settle();
}

/** Makes the page visible or hidden, as a tab switch would. */
export function setPageVisible(visible: boolean): void {
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => (visible ? 'visible' : 'hidden'),
  });
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => !visible });
  document.dispatchEvent(new Event('visibilitychange'));
}
