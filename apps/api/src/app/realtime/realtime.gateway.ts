import type { OnModuleDestroy } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import type { OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit } from '@nestjs/websockets';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Ack, Reauthenticated } from '@supchat/contracts';
import { CLIENT_EVENTS, ReauthenticatePayloadSchema } from '@supchat/contracts';
import type { z } from 'zod';
import type { Subscription } from 'rxjs';
import { SessionAuthenticator } from '../auth/session-authenticator';
import { SessionEvents } from '../auth/session-events';
import { ChannelsService } from '../channels/channels.service';
import { MetricsService } from '../metrics/metrics.service';
import { PresenceService } from '../presence/presence.service';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/app-config';
import { AppError } from '../common/errors/app-error';
import { ZodValidationPipe } from '../common/validation/zod-validation.pipe';
import { ackError, ackOk } from './ack';
import { SocketEventHandlers } from './socket-events.decorator';
import type { Session } from 'socket.io-adapter';
import { guardRecovery } from './recovery-guard';
import { channelIdOfRoom, channelRoom, isChannelRoom, sessionRoom, userRoom } from './rooms';
import type { SocketData, SupchatServer, SupchatSocket } from './realtime-emitter';
import { RealtimeEmitter } from './realtime-emitter';
import { socketAuthMiddleware } from './socket-auth.middleware';

/** Client events some gateway handles; anything else is answered NOT_FOUND. */
const KNOWN_EVENTS = new Set<string>(CLIENT_EVENTS);

/** setTimeout cannot wait longer than this (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The connection itself: authentication in the handshake, rooms (`user:`, `session:`, one per
 * channel), `ready`, the cut-off when the access token expires or its session is logged out, and an
 * error ack for events nobody handles.
 */
@WebSocketGateway()
@SocketEventHandlers()
export class RealtimeGateway
  implements
    OnGatewayInit<SupchatServer>,
    OnGatewayConnection<SupchatSocket>,
    OnGatewayDisconnect<SupchatSocket>,
    OnModuleDestroy
{
  private readonly logger = new Logger('RealtimeGateway');
  private readonly expiryTimers = new Map<string, NodeJS.Timeout>();
  private sessionSubscription?: Subscription;

  constructor(
    private readonly sessions: SessionAuthenticator,
    private readonly channels: ChannelsService,
    private readonly emitter: RealtimeEmitter,
    private readonly sessionEvents: SessionEvents,
    private readonly presence: PresenceService,
    private readonly metrics: MetricsService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  afterInit(server: SupchatServer): void {
    this.emitter.attach(server);
    server.use(socketAuthMiddleware(this.sessions, this.config.corsOrigins));
    guardRecovery(server.of('/'), (session) => this.recoverable(session));
    this.sessionSubscription = this.sessionEvents.ended.subscribe((sessionId) =>
      this.emitter.endSession(sessionId),
    );
  }

  async handleConnection(socket: SupchatSocket): Promise<void> {
    const { user } = socket.data;
    socket.onAny((event: string, ...args: unknown[]) => {
      if (KNOWN_EVENTS.has(event)) return;
      this.metrics.socketEvent(event, 'NOT_FOUND', user);
      const ack = args.at(-1);
      if (typeof ack === 'function') {
        ack(ackError({ code: 'NOT_FOUND', message: `Unknown event "${String(event).slice(0, 64)}"` }));
      }
    });
    this.scheduleExpiry(socket);
    this.metrics.socketConnected(user);
    try {
      const channelIds = await this.channels.channelIdsOf(user.id);
      await socket.join([userRoom(user.id), sessionRoom(user.sessionId), ...channelIds.map(channelRoom)]);
      socket.emit('ready', { userId: user.id, channelIds });
      // A socket that already went away must not leave its user online.
      if (socket.connected) await this.presence.connected(socket);
      this.logger.debug({ msg: 'socket connected', socketId: socket.id, userId: user.id });
    } catch (error) {
      this.logger.error({
        msg: 'could not set up a socket',
        socketId: socket.id,
        userId: user.id,
        err: error,
      });
      socket.disconnect(true);
    }
  }

  async handleDisconnect(socket: SupchatSocket): Promise<void> {
    clearTimeout(this.expiryTimers.get(socket.id));
    this.expiryTimers.delete(socket.id);
    const { user } = socket.data;
    if (!user) return;
    this.metrics.socketDisconnected(user);
    this.logger.debug({ msg: 'socket disconnected', socketId: socket.id, userId: user.id });
    try {
      await this.presence.disconnected(user, socket.id);
    } catch (error) {
      this.logger.error({ msg: 'presence update failed', socketId: socket.id, userId: user.id, err: error });
    }
  }

  onModuleDestroy(): void {
    this.sessionSubscription?.unsubscribe();
    for (const timer of this.expiryTimers.values()) clearTimeout(timer);
    this.expiryTimers.clear();
  }

  /**
   * A fresh access token for this socket (the client refreshed it before the old one expired): the
   * socket stays connected past the old token's expiry, now bound to the new one.
   */
  @SubscribeMessage('reauthenticate')
  async reauthenticate(
    @ConnectedSocket() socket: SupchatSocket,
    @MessageBody(new ZodValidationPipe(ReauthenticatePayloadSchema))
    payload: z.output<typeof ReauthenticatePayloadSchema>,
  ): Promise<Ack<Reauthenticated>> {
    const previous = socket.data.user;
    const user = await this.sessions.authenticate(payload.token);
    if (!user || user.id !== previous.id)
      throw AppError.unauthorized('Invalid access token for this connection');
    socket.data.user = user;
    if (user.sessionId !== previous.sessionId) {
      // Logging out the new session must cut this socket, and logging out the old one must not.
      await socket.leave(sessionRoom(previous.sessionId));
      await socket.join(sessionRoom(user.sessionId));
    }
    clearTimeout(this.expiryTimers.get(socket.id));
    this.scheduleExpiry(socket);
    return ackOk({ expiresAt: new Date(user.expiresAt).toISOString() });
  }

  /**
   * What a client coming back within the recovery window may have of its old session: nothing if the
   * session ended; otherwise its rooms and missed events minus those of channels it is no longer in
   * (removed or gone while it was away; `channel-left` itself still comes through).
   */
  private async recoverable(session: Session): Promise<Session | null> {
    const user = (session.data as Partial<SocketData> | undefined)?.user;
    if (!user || !(await this.sessions.isOpen(user.sessionId))) return null;
    const mine = new Set(await this.channels.channelIdsOf(user.id));
    const kept = (channelId: unknown) => typeof channelId !== 'string' || mine.has(channelId);
    return {
      ...session,
      rooms: session.rooms.filter((room) => !isChannelRoom(room) || mine.has(channelIdOfRoom(room))),
      missedPackets: session.missedPackets.filter((packet) => {
        const [event, payload] = packet as [string, { channelId?: unknown; id?: unknown } | undefined];
        if (event === 'channel-left' || event === 'channel-joined') return true;
        return kept(payload?.channelId) && (event !== 'channel-updated' || kept(payload?.id));
      }),
    };
  }

  /** When the access token expires the socket gets `session-expired` and is cut off. */
  private scheduleExpiry(socket: SupchatSocket): void {
    const delay = Math.min(Math.max(0, socket.data.user.expiresAt - Date.now()), MAX_TIMER_MS);
    const timer = setTimeout(() => {
      this.expiryTimers.delete(socket.id);
      socket.emit('session-expired', {});
      socket.disconnect(true);
    }, delay);
    timer.unref();
    this.expiryTimers.set(socket.id, timer);
  }
}
