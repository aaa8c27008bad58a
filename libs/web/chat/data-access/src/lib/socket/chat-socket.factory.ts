import { InjectionToken } from '@angular/core';
import type { ClientToServerEvents, ServerToClientEvents } from '@supchat/contracts';
import type { ManagerOptions, Socket, SocketOptions } from 'socket.io-client';
import { io } from 'socket.io-client';

/** The one Socket.IO client, typed with the contract's event maps. */
export type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ChatSocketOptions = Partial<ManagerOptions & SocketOptions>;
export type ChatSocketFactory = (options: ChatSocketOptions) => ChatSocket;

/**
 * Creates the socket (not connected yet: the options carry `autoConnect: false`). The default calls
 * `io()` with no URL, so it talks to the page's own origin; tests provide a fake.
 */
export const CHAT_SOCKET_FACTORY = new InjectionToken<ChatSocketFactory>('CHAT_SOCKET_FACTORY', {
  providedIn: 'root',
  factory: () => (options) => io(options),
});

/**
 * WebSocket only, no HTTP long-polling: a scaled deployment balances every connection on its own
 * (no sticky sessions, docker/nginx/nginx.conf), and the requests of one polling session would reach
 * different instances. Every socket.io client of the SPA (chat, monitor, message tester) uses these.
 */
export function socketTransportOptions(): Pick<ChatSocketOptions, 'transports' | 'tryAllTransports'> {
  return { transports: ['websocket'], tryAllTransports: false };
}
