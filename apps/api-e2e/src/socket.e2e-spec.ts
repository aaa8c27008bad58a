import type { ClientToServerEvents, ReadyEvent, ServerToClientEvents } from '@supchat/contracts';
import type { Socket } from 'socket.io-client';
import { io } from 'socket.io-client';
import { describeEachEngine } from './support/engines';
import { register } from './support/http';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

function connect(baseUrl: string, options: { token?: unknown; origin?: string } = {}): ClientSocket {
  return io(baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: options.token === undefined ? {} : { token: options.token },
    extraHeaders: options.origin ? { origin: options.origin } : undefined,
  });
}

function outcome(socket: ClientSocket): Promise<{ ready?: ReadyEvent; error?: string }> {
  return new Promise((resolve) => {
    socket.once('ready', (ready) => resolve({ ready }));
    socket.once('connect_error', (error) => resolve({ error: error.message }));
  });
}

describeEachEngine(
  'socket handshake',
  (subject) => {
    const url = () => subject.server().baseUrl;
    const sockets: ClientSocket[] = [];
    const open = (options: { token?: unknown; origin?: string }) => {
      const socket = connect(url(), options);
      sockets.push(socket);
      return socket;
    };

    afterEach(() => {
      for (const socket of sockets.splice(0)) socket.disconnect();
    });

    it('accepts a valid access token from handshake.auth and emits ready', async () => {
      const session = await register(url());
      const result = await outcome(open({ token: session.accessToken }));
      expect(result).toEqual({ ready: { userId: session.user.id, channelIds: [] } });
    });

    it.each([
      ['the server itself (same origin)', () => url()],
      ['an origin from CORS_ORIGINS', () => 'https://app.example.test'],
    ])('accepts a browser page from %s', async (_label, origin) => {
      const session = await register(url());
      const result = await outcome(open({ token: session.accessToken, origin: origin() }));
      expect(result.ready?.userId).toBe(session.user.id);
    });

    it.each([
      ['no token', undefined],
      ['a garbage token', 'garbage'],
      ['a token of the wrong type', { $gt: '' }],
    ])('refuses %s with connect_error UNAUTHORIZED', async (_label, token) => {
      expect(await outcome(open({ token }))).toEqual({ error: 'UNAUTHORIZED' });
    });

    it('ignores a token passed in the query string', async () => {
      const session = await register(url());
      const socket = io(`${url()}?token=${session.accessToken}`, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      }) as ClientSocket;
      sockets.push(socket);
      expect(await outcome(socket)).toEqual({ error: 'UNAUTHORIZED' });
    });

    it('refuses a page from a foreign origin even with a valid token (FORBIDDEN_ORIGIN)', async () => {
      const session = await register(url());
      expect(await outcome(open({ token: session.accessToken, origin: 'https://evil.example' }))).toEqual({
        error: 'FORBIDDEN_ORIGIN',
      });
    });
  },
  { env: { CORS_ORIGINS: 'https://app.example.test' } },
);
