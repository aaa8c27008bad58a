import type { OnModuleDestroy } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import type { OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit } from '@nestjs/websockets';
import { WebSocketGateway } from '@nestjs/websockets';
import type { MonitorClientToServerEvents, MonitorServerToClientEvents } from '@supchat/contracts';
import { CONNECT_ERRORS, MONITOR_NAMESPACE } from '@supchat/contracts';
import type { Namespace, Socket } from 'socket.io';
import type { Subscription } from 'rxjs';
import { SessionAuthenticator } from '../auth/session-authenticator';
import { SessionEvents } from '../auth/session-events';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/app-config';
import type { SocketData, SupchatSocket } from '../realtime/realtime-emitter';
import { ackError } from '../realtime/ack';
import { guardRecovery } from '../realtime/recovery-guard';
import { sessionRoom } from '../realtime/rooms';
import { socketAuthMiddleware } from '../realtime/socket-auth.middleware';
import { MonitorService } from './monitor.service';

type MonitorNamespace = Namespace<
  MonitorClientToServerEvents,
  MonitorServerToClientEvents,
  Record<string, never>,
  SocketData
>;
type MonitorSocket = Socket<
  MonitorClientToServerEvents,
  MonitorServerToClientEvents,
  Record<string, never>,
  SocketData
>;

/**
 * The live dashboard's namespace: the same handshake as the chat (origin, access token), then
 * admins only. It gets the last 15 minutes on connect and a snapshot every second.
 */
@WebSocketGateway({ namespace: MONITOR_NAMESPACE })
export class MonitorGateway
  implements
    OnGatewayInit<MonitorNamespace>,
    OnGatewayConnection<MonitorSocket>,
    OnGatewayDisconnect<MonitorSocket>,
    OnModuleDestroy
{
  private readonly logger = new Logger('MonitorGateway');
  private readonly expiryTimers = new Map<string, NodeJS.Timeout>();
  private sessionSubscription?: Subscription;

  constructor(
    private readonly sessions: SessionAuthenticator,
    private readonly monitor: MonitorService,
    private readonly sessionEvents: SessionEvents,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  afterInit(namespace: MonitorNamespace): void {
    const authenticate = socketAuthMiddleware(this.sessions, this.config.corsOrigins);
    namespace.use((socket, next) =>
      authenticate(socket as unknown as SupchatSocket, (error) => {
        if (error) next(error);
        else if (socket.data.user.role !== 'admin') next(new Error(CONNECT_ERRORS.forbidden));
        else next();
      }),
    );
    this.monitor.attach(namespace as unknown as Namespace);
    // A dashboard needs no replay (it gets the history on connect), and an ended session nothing.
    guardRecovery(namespace as unknown as Namespace, async () => null);
    // A dashboard is cut off with its session (logout), on every instance.
    this.sessionSubscription = this.sessionEvents.ended.subscribe((sessionId) =>
      namespace.in(sessionRoom(sessionId)).disconnectSockets(true),
    );
  }

  async handleConnection(socket: MonitorSocket): Promise<void> {
    const { user } = socket.data;
    await socket.join(sessionRoom(user.sessionId));
    // And when its access token expires (the dashboard reconnects with a fresh one).
    const timer = setTimeout(() => socket.disconnect(true), Math.max(0, user.expiresAt - Date.now()));
    timer.unref();
    this.expiryTimers.set(socket.id, timer);
    // The dashboard only listens: anything it sends is refused through its ack, if it gave one.
    socket.onAny((...args: unknown[]) => {
      const ack = args.at(-1);
      if (typeof ack === 'function') ack(ackError({ code: 'NOT_FOUND', message: 'No such event' }));
    });
    try {
      socket.emit('history', await this.monitor.history());
    } catch (error) {
      this.logger.warn(`monitor history failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  handleDisconnect(socket: MonitorSocket): void {
    clearTimeout(this.expiryTimers.get(socket.id));
    this.expiryTimers.delete(socket.id);
  }

  onModuleDestroy(): void {
    this.sessionSubscription?.unsubscribe();
    for (const timer of this.expiryTimers.values()) clearTimeout(timer);
    this.expiryTimers.clear();
  }
}
