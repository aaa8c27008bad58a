import type { Provider } from '@angular/core';
import type { Ack, ServerToClientEvents } from '@supchat/contracts';
import type { ChatSocket, ChatSocketOptions } from '../socket/chat-socket.factory';
import { CHAT_SOCKET_FACTORY } from '../socket/chat-socket.factory';

type Listener = (...args: unknown[]) => void;
type AnyListener = (event: string, ...args: unknown[]) => void;

/** A client event the code under test emitted, with its ack still to be answered. */
export interface FakeSocketRequest {
  event: string;
  payload: unknown;
  timeoutMs: number | null;
  answered: boolean;
  /** Answers the ack (as the server would). */
  reply(ack: Ack<unknown>): void;
}

/**
 * A stand-in for the socket.io client in unit tests: records what is emitted, lets the test play the
 * server (accept or refuse handshakes, emit events, answer acks, drop the connection). Acks with a
 * timeout fail after it, like socket.io's `timeout()` (drive with jest fake timers).
 */
export class FakeChatSocket {
  connected = false;
  active = false;
  connectCalls = 0;
  /** The `auth` data of each handshake, in order. */
  readonly handshakes: Record<string, unknown>[] = [];
  readonly requests: FakeSocketRequest[] = [];
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly anyListeners = new Set<AnyListener>();
  private nextTimeoutMs: number | null = null;

  constructor(readonly options: ChatSocketOptions) {}

  /** The token presented by the latest handshake. */
  get lastToken(): unknown {
    return this.handshakes.at(-1)?.['token'];
  }

  connect(): this {
    if (this.connected) return this;
    this.connectCalls++;
    this.active = true;
    const auth = this.options.auth;
    if (typeof auth === 'function') auth((data) => this.handshakes.push(data as Record<string, unknown>));
    else this.handshakes.push({ ...(auth ?? {}) });
    return this;
  }

  disconnect(): this {
    const wasConnected = this.connected;
    this.connected = false;
    this.active = false;
    if (wasConnected) this.fire('disconnect', 'io client disconnect');
    return this;
  }

  on(event: string, listener: Listener): this {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return this;
  }

  off(event: string, listener: Listener): this {
    this.listeners.get(event)?.delete(listener);
    return this;
  }

  onAny(listener: AnyListener): this {
    this.anyListeners.add(listener);
    return this;
  }

  offAny(): this {
    this.anyListeners.clear();
    return this;
  }

  removeAllListeners(): this {
    this.listeners.clear();
    return this;
  }

  timeout(ms: number): this {
    this.nextTimeoutMs = ms;
    return this;
  }

  emit(event: string, payload: unknown, ack?: (...args: unknown[]) => void): this {
    const timeoutMs = this.nextTimeoutMs;
    this.nextTimeoutMs = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const request: FakeSocketRequest = {
      event,
      payload,
      timeoutMs,
      answered: false,
      reply: (answer) => {
        if (request.answered) return;
        request.answered = true;
        if (timer !== null) clearTimeout(timer);
        if (timeoutMs === null) ack?.(answer);
        else ack?.(null, answer);
      },
    };
    if (timeoutMs !== null && ack) {
      timer = setTimeout(() => {
        if (request.answered) return;
        request.answered = true;
        ack(new Error('operation has timed out'));
      }, timeoutMs);
    }
    this.requests.push(request);
    return this;
  }

  // ---- the test plays the server ----

  /** Completes the pending handshake. */
  acceptHandshake(): void {
    this.connected = true;
    this.fire('connect');
  }

  /** The handshake middleware refused (socket.io does not retry these). */
  refuseHandshake(message: string): void {
    this.active = false;
    this.fire('connect_error', new Error(message));
  }

  /** The transport could not connect (socket.io retries with its backoff). */
  failTransport(): void {
    this.fire('connect_error', new Error('xhr poll error'));
  }

  /** The connection dropped (network, server restart): socket.io reconnects by itself. */
  dropConnection(): void {
    this.connected = false;
    this.fire('disconnect', 'transport close');
  }

  /** The server disconnected the socket (socket.io does not reconnect by itself). */
  serverDisconnect(): void {
    this.connected = false;
    this.active = false;
    this.fire('disconnect', 'io server disconnect');
  }

  serverEmit<E extends keyof ServerToClientEvents>(
    event: E,
    payload: Parameters<ServerToClientEvents[E]>[0],
  ): void {
    this.fire(event, payload);
    for (const listener of [...this.anyListeners]) listener(event, payload);
  }

  /** Requests of one event, oldest first. */
  requestsOf(event: string): FakeSocketRequest[] {
    return this.requests.filter((request) => request.event === event);
  }

  /** Requests of one event still waiting for their ack. */
  unanswered(event: string): FakeSocketRequest[] {
    return this.requestsOf(event).filter((request) => !request.answered);
  }

  private fire(event: string, ...args: unknown[]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(...args);
  }
}

/** Provides CHAT_SOCKET_FACTORY with fakes; `sockets` lists every socket created, newest last. */
export function provideFakeChatSocket(): { providers: Provider[]; sockets: FakeChatSocket[] } {
  const sockets: FakeChatSocket[] = [];
  return {
    sockets,
    providers: [
      {
        provide: CHAT_SOCKET_FACTORY,
        useValue: (options: ChatSocketOptions) => {
          const socket = new FakeChatSocket(options);
          sockets.push(socket);
          return socket as unknown as ChatSocket;
        },
      },
    ],
  };
}
