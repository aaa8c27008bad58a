import { TestBed } from '@angular/core/testing';
import type { ChatHarness } from '../../test/chat-harness';
import { ALICE, BOB, CAROL, setPageVisible, setUpChat } from '../../test/chat-harness';
import type { FakeChatSocket } from '../testing/fake-chat-socket';
import { HIDDEN_AWAY_MS, IDLE_AWAY_MS, PresenceStore } from './presence.store';

describe('PresenceStore', () => {
  let chat: ChatHarness;
  let store: PresenceStore;
  let socket: FakeChatSocket;

  beforeEach(async () => {
    jest.useFakeTimers();
    localStorage.clear();
    setPageVisible(true);
    chat = setUpChat();
    store = TestBed.inject(PresenceStore);
    await chat.signIn();
    socket = await chat.connect();
  });

  afterEach(() => {
    jest.useRealTimers();
    setPageVisible(true);
  });

  const reports = () =>
    socket.requestsOf('set-presence').map((r) => (r.payload as { status: string }).status);

  it('takes presence from member pages and keeps it live from presence events', () => {
    store.applyMembers([
      {
        user: BOB,
        role: 'member',
        joinedAt: '2026-01-01T00:00:00.000Z',
        presence: { status: 'online', lastSeenAt: null },
      },
    ]);
    expect(store.statusOf(BOB.id)).toBe('online');
    expect(store.statusOf(CAROL.id)).toBe('offline');
    socket.serverEmit('presence', { userId: BOB.id, status: 'away', lastSeenAt: '2026-01-02T00:00:00.000Z' });
    expect(store.presenceOf(BOB.id)).toEqual({ status: 'away', lastSeenAt: '2026-01-02T00:00:00.000Z' });
  });

  it('reports away after a while without input, and online again on the next input', () => {
    jest.advanceTimersByTime(IDLE_AWAY_MS - 1_000);
    document.dispatchEvent(new Event('keydown'));
    jest.advanceTimersByTime(IDLE_AWAY_MS - 1_000);
    expect(reports()).toEqual([]);
    jest.advanceTimersByTime(1_000);
    expect(reports()).toEqual(['away']);
    expect(store.ownStatus()).toBe('away');
    document.dispatchEvent(new Event('pointerdown'));
    expect(reports()).toEqual(['away', 'online']);
  });

  it('reports away when the tab stays hidden, online when it is shown again', () => {
    setPageVisible(false);
    jest.advanceTimersByTime(HIDDEN_AWAY_MS);
    expect(reports()).toEqual(['away']);
    setPageVisible(true);
    expect(reports()).toEqual(['away', 'online']);
  });

  it('starts every new connection with the status last reported, even one reported while offline', async () => {
    const reconnect = async () => {
      socket.dropConnection();
      socket.connect(); // socket.io's own reconnect runs the auth callback again
      for (let tick = 0; tick < 5; tick += 1) await Promise.resolve();
      socket.acceptHandshake();
      socket.serverEmit('ready', { userId: ALICE.id, channelIds: [] });
      return socket.handshakes.at(-1)?.['presence'];
    };
    expect(socket.handshakes.at(-1)?.['presence']).toBe('online');
    jest.advanceTimersByTime(IDLE_AWAY_MS);
    expect(await reconnect()).toBe('away');
    // Nothing repeated after the connect: the server took the status from the handshake.
    expect(reports()).toEqual(['away']);

    document.dispatchEvent(new Event('keydown'));
    socket.dropConnection();
    jest.advanceTimersByTime(IDLE_AWAY_MS); // away while offline: nothing could be sent
    expect(reports()).toEqual(['away', 'online']);
    expect(await reconnect()).toBe('away');
  });
});
