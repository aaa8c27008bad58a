import { DestroyRef, Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import type {
  Ack,
  AckCallback,
  ClientToServerEvents,
  HandshakeAuth,
  ReadyEvent,
  ServerToClientEvents,
  SetPresencePayload,
} from '@supchat/contracts';
import { CONNECT_ERRORS } from '@supchat/constants';
import { AuthService } from '@supchat/web/auth/data-access';
import type { Observable } from 'rxjs';
import { Subject, filter, map } from 'rxjs';
import { BrowserState } from '../browser/browser-state';
import { expiresWithin } from './access-token';
import { Backoff } from './backoff';
import { ChatAckError, ChatTransportError } from './chat-errors';
import type { ChatSocket, ChatSocketOptions } from './chat-socket.factory';
import { CHAT_SOCKET_FACTORY, socketTransportOptions } from './chat-socket.factory';

/** For the connection banner. `offline`: the browser has no network, or connecting keeps failing. */
export type ChatConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export type ServerEventName = keyof ServerToClientEvents;
export type ServerEventPayload<E extends ServerEventName> = Parameters<ServerToClientEvents[E]>[0];
export type ClientEventName = keyof ClientToServerEvents;
export type ClientEventPayload<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[0];
/** What the ack of a client event carries when it succeeds. */
export type ClientEventResult<E extends ClientEventName> =
  NonNullable<Parameters<ClientToServerEvents[E]>[1]> extends AckCallback<infer T> ? T : never;

export interface ChatRequestOptions {
  /** How long to wait for the ack; default 10 s. */
  timeoutMs?: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** A token this close to its expiry is renewed before the handshake. */
export const HANDSHAKE_TOKEN_MARGIN_MS = 30_000;
/** After this many failed attempts in a row the state says `offline` rather than `reconnecting`. */
export const OFFLINE_AFTER_FAILURES = 3;
/** Reconnect delays: socket.io's own backoff for dropped transports, ours for refused handshakes. */
export const RECONNECT_DELAY = { minMs: 1_000, maxMs: 30_000, jitter: 0.5 } as const;
/** How long a `reauthenticate` waits for its ack before it is tried again (with RECONNECT_DELAY's backoff). */
export const REAUTHENTICATE_TIMEOUT_MS = 10_000;

interface ServerEvent {
  name: string;
  payload: unknown;
}

type LooseTimedEmit = (
  event: string,
  payload: unknown,
  ack: (error: Error | null, ack: unknown) => void,
) => void;

/**
 * The one socket of the signed-in user. Connects when a user is signed in and disconnects when the
 * session ends; every handshake carries the current access token (renewed first when it is missing
 * or about to expire). The server cuts a socket off when the token it holds expires, so whenever
 * AuthService has a new token (its proactive refresh) the connected socket sends `reauthenticate`
 * with it and stays open; an error ack falls back to a new handshake (after a refresh when the token
 * was refused). Dropped transports are retried by socket.io's backoff; refused handshakes
 * (UNAUTHORIZED) and `session-expired` renew the token through AuthService, then reconnect. When the
 * refresh is refused AuthService ends the session, which stops the socket.
 */
@Injectable({ providedIn: 'root' })
export class ChatSocketService {
  private readonly auth = inject(AuthService);
  private readonly browser = inject(BrowserState);
  private readonly createSocket = inject(CHAT_SOCKET_FACTORY);

  private socket: ChatSocket | null = null;
  private readonly rawState = signal<ChatConnectionState>('offline');
  private readonly serverEvents = new Subject<ServerEvent>();
  private readonly disconnects = new Subject<void>();
  private readonly pendingRequests = new Set<(error: ChatTransportError) => void>();
  private readonly backoff = new Backoff(RECONNECT_DELAY);
  private readonly reauthenticateBackoff = new Backoff(RECONNECT_DELAY);
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private reauthenticateTimer: ReturnType<typeof setTimeout> | null = null;
  private reauthenticating = false;
  private failures = 0;
  private everConnected = false;
  private sessionExpired = false;
  /**
   * The token the server holds for this socket: the one the latest handshake presented, or the one
   * the latest `reauthenticate` moved it to. A refusal or `session-expired` renews exactly that one.
   */
  private handshakeToken: string | null = null;
  /** Whether the connected socket's server side holds `handshakeToken` (set on connect). */
  private heldToken: string | null = null;
  /** The status last reported with `set-presence`: every handshake starts the socket with it. */
  private presence: SetPresencePayload['status'] = 'online';
  private startedFor: string | null = null;

  /** Connection state for the UI banner (`offline` while signed out). */
  readonly state = computed<ChatConnectionState>(() => (this.browser.online() ? this.rawState() : 'offline'));
  readonly connected = computed(() => this.rawState() === 'connected');
  /** Emits the server's `ready` after every (re)connect: subscribe, then catch up. */
  readonly ready$: Observable<ReadyEvent> = this.events('ready');
  /** Emits each time a connection is lost (whatever comes next); live delivery has a gap until `ready$`. */
  readonly disconnect$: Observable<void> = this.disconnects.asObservable();

  constructor() {
    effect(() => {
      const userId = this.auth.user()?.id ?? null;
      untracked(() => {
        if (userId === this.startedFor) return;
        this.stop();
        if (userId !== null) this.start(userId);
      });
    });
    // A refreshed access token moves the open socket onto it before the old one expires.
    effect(() => {
      this.auth.accessToken();
      untracked(() => this.reauthenticate());
    });
    const onlineSubscription = this.browser.online$.subscribe(() => this.retryNow());
    inject(DestroyRef).onDestroy(() => {
      onlineSubscription.unsubscribe();
      this.stop();
    });
  }

  /** A server event as an Observable (hot: only events after subscribing). */
  events<E extends ServerEventName>(name: E): Observable<ServerEventPayload<E>> {
    return this.serverEvents.pipe(
      filter((event) => event.name === name),
      map((event) => event.payload as ServerEventPayload<E>),
    );
  }

  /**
   * Sends a client event and resolves with its ack's data. Rejects with ChatAckError (the server's
   * error ack) or ChatTransportError ('timeout', or 'disconnected' when offline or cut off meanwhile).
   * Nothing is queued while disconnected: a request never reaches the server late.
   */
  request<E extends ClientEventName>(
    name: E,
    payload: ClientEventPayload<E>,
    options: ChatRequestOptions = {},
  ): Promise<ClientEventResult<E>> {
    const socket = this.socket;
    if (!socket?.connected) return Promise.reject(new ChatTransportError('disconnected'));
    return new Promise<ClientEventResult<E>>((resolve, reject) => {
      let settled = false;
      const fail = (error: ChatTransportError | ChatAckError) => {
        if (settled) return;
        settled = true;
        this.pendingRequests.delete(fail);
        reject(error);
      };
      this.pendingRequests.add(fail);
      const timed = socket.timeout(options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
      (timed.emit as unknown as LooseTimedEmit).call(timed, name, payload, (error, ack) => {
        if (settled) return;
        if (error) return fail(new ChatTransportError('timeout'));
        const answer = ack as Ack<ClientEventResult<E>> | undefined;
        if (answer?.ok === true) {
          settled = true;
          this.pendingRequests.delete(fail);
          resolve(answer.data);
        } else {
          fail(
            new ChatAckError(
              answer?.ok === false
                ? answer.error
                : { code: 'INTERNAL', message: 'Malformed acknowledgement' },
            ),
          );
        }
      });
    });
  }

  /**
   * Fire and forget (typing, presence, statistics): sent only when connected, never queued. True when
   * sent. A presence report made while disconnected still counts: the next handshake carries it.
   */
  notify<E extends 'typing' | 'set-presence' | 'client-stats'>(
    name: E,
    payload: ClientEventPayload<E>,
  ): boolean {
    if (name === 'set-presence') this.presence = (payload as SetPresencePayload).status;
    const socket = this.socket;
    if (!socket?.connected) return false;
    (socket.emit as unknown as (event: string, payload: unknown) => void).call(socket, name, payload);
    return true;
  }

  private start(userId: string): void {
    this.startedFor = userId;
    this.presence = 'online';
    this.everConnected = false;
    this.failures = 0;
    this.backoff.reset();
    this.rawState.set('connecting');
    const socket = this.createSocket(this.socketOptions());
    this.socket = socket;
    socket.on('connect', () => this.onConnect());
    socket.on('disconnect', (reason) => this.onDisconnect(socket, reason));
    socket.on('connect_error', (error) => this.onConnectError(socket, error));
    socket.on('session-expired', () => {
      this.sessionExpired = true;
    });
    socket.onAny((name: string, payload: unknown) => this.serverEvents.next({ name, payload }));
    socket.connect();
  }

  private stop(): void {
    this.startedFor = null;
    this.clearReconnectTimer();
    this.clearReauthenticateTimer();
    this.heldToken = null;
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.removeAllListeners();
      socket.offAny();
      socket.disconnect();
      this.disconnects.next();
    }
    this.failPendingRequests();
    this.sessionExpired = false;
    this.rawState.set('offline');
  }

  private socketOptions(): ChatSocketOptions {
    return {
      path: '/socket.io',
      ...socketTransportOptions(),
      autoConnect: false,
      forceNew: true,
      reconnection: true,
      reconnectionAttempts: Infinity,
      reconnectionDelay: RECONNECT_DELAY.minMs,
      reconnectionDelayMax: RECONNECT_DELAY.maxMs,
      randomizationFactor: RECONNECT_DELAY.jitter,
      // Called before every handshake, reconnects included.
      auth: (callback) => {
        void this.currentToken().then((token) => {
          this.handshakeToken = token;
          callback({ token: token ?? '', presence: this.presence } satisfies HandshakeAuth);
        });
      },
    };
  }

  /** The access token to present, renewed first when it is missing or about to expire. */
  private async currentToken(): Promise<string | null> {
    const token = this.auth.accessToken();
    if (token !== null && !expiresWithin(token, HANDSHAKE_TOKEN_MARGIN_MS)) return token;
    try {
      return await this.auth.renewAccessToken(token);
    } catch {
      // The server refuses the stale token and the refusal path decides what comes next.
      return this.auth.accessToken();
    }
  }

  private onConnect(): void {
    this.clearReconnectTimer();
    this.everConnected = true;
    this.failures = 0;
    this.sessionExpired = false;
    this.backoff.reset();
    this.reauthenticateBackoff.reset();
    this.heldToken = this.handshakeToken;
    this.rawState.set('connected');
    // The token may have been refreshed while the handshake was on its way.
    this.reauthenticate();
  }

  /**
   * Moves the connected socket onto the current access token (`reauthenticate`), unless the server
   * holds it already. One at a time; a token that arrives meanwhile follows when the ack is in.
   * Unanswered: tried again with backoff while connected. Refused (an error ack): reconnect now,
   * after a refresh if the token itself was refused, as `session-expired` would make us do later.
   * Disconnected meanwhile: nothing, the next handshake presents the current token.
   */
  private reauthenticate(): void {
    const socket = this.socket;
    const token = this.auth.accessToken();
    if (this.reauthenticating || this.reauthenticateTimer !== null) return;
    if (!socket?.connected || token === null || token === this.heldToken) return;
    this.reauthenticating = true;
    this.request('reauthenticate', { token }, { timeoutMs: REAUTHENTICATE_TIMEOUT_MS }).then(
      () => {
        this.reauthenticating = false;
        if (socket !== this.socket) return;
        this.handshakeToken = token;
        this.heldToken = token;
        this.reauthenticateBackoff.reset();
        this.reauthenticate();
      },
      (error: unknown) => {
        this.reauthenticating = false;
        if (socket !== this.socket || !socket.connected) return;
        if (error instanceof ChatAckError) {
          this.reconnectAfterRefusedReauthentication(socket, token, error);
        } else {
          this.reauthenticateTimer = setTimeout(() => {
            this.reauthenticateTimer = null;
            this.reauthenticate();
          }, this.reauthenticateBackoff.nextDelayMs());
        }
      },
    );
  }

  private reconnectAfterRefusedReauthentication(
    socket: ChatSocket,
    token: string,
    error: ChatAckError,
  ): void {
    this.heldToken = null;
    socket.disconnect();
    if (error.code === 'UNAUTHORIZED') {
      this.handshakeToken = token;
      void this.renewThenReconnect(socket);
    } else {
      socket.connect();
    }
  }

  private onDisconnect(socket: ChatSocket, reason: string): void {
    if (socket !== this.socket) return;
    this.heldToken = null;
    this.clearReauthenticateTimer();
    this.failPendingRequests();
    this.rawState.set('reconnecting');
    this.disconnects.next();
    // socket.io retries dropped transports itself, but not a disconnect the server made.
    if (reason !== 'io server disconnect') return;
    if (this.sessionExpired) void this.renewThenReconnect(socket);
    else this.scheduleReconnect(socket);
  }

  private onConnectError(socket: ChatSocket, error: Error): void {
    if (socket !== this.socket) return;
    this.failures++;
    this.rawState.set(
      this.failures >= OFFLINE_AFTER_FAILURES
        ? 'offline'
        : this.everConnected
          ? 'reconnecting'
          : 'connecting',
    );
    // An active socket is being retried by socket.io; a refused handshake is not.
    if (socket.active) return;
    if (error.message === CONNECT_ERRORS.unauthorized) void this.renewThenReconnect(socket);
    else this.scheduleReconnect(socket);
  }

  /** After UNAUTHORIZED or session-expired: a new access token, then a new handshake. */
  private async renewThenReconnect(socket: ChatSocket): Promise<void> {
    const rejected = this.handshakeToken;
    try {
      await this.auth.renewAccessToken(rejected);
    } catch {
      // Refused: AuthService ended the session and the effect stops the socket. Unreachable: retry later.
      if (socket === this.socket && this.auth.isAuthenticated()) this.scheduleReconnect(socket);
      return;
    }
    if (socket !== this.socket) return;
    this.sessionExpired = false;
    // A fresh token refused again (clock skew, revoked session) must not loop at full speed.
    if (this.failures > 1) this.scheduleReconnect(socket);
    else socket.connect();
  }

  private scheduleReconnect(socket: ChatSocket): void {
    this.clearReconnectTimer();
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (socket === this.socket && !socket.connected) socket.connect();
    }, this.backoff.nextDelayMs());
  }

  /** The browser is back online: try at once instead of waiting out the backoff. */
  private retryNow(): void {
    const socket = this.socket;
    if (!socket || socket.connected) return;
    this.clearReconnectTimer();
    this.backoff.reset();
    this.failures = 0;
    this.rawState.set(this.everConnected ? 'reconnecting' : 'connecting');
    // Disconnecting resets socket.io's own backoff; the listeners stay.
    socket.disconnect();
    socket.connect();
  }

  private clearReauthenticateTimer(): void {
    if (this.reauthenticateTimer !== null) clearTimeout(this.reauthenticateTimer);
    this.reauthenticateTimer = null;
  }

  private clearReconnectTimer(): void {
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }

  private failPendingRequests(): void {
    const pending = [...this.pendingRequests];
    this.pendingRequests.clear();
    for (const fail of pending) fail(new ChatTransportError('disconnected'));
  }
}
