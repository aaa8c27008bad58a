import { DestroyRef, Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import type { MonitorActivity, MonitorHistory, MonitorPoint, MonitorSnapshot } from '@supchat/contracts';
import { CONNECT_ERRORS } from '@supchat/constants';
import { AuthService } from '@supchat/web/auth/data-access';
import { expiresWithin, socketTransportOptions } from '@supchat/web/chat/data-access';
import type { MonitorSocket, MonitorSocketOptions } from './monitor-socket.factory';
import { MONITOR_SOCKET_FACTORY } from './monitor-socket.factory';
import { appendPoint, mergeHistory, prependActivity } from './monitor-series';

/**
 * - `idle`: not started (or stopped).
 * - `connecting` / `reconnecting`: on the way (socket.io retries dropped transports by itself).
 * - `connected`: snapshots arrive every second.
 * - `forbidden`: the server refused this user (not an admin), or this page's origin. Final.
 * - `unauthorized`: the server refused the session even with a fresh access token. Final.
 */
export type MonitorConnectionState =
  'idle' | 'connecting' | 'connected' | 'reconnecting' | 'forbidden' | 'unauthorized';

/** A token this close to its expiry is renewed before the handshake. */
export const MONITOR_TOKEN_MARGIN_MS = 30_000;
/** Reconnect delays (socket.io's backoff, and ours after the server closed the socket). */
export const MONITOR_RECONNECT_DELAY = { minMs: 1_000, maxMs: 15_000 } as const;

/**
 * The live dashboard's connection to `/monitor` (admins only: the server checks in the handshake).
 * Provided by the page, so it lives while the page is open: `connect()` when shown, closed when the
 * page (its injector) is destroyed or the session ends. Every handshake carries the current access
 * token (renewed first when about to expire); an UNAUTHORIZED refusal renews it once and tries again.
 * Unlike the chat socket it needs no `reauthenticate`: the server checks the token in the handshake
 * only and does not cut `/monitor` sockets off when it expires (nor does the namespace take events).
 *
 * Exposes, as signals: the state, the latest snapshot, the 15-minute series (the `history` sent on
 * connect, then one point per snapshot, at most 900) and the recent-activity log (newest first).
 */
@Injectable()
export class MonitorSocketService {
  private readonly auth = inject(AuthService);
  private readonly createSocket = inject(MONITOR_SOCKET_FACTORY);

  private socket: MonitorSocket | null = null;
  private readonly rawState = signal<MonitorConnectionState>('idle');
  private readonly latest = signal<MonitorSnapshot | null>(null);
  private readonly points = signal<readonly MonitorPoint[]>([]);
  private readonly log = signal<readonly MonitorActivity[]>([]);
  private handshakeToken: string | null = null;
  private renewedAfterRefusal = false;
  private everConnected = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;

  readonly state = this.rawState.asReadonly();
  /** The server refused this page for good (see `MonitorConnectionState`). */
  readonly refused = computed(() => this.rawState() === 'forbidden' || this.rawState() === 'unauthorized');
  readonly snapshot = this.latest.asReadonly();
  /** One point per second over the last 15 minutes, oldest first. */
  readonly series = this.points.asReadonly();
  /** Connects, disconnects, errors and rate limits, newest first. */
  readonly activity = this.log.asReadonly();

  constructor() {
    effect(() => {
      const signedIn = this.auth.isAuthenticated();
      untracked(() => {
        if (!signedIn) this.disconnect();
      });
    });
    inject(DestroyRef).onDestroy(() => this.disconnect());
  }

  /** Opens the connection (again, after a refusal or `disconnect()`); nothing while it is open. */
  connect(): void {
    if (this.socket) return;
    this.renewedAfterRefusal = false;
    this.everConnected = false;
    this.rawState.set('connecting');
    const socket = this.createSocket(this.socketOptions());
    this.socket = socket;
    socket.on('connect', () => {
      this.clearReconnectTimer();
      this.everConnected = true;
      this.renewedAfterRefusal = false;
      this.rawState.set('connected');
    });
    socket.on('disconnect', (reason) => this.onDisconnect(socket, reason));
    socket.on('connect_error', (error) => this.onConnectError(socket, error));
    socket.on('history', (history) => this.onHistory(history));
    socket.on('snapshot', (snapshot) => this.onSnapshot(snapshot));
    socket.connect();
  }

  /** Closes the connection; the numbers stay on screen. */
  disconnect(): void {
    this.clearReconnectTimer();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.removeAllListeners();
      socket.disconnect();
    }
    if (!this.refused()) this.rawState.set('idle');
  }

  private socketOptions(): MonitorSocketOptions {
    return {
      path: '/socket.io',
      ...socketTransportOptions(),
      autoConnect: false,
      forceNew: true,
      reconnection: true,
      reconnectionAttempts: Infinity,
      reconnectionDelay: MONITOR_RECONNECT_DELAY.minMs,
      reconnectionDelayMax: MONITOR_RECONNECT_DELAY.maxMs,
      // Called before every handshake, reconnects included: always the current token.
      auth: (callback) => {
        void this.currentToken().then((token) => {
          this.handshakeToken = token;
          callback({ token: token ?? '' });
        });
      },
    };
  }

  private async currentToken(): Promise<string | null> {
    const token = this.auth.accessToken();
    if (token !== null && !expiresWithin(token, MONITOR_TOKEN_MARGIN_MS)) return token;
    try {
      return await this.auth.renewAccessToken(token);
    } catch {
      return this.auth.accessToken();
    }
  }

  private onHistory(history: MonitorHistory): void {
    this.points.update((series) => mergeHistory(series, history.points));
    // The server's recent log replaces ours: lines have no id to merge them by.
    this.log.set(prependActivity([], history.activity));
  }

  private onSnapshot(snapshot: MonitorSnapshot): void {
    this.latest.set(snapshot);
    this.points.update((series) => appendPoint(series, snapshot.point));
    this.log.update((log) => prependActivity(log, snapshot.activity));
  }

  private onDisconnect(socket: MonitorSocket, reason: string): void {
    if (socket !== this.socket) return;
    this.rawState.set('reconnecting');
    // socket.io retries dropped transports itself, not a disconnect the server made.
    if (reason === 'io server disconnect') this.scheduleReconnect(socket);
  }

  private onConnectError(socket: MonitorSocket, error: Error): void {
    if (socket !== this.socket) return;
    if (socket.active) {
      // A transport failure: socket.io tries again with its backoff.
      this.rawState.set(this.everConnected ? 'reconnecting' : 'connecting');
      return;
    }
    switch (error.message) {
      case CONNECT_ERRORS.forbidden:
      case CONNECT_ERRORS.forbiddenOrigin:
        this.refuse('forbidden');
        return;
      case CONNECT_ERRORS.unauthorized:
        if (this.renewedAfterRefusal) this.refuse('unauthorized');
        else void this.renewThenReconnect(socket);
        return;
      default:
        this.rawState.set(this.everConnected ? 'reconnecting' : 'connecting');
        this.scheduleReconnect(socket);
    }
  }

  private refuse(state: 'forbidden' | 'unauthorized'): void {
    this.rawState.set(state);
    this.disconnect();
  }

  private async renewThenReconnect(socket: MonitorSocket): Promise<void> {
    this.renewedAfterRefusal = true;
    try {
      await this.auth.renewAccessToken(this.handshakeToken);
    } catch {
      // The session is over (AuthService ends it and the app leaves the page) or the server is away.
      if (socket === this.socket) this.refuse('unauthorized');
      return;
    }
    if (socket === this.socket) socket.connect();
  }

  private scheduleReconnect(socket: MonitorSocket): void {
    this.clearReconnectTimer();
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (socket === this.socket && !socket.connected) socket.connect();
    }, MONITOR_RECONNECT_DELAY.minMs);
  }

  private clearReconnectTimer(): void {
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }
}
