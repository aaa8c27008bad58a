import type { ClientToServerEvents, ReadyEvent, ServerToClientEvents } from '@supchat/contracts';
import type { Socket } from 'socket.io-client';
import { io } from 'socket.io-client';
import { describeEachEngine } from './support/engines';
import { register } from './support/http';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface ConnectOptions {
  token?: unknown;
  presence?: unknown;
  origin?: string;
}

function connect(baseUrl: string, options: ConnectOptions = {}): ClientSocket {
  return io(baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: {
      ...(options.token === undefined ? {} : { token: options.token }),
      ...(options.presence === undefined ? {} : { presence: options.presence }),
    },
    extraHeaders: options.origin ? { origin: options.origin } : undefined,
  });
}

function outcome(socket: ClientSocket): Promise<{ ready?: ReadyEvent; error?: string; data?: unknown }> {
  return new Promise((resolve) => {
    socket.once('ready', (ready) => resolve({ ready }));
    socket.once('connect_error', (error) => {
      const { data } = error as Error & { data?: unknown };
      resolve(data === undefined ? { error: error.message } : { error: error.message, data });
    });
  });
}

describeEachEngine(
  'socket handshake',
  (subject) => {
    const url = () => subject.server().baseUrl;
    const sockets: ClientSocket[] = [];
    const open = (options: ConnectOptions) => {
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

    it.each([['idle'], [42], [{ status: 'away' }]])(
      'refuses a presence of %j with connect_error VALIDATION_FAILED naming the field',
      async (presence) => {
        const session = await register(url());
        expect(await outcome(open({ token: session.accessToken, presence }))).toEqual({
          error: 'VALIDATION_FAILED',
          data: { field: 'presence', message: 'must be "online" or "away"' },
        });
      },
    );

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
