import type { Message } from '@supchat/contracts';
import type { ApiServer, RedisTestServer } from '@supchat/testing';
import { startApiServer, startRedisServer } from '@supchat/testing';
import type { Socket } from 'socket.io-client';
import { io } from 'socket.io-client';
import { channel, post, users } from './support/chat';
import { request } from './support/http';
import { settle } from './support/sockets';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Watched {
  socket: Socket;
  events: { event: string; payload: unknown }[];
  /** Every event packet that reached the client, even ones the socket never delivers (before a refused connect). */
  wire: unknown[][];
  /** How the last (re)connection went: recovered or a plain connect. */
  recovered(): boolean;
}

function watch(baseUrl: string, token: string): Promise<Watched> {
  const socket = io(baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 50,
    reconnectionDelayMax: 100,
    auth: { token },
  });
  const events: { event: string; payload: unknown }[] = [];
  const wire: unknown[][] = [];
  socket.onAny((event: string, payload: unknown) => events.push({ event, payload }));
  // Packet type 2 is EVENT in the Socket.IO protocol.
  socket.io.on('packet', (packet: { type: number; data?: unknown[] }) => {
    if (packet.type === 2 && packet.data) wire.push(packet.data);
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve({ socket, events, wire, recovered: () => socket.recovered }));
    socket.once('connect_error', reject);
  });
}

/**
 * Drops the client's transport as a network cut does, keeps it from reconnecting, and waits until
 * the server has seen the close (and kept the session for recovery).
 */
async function dropTransport(client: Watched): Promise<void> {
  const { socket } = client;
  const gone = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
  socket.io.reconnection(false);
  socket.io.engine.close();
  await gone;
  await settle(200);
}

/**
 * Drops the client's transport, keeps it away while `whileAway` runs, then lets it reconnect
 * (offering its session for recovery) and waits until it is back.
 */
async function dropAndWaitForReconnect(client: Watched, whileAway: () => Promise<void>): Promise<void> {
  const { socket } = client;
  await dropTransport(client);
  await whileAway();
  const back = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.io.reconnection(true);
  socket.connect();
  await back;
  await settle(300);
}

const newMessages = (client: Watched) =>
  client.events
    .filter((entry) => entry.event === 'new-message')
    .map((entry) => (entry.payload as Message).content);

/** The names of the event packets about `channelId` among `packets` (raw, delivered to the app or not). */
const eventsAbout = (packets: unknown[][], channelId: string) =>
  packets
    .filter(([, payload]) => {
      const fields = payload as { channelId?: unknown; id?: unknown } | undefined;
      return fields?.channelId === channelId || fields?.id === channelId;
    })
    .map(([event]) => event);

describe.each(['memory', 'redis'] as const)('connection-state recovery (%s adapter)', (adapter) => {
  let redis: RedisTestServer | undefined;
  let server: ApiServer;

  beforeAll(async () => {
    if (adapter === 'redis') redis = await startRedisServer();
    server = await startApiServer({ env: redis ? { REDIS_URL: redis.url } : {} });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await redis?.stop();
  });

  it('replays what a client missed during a short cut, without a full reconnect', async () => {
    const [alice, bob] = await users(server.baseUrl, 2);
    const room = await channel(server.baseUrl, alice, [bob]);
    const bobClient = await watch(server.baseUrl, bob.accessToken);
    await sleep(200);
    await dropAndWaitForReconnect(bobClient, async () => {
      await post(server.baseUrl, alice, room.id, 'sent while bob was cut off');
    });
    expect(bobClient.recovered()).toBe(true);
    expect(newMessages(bobClient)).toContain('sent while bob was cut off');
    bobClient.socket.disconnect();
  });

  it('gives back no room and no event of a channel the client was removed from while away', async () => {
    const [alice, bob] = await users(server.baseUrl, 2);
    const secret = await channel(server.baseUrl, alice, [bob], 'private');
    const open = await channel(server.baseUrl, alice, [bob]);
    const bobClient = await watch(server.baseUrl, bob.accessToken);
    await sleep(200);
    await dropAndWaitForReconnect(bobClient, async () => {
      await request(server.baseUrl, 'DELETE', `/api/channels/${secret.id}/members/${bob.user.id}`, {
        token: alice.accessToken,
      });
      await post(server.baseUrl, alice, secret.id, 'not for bob any more');
      await post(server.baseUrl, alice, open.id, 'still for bob');
    });
    expect(bobClient.recovered()).toBe(true);
    expect(newMessages(bobClient)).toEqual(['still for bob']);
    expect(bobClient.events).toContainEqual({ event: 'channel-left', payload: { channelId: secret.id } });
    // Not even on the wire: the only packet about that channel since the cut is the removal itself.
    const cut = bobClient.wire.findIndex(([event]) => event === 'channel-left');
    expect(eventsAbout(bobClient.wire.slice(cut), secret.id)).toEqual(['channel-left']);
    // And nothing later either: the socket is not back in the room.
    await post(server.baseUrl, alice, secret.id, 'still not for bob');
    await settle(300);
    expect(newMessages(bobClient)).toEqual(['still for bob']);
    bobClient.socket.disconnect();
  });

  it('gives nothing back to a session that ended while the client was away', async () => {
    const [alice, bob] = await users(server.baseUrl, 2);
    const room = await channel(server.baseUrl, alice, [bob]);
    const bobClient = await watch(server.baseUrl, bob.accessToken);
    await sleep(200);
    const { socket } = bobClient;
    await dropTransport(bobClient);
    await request(server.baseUrl, 'POST', '/api/auth/logout', {
      token: bob.accessToken,
      body: { refreshToken: bob.refreshToken },
    });
    await post(server.baseUrl, alice, room.id, 'after bob signed out');
    const refused = new Promise<string>((resolve) =>
      socket.once('connect_error', (error) => resolve(error.message)),
    );
    const before = bobClient.wire.length;
    socket.connect();
    expect(await refused).toBe('UNAUTHORIZED');
    await settle(300);
    expect(newMessages(bobClient)).toEqual([]);
    // Nothing reached the wire either (Socket.IO sends a recovered session's packets before middleware).
    expect(bobClient.wire.slice(before)).toEqual([]);
    bobClient.socket.disconnect();
  });
});
