import type {
  AuthResponse,
  Channel,
  ChannelMember,
  Message,
  MonitorSnapshot,
  PresenceEvent,
  TypingEvent,
} from '@supchat/contracts';
import { MONITOR_NAMESPACE } from '@supchat/contracts';
import type { ApiServer, RunningNginx } from '@supchat/testing';
import { startNginx } from '@supchat/testing';
import { io } from 'socket.io-client';
import type { Session } from './support/chat';
import { allMessages, channel, users } from './support/chat';
import type { Cluster } from './support/cluster';
import { ResilientClient, startCluster } from './support/cluster';
import type { EngineName } from './support/engines';
import { expectError, request } from './support/http';
import type { ConnectedClient } from './support/sockets';
import { closeAllSockets, connectClient, emitWithAck, expectOk, settle } from './support/sockets';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every message the database holds, as a client would fetch it (tombstones included). */
async function truth(server: ApiServer, session: AuthResponse, channelId: string): Promise<Message[]> {
  return allMessages(
    server.baseUrl,
    { ...session, input: { email: '', username: '', password: '' } },
    channelId,
  );
}

/** Sends through a connected socket; the ack must be ok. */
async function sendOver(
  client: ConnectedClient,
  channelId: string,
  content: string,
  clientMessageId: string,
  parentId?: string,
): Promise<Message> {
  return expectOk(
    await emitWithAck<Message>(client.socket, 'send-message', {
      channelId,
      content,
      clientMessageId,
      ...(parentId ? { parentId } : {}),
    }),
  );
}

/**
 * Before the assertion fails: which client lacks which message, who sent it and how the client's
 * connection went, so that a rare failure in CI can be understood from its log alone.
 */
function reportGaps(
  clients: readonly ResilientClient[],
  stored: readonly Message[],
  people: readonly Session[],
): void {
  const sender = (message: Message) => people.findIndex((person) => person.user.id === message.authorId);
  clients.forEach((client, index) => {
    const missing = stored.filter((message) => !client.messages.has(message.id));
    if (missing.length === 0) return;
    console.warn(
      `client ${index} (readys ${client.readys}, connected ${client.socket.connected}, recovered ${client.socket.recovered}) ` +
        `lacks ${missing.map((message) => `rev ${message.rev} from client ${sender(message)} (${message.clientMessageId})`).join(', ')} ` +
        `of ${stored.length} stored, newest rev ${Math.max(...stored.map((message) => message.rev))}`,
    );
  });
}

/** A client holds exactly the server's messages, each in its latest version. */
function expectSameMessages(client: ResilientClient, expected: readonly Message[], channelId: string): void {
  const held = [...client.messages.values()].filter((message) => message.channelId === channelId);
  expect(held.map((message) => `${message.id}@${message.rev}`).sort()).toEqual(
    expected.map((message) => `${message.id}@${message.rev}`).sort(),
  );
}

describe.each<EngineName>(['sqlite', 'mongo'])('scale-out on %s', (engine) => {
  describe('three instances on one database and one Redis', () => {
    let cluster: Cluster;
    const url = (index: number) => cluster.instances[index].baseUrl;

    beforeAll(async () => {
      cluster = await startCluster(engine, 3, { PRESENCE_OFFLINE_GRACE: '1s' });
    }, 90_000);

    afterAll(async () => {
      closeAllSockets();
      await cluster?.stop();
    });

    it('behaves as one chat: messages, room moves, presence and typing cross instances', async () => {
      const [alice, bob, carol, dave] = await users(url(0), 4);
      const room = await channel(url(0), alice, [bob, carol]);
      const onA = await connectClient(url(0), alice.accessToken);
      const onB = await connectClient(url(1), bob.accessToken);
      const onC = await connectClient(url(2), carol.accessToken);

      // A message sent through A reaches B and C; the sender's socket gets message-sent.
      const sent = await sendOver(onA, room.id, 'hello from A', 'x-1');
      await onB.waitFor('new-message', (message) => message.id === sent.id);
      await onC.waitFor('new-message', (message) => message.id === sent.id);
      await onA.waitFor('message-sent', (message) => message.id === sent.id);
      // An edit through C reaches A.
      await request(url(2), 'PATCH', `/api/messages/${sent.id}`, {
        token: alice.accessToken,
        body: { content: 'hello from A (edited on C)' },
      });
      await onA.waitFor('message-updated', (message) => message.id === sent.id);

      // Room moves reach the sockets of a user on another instance: Dave joins on C, invited on A.
      const daveOnC = await connectClient(url(2), dave.accessToken);
      await request(url(0), 'POST', `/api/channels/${room.id}/members`, {
        token: alice.accessToken,
        body: { userId: dave.user.id },
      });
      await daveOnC.waitFor('channel-joined', (joined: Channel) => joined.id === room.id);
      const second = await sendOver(onB, room.id, 'dave sees this', 'x-2');
      await daveOnC.waitFor('new-message', (message) => message.id === second.id);

      // Presence agrees everywhere: Carol leaves C; everyone hears it after the grace period, and the
      // member list from any instance says so.
      onC.socket.disconnect();
      await onA.waitFor(
        'presence',
        (event: PresenceEvent) => event.userId === carol.user.id && event.status === 'offline',
      );
      await onB.waitFor(
        'presence',
        (event: PresenceEvent) => event.userId === carol.user.id && event.status === 'offline',
      );
      for (const index of [0, 1, 2]) {
        const members = await request<ChannelMember[]>(
          url(index),
          'GET',
          `/api/channels/${room.id}/members`,
          {
            token: alice.accessToken,
          },
        );
        const status = (id: string) => members.body.find((member) => member.user.id === id)?.presence.status;
        expect([status(alice.user.id), status(bob.user.id), status(carol.user.id)]).toEqual([
          'online',
          'online',
          'offline',
        ]);
      }

      // Typing from Bob's two tabs on two instances is throttled as one.
      const bobOnA = await connectClient(url(0), bob.accessToken);
      await emitWithAck(onB.socket, 'typing', { channelId: room.id, isTyping: true });
      await emitWithAck(bobOnA.socket, 'typing', { channelId: room.id, isTyping: true });
      await onA.waitFor('typing', (event: TypingEvent) => event.user.id === bob.user.id && event.isTyping);
      await settle(500);
      expect(
        onA.received('typing').filter((event) => event.user.id === bob.user.id && event.isTyping),
      ).toHaveLength(1);
      // Sending through A ends the indicator everywhere.
      await emitWithAck(bobOnA.socket, 'send-message', {
        channelId: room.id,
        content: 'done',
        clientMessageId: 'x-3',
      });
      await daveOnC.waitFor(
        'typing',
        (event: TypingEvent) => event.user.id === bob.user.id && !event.isTyping,
      );

      // The dashboard of any instance shows every instance (Alice, the first account, is the admin).
      const dashboard = io(`${url(1)}${MONITOR_NAMESPACE}`, {
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        auth: { token: alice.accessToken },
      });
      try {
        const snapshot = await new Promise<MonitorSnapshot>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('no snapshot with three instances')), 10_000);
          dashboard.on('snapshot', (candidate: MonitorSnapshot) => {
            if (candidate.instances.length !== 3) return;
            clearTimeout(timer);
            resolve(candidate);
          });
        });
        expect(snapshot.instances.map((instance) => instance.pid).sort()).toEqual(
          cluster.instances.map((instance) => instance.process.pid).sort(),
        );
        expect(snapshot.sockets).toBe(
          snapshot.instances.reduce((sum, instance) => sum + instance.sockets, 0),
        );
      } finally {
        dashboard.disconnect();
      }
    });

    it('carries the rest across instances too: reactions, threads, mentions, read state, removal, logout', async () => {
      const [alice, bob, carol] = await users(url(0), 3);
      const room = await channel(url(0), alice, [bob, carol]);
      const aliceOnA = await connectClient(url(0), alice.accessToken);
      const bobOnB = await connectClient(url(1), bob.accessToken);
      const bobOnC = await connectClient(url(2), bob.accessToken); // Bob's second tab
      const carolOnC = await connectClient(url(2), carol.accessToken);

      // A mention sent on A notifies Bob's tabs on B and C.
      const parent = await sendOver(aliceOnA, room.id, `lunch, @${bob.user.username}?`, 'f-1');
      await bobOnB.waitFor(
        'notification',
        (event) => event.messageId === parent.id && event.kind === 'mention',
      );
      await bobOnC.waitFor('notification', (event) => event.messageId === parent.id);
      // A reaction on B reaches A; a thread reply on C reaches A and B, and moves the parent's count.
      expectOk(await emitWithAck(bobOnB.socket, 'toggle-reaction', { messageId: parent.id, emoji: '👍' }));
      await aliceOnA.waitFor(
        'message-updated',
        (message) =>
          message.id === parent.id && message.reactions.some((reaction) => reaction.emoji === '👍'),
      );
      const reply = await sendOver(carolOnC, room.id, 'yes', 'f-2', parent.id);
      await aliceOnA.waitFor('new-message', (message) => message.id === reply.id);
      await bobOnB.waitFor(
        'message-updated',
        (message) => message.id === parent.id && message.replyCount === 1,
      );

      // Bob reads on B: his tab on C follows.
      expectOk(await emitWithAck(bobOnB.socket, 'mark-read', { channelId: room.id, seq: parent.seq }));
      await bobOnC.waitFor(
        'read-state',
        (state) => state.channelId === room.id && state.lastReadSeq === parent.seq,
      );

      // Carol is removed on A: her socket on C leaves the room and hears nothing more of it.
      const removed = await request(url(0), 'DELETE', `/api/channels/${room.id}/members/${carol.user.id}`, {
        token: alice.accessToken,
      });
      expect(removed.status).toBe(204);
      await carolOnC.waitFor('channel-left', (event) => event.channelId === room.id);
      const after = await sendOver(aliceOnA, room.id, 'not for Carol', 'f-3');
      await bobOnC.waitFor('new-message', (message) => message.id === after.id);
      await settle(300);
      expect(carolOnC.received('new-message').map((message) => message.id)).toEqual([parent.id]);

      // Bob logs out through A: his sockets on B and C are told and closed.
      const closed = [bobOnB, bobOnC].map(
        (client) => new Promise<void>((resolve) => client.socket.once('disconnect', () => resolve())),
      );
      const logout = await request(url(0), 'POST', '/api/auth/logout', {
        token: bob.accessToken,
        body: { refreshToken: bob.refreshToken },
      });
      expect(logout.status).toBe(204);
      await Promise.all(closed);
      expect(bobOnB.received('session-expired')).toHaveLength(1);
      expect(bobOnC.received('session-expired')).toHaveLength(1);
    });

    it('an instance that dies between storing a message and broadcasting it: everyone still gets it, once', async () => {
      const [alice, bob, carol] = await users(url(0), 3);
      const room = await channel(url(0), alice, [bob, carol]);
      const onB = await connectClient(url(1), bob.accessToken);
      const onC = await connectClient(url(2), carol.accessToken);
      // This instance kills itself (SIGKILL) right after it stores a new message, before broadcasting.
      const doomed = await cluster.add({ TEST_FAILPOINTS: 'crash-after-commit' });
      const exited = new Promise((resolve) => doomed.process.once('exit', resolve));
      const onDoomed = await connectClient(doomed.baseUrl, alice.accessToken);
      const send = {
        channelId: room.id,
        content: `@${bob.user.username} stored, then the lights went out`,
        clientMessageId: 'k-1',
      };
      let acked = false;
      onDoomed.socket.emit('send-message', send, () => (acked = true));
      await exited;
      expect(acked).toBe(false);
      expect(doomed.process.signalCode).toBe('SIGKILL');

      // Nobody writes to the channel again: the other instances' sweep finds the abandoned write once
      // its lease runs out (5 s) and broadcasts what it stored.
      const stored = await onB.waitFor('new-message', (message) => message.clientMessageId === 'k-1', 15_000);
      await onC.waitFor('new-message', (message) => message.id === stored.id, 5_000);
      await onB.waitFor('notification', (event) => event.messageId === stored.id, 5_000);
      expect(stored.content).toBe(send.content);

      // The sender's retry, elsewhere, gets that same message; nothing is stored or broadcast twice.
      const onA = await connectClient(url(0), alice.accessToken);
      expect(expectOk(await emitWithAck<Message>(onA.socket, 'send-message', send)).id).toBe(stored.id);
      expect((await truth(cluster.instances[0], alice, room.id)).map((message) => message.id)).toEqual([
        stored.id,
      ]);
      await settle(500);
      for (const client of [onB, onC]) {
        expect(client.received('new-message').filter((message) => message.id === stored.id)).toHaveLength(1);
      }
      // And the operators can see it happened.
      const recoveries = await Promise.all(
        [0, 1, 2].map(async (index) => {
          const text = await (await fetch(`${url(index)}/metrics`)).text();
          const line = /^supchat_channel_write_recoveries_total\{outcome="rebroadcast"\} (\d+)$/m.exec(text);
          return line ? Number(line[1]) : 0;
        }),
      );
      expect(recoveries.reduce((sum, count) => sum + count, 0)).toBe(1);
    });

    it('puts presence back as it was after Redis restarts empty: online stays online, away stays away', async () => {
      const fresh = await startCluster(engine, 2);
      try {
        const base = fresh.instances[0].baseUrl;
        const [alice, bob, carol] = await users(base, 3);
        const room = await channel(base, carol, [alice, bob]);
        const aliceOnA = await connectClient(base, alice.accessToken);
        await connectClient(fresh.instances[1].baseUrl, bob.accessToken);
        expectOk(await emitWithAck(aliceOnA.socket, 'set-presence', { status: 'away' }));
        const statuses = async () => {
          const members = await request<ChannelMember[]>(base, 'GET', `/api/channels/${room.id}/members`, {
            token: carol.accessToken,
          });
          const status = (id: string) =>
            members.body.find((member) => member.user.id === id)?.presence.status;
          return [status(alice.user.id), status(bob.user.id)];
        };
        expect(await statuses()).toEqual(['away', 'online']);

        await fresh.redis.restart();
        // Each instance puts its sockets back once it has reconnected.
        const deadline = Date.now() + 15_000;
        let now = await statuses().catch(() => []);
        while (!(now[0] && now[0] !== 'offline' && now[1] === 'online') && Date.now() < deadline) {
          await sleep(200);
          now = await statuses().catch(() => []);
        }
        expect(now).toEqual(['away', 'online']);
      } finally {
        await fresh.stop();
      }
    });

    it('holds rate limits and login throttling across instances', async () => {
      const fresh = await startCluster(engine, 2, {
        MESSAGE_RATE_PER_SECOND: '1',
        MESSAGE_RATE_BURST: '3',
        LOGIN_MAX_FAILURES_PER_EMAIL: '2',
      });
      try {
        const [owner] = await users(fresh.instances[0].baseUrl, 1);
        const room = await channel(fresh.instances[0].baseUrl, owner);
        const one = await connectClient(fresh.instances[0].baseUrl, owner.accessToken);
        const two = await connectClient(fresh.instances[1].baseUrl, owner.accessToken);
        // Four sends at once, alternating instances: one bucket of 3 for the user, wherever they send.
        const acks = await Promise.all(
          [0, 1, 2, 3].map((index) =>
            emitWithAck(index % 2 === 0 ? one.socket : two.socket, 'send-message', {
              channelId: room.id,
              content: `${index}`,
              clientMessageId: `r${index}`,
            }),
          ),
        );
        expect(acks.filter((ack) => ack.ok)).toHaveLength(3);
        expect(acks.filter((ack) => !ack.ok)).toEqual([
          expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'RATE_LIMITED' }) }),
        ]);

        const login = (index: number) =>
          request(fresh.instances[index].baseUrl, 'POST', '/api/auth/login', {
            body: { email: owner.input.email, password: 'not the password' },
          });
        expectError(await login(0), 401, 'UNAUTHORIZED');
        expectError(await login(1), 401, 'UNAUTHORIZED');
        expectError(await login(0), 429, 'RATE_LIMITED');
      } finally {
        await fresh.stop();
      }
    });
  });

  describe('two instances behind the shipped nginx configuration', () => {
    let cluster: Cluster;
    let nginx: RunningNginx;
    const clients: ResilientClient[] = [];

    beforeEach(async () => {
      cluster = await startCluster(engine, 2);
      nginx = await startNginx(cluster.instances.map((instance) => instance.port));
    }, 90_000);

    afterEach(async () => {
      for (const client of clients.splice(0)) client.close();
      await nginx?.stop();
      await cluster?.stop();
    });

    /**
     * Senders (two per instance at first) send continuously through nginx while `disrupt` runs;
     * then every acknowledged message must be stored exactly once, and every client, wherever it
     * reconnected, must hold exactly the stored messages.
     */
    async function underLoad(disrupt: () => Promise<void>): Promise<ResilientClient[]> {
      const base = cluster.instances[0].baseUrl;
      const people = await users(base, 5);
      const [owner] = people;
      const room = await channel(base, owner, people.slice(1));
      const tokens = new Map(people.map((person) => [person.user.id, person.accessToken]));
      for (const person of people) {
        clients.push(new ResilientClient(nginx.url, () => tokens.get(person.user.id) ?? '', [room.id]));
      }
      await Promise.all(clients.map((client) => client.ready()));

      let sending = true;
      const acked = new Map<string, Message>();
      const senders = clients.slice(1).map(async (client, sender) => {
        for (let index = 0; sending; index += 1) {
          const clientMessageId = `s${sender}-${index}`;
          acked.set(
            clientMessageId,
            await client.sendUntilAcked(room.id, `message ${clientMessageId}`, clientMessageId),
          );
          // About 8 a second each: under the per-user limit (10/s), so every error ack would be a fault.
          await sleep(120);
        }
      });
      await sleep(1_500);
      await disrupt();
      await sleep(2_500);
      sending = false;
      await Promise.all(senders);
      await Promise.all(clients.map((client) => client.settle()));

      const survivor = cluster.instances.find(
        (instance) => instance.process.exitCode === null && instance.process.signalCode === null,
      );
      if (!survivor) throw new Error('no instance left');
      const stored = await truth(survivor, owner, room.id);
      // Every acknowledged message is stored, exactly once.
      const byClientId = new Map<string, number>();
      for (const message of stored) {
        if (message.clientMessageId)
          byClientId.set(message.clientMessageId, (byClientId.get(message.clientMessageId) ?? 0) + 1);
      }
      // Real load: dozens of messages in flight around the disruption (fewer on the slower emulator).
      expect(acked.size).toBeGreaterThan(20);
      for (const [clientMessageId, message] of acked) {
        expect({ clientMessageId, copies: byClientId.get(clientMessageId) }).toEqual({
          clientMessageId,
          copies: 1,
        });
        expect(stored.find((candidate) => candidate.id === message.id)).toBeDefined();
      }
      expect(stored).toHaveLength(acked.size);
      // Every client ends with the complete history, none missing, none twice.
      await sleep(300);
      reportGaps(clients, stored, people);
      for (const client of clients) expectSameMessages(client, stored, room.id);
      return clients;
    }

    it('kill -9 of an instance under load: no acknowledged message lost or doubled, no client left with a gap', async () => {
      await underLoad(async () => {
        cluster.instances[1].process.kill('SIGKILL');
      });
    });

    it('SIGTERM drains an instance under load: its clients move over with no error ack', async () => {
      const moved = await underLoad(async () => {
        await cluster.instances[1].stop('SIGTERM');
      });
      expect(cluster.instances[1].process.exitCode).toBe(0);
      expect(moved.flatMap((client) => client.acksFailed)).toEqual([]);
    });

    it('Redis restarted under load: the instances reconnect and the chat carries on', async () => {
      await underLoad(async () => {
        await cluster.redis.restart();
      });
      // And across instances again, directly.
      const [alice, bob] = await users(cluster.instances[0].baseUrl, 2);
      const room = await channel(cluster.instances[0].baseUrl, alice, [bob]);
      const onA = await connectClient(cluster.instances[0].baseUrl, alice.accessToken);
      const onB = await connectClient(cluster.instances[1].baseUrl, bob.accessToken);
      const sent = await sendOver(onA, room.id, 'after', 'z');
      await onB.waitFor('new-message', (message) => message.id === sent.id, 10_000);
      closeAllSockets();
    });
  });
});
