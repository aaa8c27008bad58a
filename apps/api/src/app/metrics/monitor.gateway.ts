import { Logger } from '@nestjs/common';
import type { OnGatewayConnection, OnGatewayInit } from '@nestjs/websockets';
import { WebSocketGateway } from '@nestjs/websockets';
import type { MonitorClientToServerEvents, MonitorServerToClientEvents } from '@supchat/contracts';
import { CONNECT_ERRORS, MONITOR_NAMESPACE } from '@supchat/contracts';
import type { Namespace, Socket } from 'socket.io';
import { SessionAuthenticator } from '../auth/session-authenticator';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/app-config';
import type { SocketData, SupchatSocket } from '../realtime/realtime-emitter';
import { ackError } from '../realtime/ack';
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
export class MonitorGateway implements OnGatewayInit<MonitorNamespace>, OnGatewayConnection<MonitorSocket> {
  private readonly logger = new Logger('MonitorGateway');

  constructor(
    private readonly sessions: SessionAuthenticator,
    private readonly monitor: MonitorService,
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
  }

  async handleConnection(socket: MonitorSocket): Promise<void> {
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
}
