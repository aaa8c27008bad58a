import type { OnModuleDestroy } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import type { OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit } from '@nestjs/websockets';
import { WebSocketGateway } from '@nestjs/websockets';
import { CLIENT_EVENTS } from '@supchat/contracts';
import type { Subscription } from 'rxjs';
import { AccessTokenService } from '../auth/access-token.service';
import { SessionEvents } from '../auth/session-events';
import { ChannelsService } from '../channels/channels.service';
import { MetricsService } from '../metrics/metrics.service';
import { PresenceService } from '../presence/presence.service';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/app-config';
import { ackError } from './ack';
import { channelRoom, sessionRoom, userRoom } from './rooms';
import type { SupchatServer, SupchatSocket } from './realtime-emitter';
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
    private readonly accessTokens: AccessTokenService,
    private readonly channels: ChannelsService,
    private readonly emitter: RealtimeEmitter,
    private readonly sessionEvents: SessionEvents,
    private readonly presence: PresenceService,
    private readonly metrics: MetricsService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  afterInit(server: SupchatServer): void {
    this.emitter.attach(server);
    server.use(socketAuthMiddleware(this.accessTokens, this.config.corsOrigins));
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
      if (socket.connected) await this.presence.connected(user, socket.id);
      this.logger.debug(`socket ${socket.id} connected for user ${user.id}`);
    } catch (error) {
      this.logger.error(
        `could not set up socket ${socket.id} for user ${user.id}`,
        error instanceof Error ? error.stack : String(error),
      );
      socket.disconnect(true);
    }
  }

  async handleDisconnect(socket: SupchatSocket): Promise<void> {
    clearTimeout(this.expiryTimers.get(socket.id));
    this.expiryTimers.delete(socket.id);
    const { user } = socket.data;
    if (!user) return;
    this.metrics.socketDisconnected(user);
    try {
      await this.presence.disconnected(user, socket.id);
    } catch (error) {
      this.logger.error(
        `presence update failed for user ${user.id}`,
        error instanceof Error ? error.stack : String(error),
      );
    }
  }

  onModuleDestroy(): void {
    this.sessionSubscription?.unsubscribe();
    for (const timer of this.expiryTimers.values()) clearTimeout(timer);
    this.expiryTimers.clear();
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
