import type { Provider } from '@angular/core';
import type { MonitorServerToClientEvents } from '@supchat/contracts';
import type { MonitorSocket, MonitorSocketOptions } from '../monitor/monitor-socket.factory';
import { MONITOR_SOCKET_FACTORY } from '../monitor/monitor-socket.factory';

type Listener = (...args: unknown[]) => void;

/**
 * A stand-in for the `/monitor` socket in unit tests: the test plays the server (accepts or refuses
 * handshakes, pushes `history` and `snapshot`, drops the connection).
 */
export class FakeMonitorSocket {
  connected = false;
  active = false;
  connectCalls = 0;
  disconnectCalls = 0;
  /** The `auth` data of each handshake, in order. */
  readonly handshakes: Record<string, unknown>[] = [];
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(readonly options: MonitorSocketOptions) {}

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
    this.disconnectCalls++;
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

  removeAllListeners(): this {
    this.listeners.clear();
    return this;
  }

  /** How many listeners are attached (a closed socket has none). */
  get listenerCount(): number {
    return [...this.listeners.values()].reduce((sum, set) => sum + set.size, 0);
  }

  // ---- the test plays the server ----

  acceptHandshake(): void {
    this.connected = true;
    this.fire('connect');
  }

  /** The namespace's handshake middleware refused (socket.io does not retry these). */
  refuseHandshake(message: string): void {
    this.active = false;
    this.fire('connect_error', new Error(message));
  }

  /** The transport could not connect (socket.io retries with its backoff). */
  failTransport(): void {
    this.fire('connect_error', new Error('xhr poll error'));
  }

  dropConnection(): void {
    this.connected = false;
    this.fire('disconnect', 'transport close');
  }

  serverDisconnect(): void {
    this.connected = false;
    this.active = false;
    this.fire('disconnect', 'io server disconnect');
  }

  serverEmit<E extends keyof MonitorServerToClientEvents>(
    event: E,
    payload: Parameters<MonitorServerToClientEvents[E]>[0],
  ): void {
    this.fire(event, payload);
  }

  private fire(event: string, ...args: unknown[]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(...args);
  }
}

/** Provides MONITOR_SOCKET_FACTORY with fakes; `sockets` lists every socket created, newest last. */
export function provideFakeMonitorSocket(): { providers: Provider[]; sockets: FakeMonitorSocket[] } {
  const sockets: FakeMonitorSocket[] = [];
  return {
    sockets,
    providers: [
      {
        provide: MONITOR_SOCKET_FACTORY,
        useValue: (options: MonitorSocketOptions) => {
          const socket = new FakeMonitorSocket(options);
          sockets.push(socket);
          return socket as unknown as MonitorSocket;
        },
      },
    ],
  };
}
