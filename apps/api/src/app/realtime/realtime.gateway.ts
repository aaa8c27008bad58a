import { Logger } from '@nestjs/common';
import type { OnGatewayConnection, OnGatewayInit } from '@nestjs/websockets';
import { WebSocketGateway } from '@nestjs/websockets';
import type { ClientToServerEvents, ServerToClientEvents } from '@supchat/contracts';
import type { Server, Socket } from 'socket.io';
import { AccessTokenService } from '../auth/access-token.service';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/app-config';
import type { SocketData } from './socket-auth.middleware';
import { socketAuthMiddleware } from './socket-auth.middleware';

export type SupchatServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export type SupchatSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

export const userRoom = (userId: string) => `user:${userId}`;
export const channelRoom = (channelId: string) => `channel:${channelId}`;

/** The live connection: authenticated in the handshake, one room per user, `ready` once joined. */
@WebSocketGateway()
export class RealtimeGateway implements OnGatewayInit<SupchatServer>, OnGatewayConnection<SupchatSocket> {
  private readonly logger = new Logger('RealtimeGateway');

  constructor(
    private readonly accessTokens: AccessTokenService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  afterInit(server: SupchatServer): void {
    server.use(socketAuthMiddleware(this.accessTokens, this.config.corsOrigins));
  }

  async handleConnection(socket: SupchatSocket): Promise<void> {
    const { user } = socket.data;
    await socket.join(userRoom(user.id));
    // Channel rooms come with channels (messaging issue); for now a user belongs to none.
    const channelIds: string[] = [];
    socket.emit('ready', { userId: user.id, channelIds });
    this.logger.debug(`socket ${socket.id} connected for user ${user.id}`);
  }
}
