import type {
  Ack,
  ClientToServerEvents,
  HandshakeAuth,
  ReadyEvent,
  ServerToClientEvents,
} from '@supchat/contracts';
import type { Socket } from 'socket.io-client';
import { io } from 'socket.io-client';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type ServerEvent = keyof ServerToClientEvents;
type EventPayload<E extends ServerEvent> = Parameters<ServerToClientEvents[E]>[0];

/** Every socket opened through these helpers, so a test file can close them all. */
const openSockets = new Set<ClientSocket>();

export interface ConnectedClient {
  socket: ClientSocket;
  ready: ReadyEvent;
  /** Every event this socket received, in order, from the moment it was created. */
  events: { event: string; payload: unknown }[];
  received<E extends ServerEvent>(event: E): EventPayload<E>[];
  /** Resolves with the first matching event (already received or still to come). */
  waitFor<E extends ServerEvent>(
    event: E,
    match?: (payload: EventPayload<E>) => boolean,
    timeoutMs?: number,
  ): Promise<EventPayload<E>>;
}

/** A websocket-only client that has passed the handshake and received `ready`. */
export async function connectClient(
  baseUrl: string,
  token: string,
  timeoutMs = 10_000,
  handshake: Omit<HandshakeAuth, 'token'> = {},
): Promise<ConnectedClient> {
  const socket: ClientSocket = io(baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: { token, ...handshake },
  });
  openSockets.add(socket);
  const events: { event: string; payload: unknown }[] = [];
  const waiters: { event: string; match: (payload: never) => boolean; resolve: (payload: never) => void }[] =
    [];
  socket.onAny((event: string, payload: unknown) => {
    events.push({ event, payload });
    for (const waiter of [...waiters]) {
      if (waiter.event === event && waiter.match(payload as never)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(payload as never);
      }
    }
  });
  const client: ConnectedClient = {
    socket,
    ready: { userId: '', channelIds: [] },
    events,
    received: <E extends ServerEvent>(event: E) =>
      events.filter((entry) => entry.event === event).map((entry) => entry.payload as EventPayload<E>),
    waitFor: <E extends ServerEvent>(
      event: E,
      match: (payload: EventPayload<E>) => boolean = () => true,
      waitMs = 5_000,
    ) => {
      const seen = events.find((entry) => entry.event === event && match(entry.payload as EventPayload<E>));
      if (seen) return Promise.resolve(seen.payload as EventPayload<E>);
      return new Promise<EventPayload<E>>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "${event}" event within ${waitMs} ms`)), waitMs);
        waiters.push({
          event,
          match: match as (payload: never) => boolean,
          resolve: (payload: never) => {
            clearTimeout(timer);
            resolve(payload);
          },
        });
      });
    },
  };
  client.ready = await new Promise<ReadyEvent>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no ready event')), timeoutMs);
    socket.once('ready', (ready) => {
      clearTimeout(timer);
      resolve(ready);
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  return client;
}

/** Emits a client event and resolves with its ack. */
export function emitWithAck<T = unknown>(
  socket: ClientSocket,
  event: string,
  ...args: unknown[]
): Promise<Ack<T>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ack for "${event}"`)), 10_000);
    (socket as unknown as { emit: (event: string, ...rest: unknown[]) => void }).emit(
      event,
      ...args,
      (ack: Ack<T>) => {
        clearTimeout(timer);
        resolve(ack);
      },
    );
  });
}

/** The data of a successful ack (fails the test otherwise). */
export function expectOk<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`expected ok, got ${JSON.stringify(ack.error)}`);
  return ack.data;
}

export function closeAllSockets(): void {
  for (const socket of openSockets) socket.disconnect();
  openSockets.clear();
}

/** Resolves once no event has arrived for `quietMs` (to assert that something did NOT come). */
export async function settle(quietMs = 300): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, quietMs));
}
