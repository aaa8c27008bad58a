import type { ChannelMember, Message, PresenceEvent, TypingEvent } from '@supchat/contracts';
import { channel, post, users } from './support/chat';
import { describeEachEngine } from './support/engines';
import { request } from './support/http';
import { closeAllSockets, connectClient, emitWithAck, expectOk, settle } from './support/sockets';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeEachEngine(
  'presence',
  (subject) => {
    const url = () => subject.server().baseUrl;

    afterEach(() => closeAllSockets());

    const presenceOf = async (token: string, channelId: string, userId: string) => {
      const members = await request<ChannelMember[]>(url(), 'GET', `/api/channels/${channelId}/members`, {
        token,
      });
      return members.body.find((member) => member.user.id === userId)?.presence;
    };

    it('is online while any tab is open, away when every tab is idle, offline after the grace period', async () => {
      const [alice, bob] = await users(url(), 2);
      const room = await channel(url(), alice, [bob]);
      const watcher = await connectClient(url(), alice.accessToken);
      const events = () => watcher.received('presence').filter((event) => event.userId === bob.user.id);

      const tab1 = await connectClient(url(), bob.accessToken);
      await watcher.waitFor('presence', (event) => event.userId === bob.user.id && event.status === 'online');
      expect((await presenceOf(alice.accessToken, room.id, bob.user.id))?.status).toBe('online');
      const tab2 = await connectClient(url(), bob.accessToken);

      expect(await emitWithAck(tab1.socket, 'set-presence', { status: 'away' })).toEqual({
        ok: true,
        data: null,
      });
      await settle(200);
      expect(events().map((event) => event.status)).toEqual(['online']);
      await emitWithAck(tab2.socket, 'set-presence', { status: 'away' });
      await watcher.waitFor('presence', (event) => event.userId === bob.user.id && event.status === 'away');
      expect((await presenceOf(alice.accessToken, room.id, bob.user.id))?.status).toBe('away');
      await emitWithAck(tab1.socket, 'set-presence', { status: 'online' });
      await watcher.waitFor('presence', (event) => event.userId === bob.user.id && events().length === 3);

      tab1.socket.disconnect();
      tab2.socket.disconnect();
      const offline = await watcher.waitFor(
        'presence',
        (event: PresenceEvent) => event.userId === bob.user.id && event.status === 'offline',
        5_000,
      );
      expect(offline.lastSeenAt).not.toBeNull();
      expect(events().map((event) => event.status)).toEqual(['online', 'away', 'online', 'offline']);
      const member = await presenceOf(alice.accessToken, room.id, bob.user.id);
      expect(member).toEqual({ status: 'offline', lastSeenAt: offline.lastSeenAt });
    });

    it('starts a socket as its handshake says: a tab that comes back while away does not flip its user online', async () => {
      const [alice, bob, carol] = await users(url(), 3);
      const room = await channel(url(), alice, [bob, carol]);
      const watcher = await connectClient(url(), alice.accessToken);
      const statuses = (userId: string) =>
        watcher
          .received('presence')
          .filter((event) => event.userId === userId)
          .map((event) => event.status);

      // Offline to away directly: no "online" first.
      await connectClient(url(), carol.accessToken, undefined, { presence: 'away' });
      await watcher.waitFor('presence', (event) => event.userId === carol.user.id);
      expect(statuses(carol.user.id)).toEqual(['away']);
      // Bob is away in one tab; a second tab comes back while he is still away.
      const first = await connectClient(url(), bob.accessToken);
      expectOk(await emitWithAck(first.socket, 'set-presence', { status: 'away' }));
      await watcher.waitFor('presence', (event) => event.userId === bob.user.id && event.status === 'away');
      await connectClient(url(), bob.accessToken, undefined, { presence: 'away' });
      await settle(300);
      expect(statuses(bob.user.id)).toEqual(['online', 'away']);
      expect((await presenceOf(alice.accessToken, room.id, bob.user.id))?.status).toBe('away');
    });

    it('does not flap when a tab reloads within the grace period', async () => {
      const [alice, bob] = await users(url(), 2);
      await channel(url(), alice, [bob]);
      const watcher = await connectClient(url(), alice.accessToken);
      const first = await connectClient(url(), bob.accessToken);
      await watcher.waitFor('presence', (event) => event.userId === bob.user.id);
      first.socket.disconnect();
      await sleep(300);
      await connectClient(url(), bob.accessToken);
      await sleep(1_800);
      expect(
        watcher
          .received('presence')
          .filter((event) => event.userId === bob.user.id)
          .map((e) => e.status),
      ).toEqual(['online']);
    });

    it('tells only people who share a channel', async () => {
      const [alice, bob, stranger] = await users(url(), 3);
      await channel(url(), alice, [bob]);
      const friend = await connectClient(url(), alice.accessToken);
      const outsider = await connectClient(url(), stranger.accessToken);
      await connectClient(url(), bob.accessToken);
      await friend.waitFor('presence', (event) => event.userId === bob.user.id);
      await settle();
      expect(outsider.received('presence').filter((event) => event.userId === bob.user.id)).toEqual([]);
    });

    it('refuses a bad status', async () => {
      const [alice] = await users(url(), 1);
      const client = await connectClient(url(), alice.accessToken);
      expect(await emitWithAck(client.socket, 'set-presence', { status: 'offline' })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED' },
      });
    });
  },
  { env: { PRESENCE_OFFLINE_GRACE: '1s' } },
);

describeEachEngine(
  'typing',
  (subject) => {
    const url = () => subject.server().baseUrl;

    afterEach(() => closeAllSockets());

    it('tells the channel except the typist, throttled, and stops when they send', async () => {
      const [alice, bob] = await users(url(), 2);
      const room = await channel(url(), alice, [bob]);
      const aliceTab1 = await connectClient(url(), alice.accessToken);
      const aliceTab2 = await connectClient(url(), alice.accessToken);
      const bobClient = await connectClient(url(), bob.accessToken);

      for (let index = 0; index < 5; index += 1) {
        expect(await emitWithAck(aliceTab1.socket, 'typing', { channelId: room.id, isTyping: true })).toEqual(
          {
            ok: true,
            data: null,
          },
        );
      }
      const started = await bobClient.waitFor('typing');
      expect(started).toEqual({
        channelId: room.id,
        user: {
          id: alice.user.id,
          username: alice.user.username,
          displayName: alice.user.displayName,
          avatarUrl: null,
        },
        isTyping: true,
      });
      await settle(200);
      expect(bobClient.received('typing')).toHaveLength(1);
      expect(aliceTab2.received('typing')).toEqual([]);

      await emitWithAck<Message>(aliceTab1.socket, 'send-message', {
        channelId: room.id,
        content: 'done typing',
        clientMessageId: 't-1',
      });
      const stopped = await bobClient.waitFor('typing', (event: TypingEvent) => !event.isTyping);
      expect(stopped.user.id).toBe(alice.user.id);
    });

    it('lets an indicator expire by itself after the timeout', async () => {
      const [alice, bob] = await users(url(), 2);
      const room = await channel(url(), alice, [bob]);
      const aliceClient = await connectClient(url(), alice.accessToken);
      const bobClient = await connectClient(url(), bob.accessToken);
      aliceClient.socket.emit('typing', { channelId: room.id, isTyping: true });
      await bobClient.waitFor('typing', (event) => event.isTyping);
      const started = Date.now();
      await bobClient.waitFor('typing', (event) => !event.isTyping, 4_000);
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    });

    it('refuses non-members and does not tell anybody', async () => {
      const [alice, bob, mallory] = await users(url(), 3);
      const room = await channel(url(), alice, [bob]);
      const bobClient = await connectClient(url(), bob.accessToken);
      const malloryClient = await connectClient(url(), mallory.accessToken);
      expect(
        await emitWithAck(malloryClient.socket, 'typing', { channelId: room.id, isTyping: true }),
      ).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      await post(url(), alice, room.id, 'sync point');
      await bobClient.waitFor('new-message');
      expect(bobClient.received('typing')).toEqual([]);
    });
  },
  { env: { TYPING_TIMEOUT: '1s', TYPING_THROTTLE: '2s' } },
);
