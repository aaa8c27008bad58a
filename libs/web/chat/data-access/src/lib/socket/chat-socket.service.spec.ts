import { TestBed } from '@angular/core/testing';
import { AUTH_ENDPOINTS, PROACTIVE_REFRESH_AT } from '@supchat/web/auth/data-access';
import type { ChatHarness } from '../../test/chat-harness';
import { ALICE, GENERAL, answerRefresh, jwtExpiringIn, settle, setUpChat } from '../../test/chat-harness';
import { ChatAckError, ChatTransportError } from './chat-errors';
import {
  ChatSocketService,
  OFFLINE_AFTER_FAILURES,
  REAUTHENTICATE_TIMEOUT_MS,
  RECONNECT_DELAY,
} from './chat-socket.service';

describe('ChatSocketService', () => {
  let chat: ChatHarness;
  let service: ChatSocketService;

  beforeEach(() => {
    localStorage.clear();
    chat = setUpChat();
    service = TestBed.inject(ChatSocketService);
  });

  afterEach(() => {
    chat.http.verify();
    jest.useRealTimers();
    setOnline(true);
  });

  function setOnline(online: boolean): void {
    Object.defineProperty(window.navigator, 'onLine', { configurable: true, get: () => online });
    window.dispatchEvent(new Event(online ? 'online' : 'offline'));
  }

  it('stays offline and creates no socket while nobody is signed in', () => {
    TestBed.tick();
    expect(chat.sockets).toHaveLength(0);
    expect(service.state()).toBe('offline');
  });

  it('connects to its own origin on /socket.io with the current access token once signed in', async () => {
    await chat.signIn('at-1');
    const socket = chat.socket();
    expect(socket.options).toMatchObject({
      path: '/socket.io',
      autoConnect: false,
      // No long-polling: a scaled deployment has no sticky sessions.
      transports: ['websocket'],
      tryAllTransports: false,
    });
    expect(socket.lastToken).toBe('at-1');
    expect(service.state()).toBe('connecting');

    const ready: unknown[] = [];
    service.ready$.subscribe((event) => ready.push(event));
    await chat.connect([GENERAL]);
    expect(service.state()).toBe('connected');
    expect(ready).toEqual([{ userId: ALICE.id, channelIds: [GENERAL] }]);
  });

  it('renews an access token that is about to expire before the handshake', async () => {
    await chat.signIn(jwtExpiringIn(10));
    await answerRefresh(chat.http, 'at-fresh');
    expect(chat.socket().lastToken).toBe('at-fresh');
  });

  it('presents the token current at each reconnect, not the first one', async () => {
    await chat.signIn('at-1');
    const socket = await chat.connect();
    socket.dropConnection();
    expect(service.state()).toBe('reconnecting');

    const refreshed = chat.auth.refresh();
    await answerRefresh(chat.http, 'at-2');
    await refreshed;
    socket.connect(); // socket.io's own reconnect runs the auth callback again
    await settle();
    expect(socket.lastToken).toBe('at-2');
    socket.acceptHandshake();
    expect(service.state()).toBe('connected');
  });

  it('refreshes the token and reconnects when the handshake is refused UNAUTHORIZED', async () => {
    await chat.signIn('at-1');
    const socket = chat.socket();
    socket.refuseHandshake('UNAUTHORIZED');
    await answerRefresh(chat.http, 'at-2');
    expect(socket.connectCalls).toBe(2);
    expect(socket.lastToken).toBe('at-2');
    socket.acceptHandshake();
    expect(service.state()).toBe('connected');
  });

  it('on session-expired refreshes the token, then reconnects with it', async () => {
    await chat.signIn('at-1');
    const socket = await chat.connect();
    socket.serverEmit('session-expired', {});
    socket.serverDisconnect();
    expect(service.state()).toBe('reconnecting');
    await answerRefresh(chat.http, 'at-2');
    expect(socket.connectCalls).toBe(2);
    expect(socket.lastToken).toBe('at-2');
    socket.acceptHandshake();
    expect(service.state()).toBe('connected');
  });

  it('stops when the refresh after session-expired is refused (the session is over)', async () => {
    await chat.signIn('at-1');
    const socket = await chat.connect();
    socket.serverEmit('session-expired', {});
    socket.serverDisconnect();
    await settle();
    chat.http
      .expectOne(AUTH_ENDPOINTS.refresh)
      .flush({ code: 'UNAUTHORIZED' }, { status: 401, statusText: 'No' });
    await settle();
    TestBed.tick();
    expect(chat.auth.isAuthenticated()).toBe(false);
    expect(socket.connectCalls).toBe(1);
    expect(service.state()).toBe('offline');
  });

  it('reconnects with backoff after the server disconnects without session-expired', async () => {
    jest.useFakeTimers();
    await chat.signIn('at-1');
    const socket = await chat.connect();
    socket.serverDisconnect();
    expect(socket.connectCalls).toBe(1);
    jest.advanceTimersByTime(RECONNECT_DELAY.minMs * (1 + RECONNECT_DELAY.jitter));
    await settle();
    expect(socket.connectCalls).toBe(2);
  });

  it('says offline after repeated failed attempts, and while the browser is offline', async () => {
    await chat.signIn('at-1');
    const socket = await chat.connect();
    socket.dropConnection();
    for (let i = 1; i < OFFLINE_AFTER_FAILURES; i++) socket.failTransport();
    expect(service.state()).toBe('reconnecting');
    socket.failTransport();
    expect(service.state()).toBe('offline');
    socket.acceptHandshake();
    expect(service.state()).toBe('connected');

    setOnline(false);
    expect(service.state()).toBe('offline');
  });

  it('tries again at once when the browser comes back online', async () => {
    await chat.signIn('at-1');
    const socket = await chat.connect();
    setOnline(false);
    socket.dropConnection();
    const before = socket.connectCalls;
    setOnline(true);
    await settle();
    expect(socket.connectCalls).toBe(before + 1);
    expect(service.state()).toBe('reconnecting');
  });

  it('disconnects and goes offline when the user signs out', async () => {
    await chat.signIn('at-1');
    const socket = await chat.connect();
    const done = chat.auth.logout();
    await settle();
    chat.http.expectOne(AUTH_ENDPOINTS.logout).flush(null, { status: 204, statusText: 'No Content' });
    await done;
    TestBed.tick();
    expect(socket.connected).toBe(false);
    expect(service.state()).toBe('offline');
  });

  describe('reauthenticate (the server cuts a socket off when the token it holds expires)', () => {
    const EXPIRES_AT = '2026-01-01T00:15:00.000Z';

    async function refreshTo(accessToken: string): Promise<void> {
      const refreshed = chat.auth.refresh();
      await answerRefresh(chat.http, accessToken);
      await refreshed;
      TestBed.tick();
      await settle();
    }

    it('moves the open socket onto the token of the proactive refresh, without a new handshake', async () => {
      jest.useFakeTimers();
      await chat.signIn('at-1');
      const socket = await chat.connect();
      // AuthService refreshes at 80% of the 900 s lifetime.
      jest.advanceTimersByTime(900_000 * PROACTIVE_REFRESH_AT);
      await answerRefresh(chat.http, 'at-2');
      TestBed.tick();
      await settle();

      const [request] = socket.requestsOf('reauthenticate');
      expect(request?.payload).toEqual({ token: 'at-2' });
      request.reply({ ok: true, data: { expiresAt: EXPIRES_AT } });
      await settle();
      expect(socket.connectCalls).toBe(1);
      expect(socket.connected).toBe(true);
      expect(service.state()).toBe('connected');
    });

    it('presents the reauthenticated token when the server later expires the session', async () => {
      await chat.signIn('at-1');
      const socket = await chat.connect();
      await refreshTo('at-2');
      socket.unanswered('reauthenticate')[0].reply({ ok: true, data: { expiresAt: EXPIRES_AT } });
      await settle();

      socket.serverEmit('session-expired', {});
      socket.serverDisconnect();
      // at-2 is the token the server held: it is the one renewed.
      await answerRefresh(chat.http, 'at-3');
      expect(socket.lastToken).toBe('at-3');
    });

    it('sends nothing while disconnected: the next handshake carries the new token', async () => {
      await chat.signIn('at-1');
      const socket = await chat.connect();
      socket.dropConnection();
      await refreshTo('at-2');
      expect(socket.requestsOf('reauthenticate')).toHaveLength(0);
      socket.connect();
      await settle();
      expect(socket.lastToken).toBe('at-2');
      socket.acceptHandshake();
      await settle();
      expect(socket.requestsOf('reauthenticate')).toHaveLength(0);
    });

    it('reauthenticates right after connecting when the token changed during the handshake', async () => {
      await chat.signIn('at-1');
      const socket = chat.socket();
      await settle();
      expect(socket.lastToken).toBe('at-1');
      await refreshTo('at-2');
      socket.acceptHandshake();
      await settle();
      expect(socket.requestsOf('reauthenticate').map((request) => request.payload)).toEqual([
        { token: 'at-2' },
      ]);
    });

    it('sends one at a time: a token refreshed while one is on its way follows after the ack', async () => {
      await chat.signIn('at-1');
      const socket = await chat.connect();
      await refreshTo('at-2');
      await refreshTo('at-3');
      expect(socket.requestsOf('reauthenticate')).toHaveLength(1);
      socket.unanswered('reauthenticate')[0].reply({ ok: true, data: { expiresAt: EXPIRES_AT } });
      await settle();
      expect(socket.requestsOf('reauthenticate').map((request) => request.payload)).toEqual([
        { token: 'at-2' },
        { token: 'at-3' },
      ]);
    });

    it('tries again with backoff when the ack does not come, while still connected', async () => {
      jest.useFakeTimers();
      await chat.signIn('at-1');
      const socket = await chat.connect();
      await refreshTo('at-2');
      jest.advanceTimersByTime(REAUTHENTICATE_TIMEOUT_MS);
      await settle();
      expect(socket.requestsOf('reauthenticate')).toHaveLength(1);
      jest.advanceTimersByTime(RECONNECT_DELAY.minMs * (1 + RECONNECT_DELAY.jitter));
      await settle();
      expect(socket.requestsOf('reauthenticate')).toHaveLength(2);
      expect(socket.connectCalls).toBe(1);
    });

    it('refused UNAUTHORIZED: refreshes, then reconnects with the fresh token', async () => {
      await chat.signIn('at-1');
      const socket = await chat.connect();
      await refreshTo('at-2');
      socket
        .unanswered('reauthenticate')[0]
        .reply({ ok: false, error: { code: 'UNAUTHORIZED', message: 'Invalid access token' } });
      await settle();
      expect(socket.connected).toBe(false);
      await answerRefresh(chat.http, 'at-3');
      expect(socket.connectCalls).toBe(2);
      expect(socket.lastToken).toBe('at-3');
      socket.acceptHandshake();
      expect(service.state()).toBe('connected');
    });

    it('refused otherwise (a server without the event): reconnects at once with the current token', async () => {
      await chat.signIn('at-1');
      const socket = await chat.connect();
      await refreshTo('at-2');
      socket
        .unanswered('reauthenticate')[0]
        .reply({ ok: false, error: { code: 'NOT_FOUND', message: 'Unknown event' } });
      await settle();
      expect(socket.connectCalls).toBe(2);
      expect(socket.lastToken).toBe('at-2');
      socket.acceptHandshake();
      await settle();
      expect(service.state()).toBe('connected');
      // The server holds at-2 now: nothing more to send.
      expect(socket.requestsOf('reauthenticate')).toHaveLength(1);
    });
  });

  describe('request', () => {
    it("resolves with the ack's data", async () => {
      await chat.signIn();
      const socket = await chat.connect();
      const result = service.request('mark-read', { channelId: GENERAL, seq: 3 });
      const [request] = socket.requestsOf('mark-read');
      expect(request.payload).toEqual({ channelId: GENERAL, seq: 3 });
      const state = { channelId: GENERAL, lastReadSeq: 3, unreadCount: 0, mentionCount: 0 };
      request.reply({ ok: true, data: state });
      await expect(result).resolves.toEqual(state);
    });

    it('rejects with ChatAckError carrying the contract error', async () => {
      await chat.signIn();
      const socket = await chat.connect();
      const result = service.request('send-message', {
        channelId: GENERAL,
        content: 'hi',
        clientMessageId: 'c1',
      });
      socket.requestsOf('send-message')[0].reply({
        ok: false,
        error: { code: 'RATE_LIMITED', message: 'slow down', details: { retryAfterMs: 1500 } },
      });
      const error = await result.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ChatAckError);
      expect(error).toMatchObject({ code: 'RATE_LIMITED', message: 'slow down', retryAfterMs: 1500 });
    });

    it('times out when no ack comes', async () => {
      jest.useFakeTimers();
      await chat.signIn();
      await chat.connect();
      const result = service.request('sync', { channels: [] }, { timeoutMs: 2_000 });
      const outcome = result.catch((caught: unknown) => caught);
      jest.advanceTimersByTime(1_999);
      await settle();
      jest.advanceTimersByTime(1);
      const error = await outcome;
      expect(error).toBeInstanceOf(ChatTransportError);
      expect(error).toMatchObject({ failure: 'timeout' });
    });

    it('rejects as disconnected when the connection drops while waiting, and at once while offline', async () => {
      await chat.signIn();
      const socket = await chat.connect();
      const waiting = service.request('sync', { channels: [] }).catch((caught: unknown) => caught);
      socket.dropConnection();
      expect(await waiting).toMatchObject({ failure: 'disconnected' });

      const sent = socket.requests.length;
      await expect(service.request('sync', { channels: [] })).rejects.toMatchObject({
        failure: 'disconnected',
      });
      expect(socket.requests).toHaveLength(sent);
    });
  });

  it('events() delivers the payloads of one server event', async () => {
    await chat.signIn();
    const socket = await chat.connect();
    const seen: unknown[] = [];
    service.events('channel-left').subscribe((event) => seen.push(event));
    socket.serverEmit('read-state', { channelId: GENERAL, lastReadSeq: 1, unreadCount: 0, mentionCount: 0 });
    socket.serverEmit('channel-left', { channelId: GENERAL });
    expect(seen).toEqual([{ channelId: GENERAL }]);
  });
});
