import { Injectable } from '@nestjs/common';
import type { ClientToServerEvents, ServerToClientEvents } from '@supchat/contracts';
import type { Server, Socket } from 'socket.io';
import type { AuthUser } from '../auth/auth-user';
import type { ClientStatus } from '../presence/presence.store';
import { channelRoom, sessionRoom, userRoom } from './rooms';

export interface SocketData {
  user: AuthUser;
  /** What the client said last: in the handshake (`auth.presence`), then with `set-presence`. */
  presence?: ClientStatus;
}

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

type EventName = keyof ServerToClientEvents;
type EventArgs<E extends EventName> = Parameters<ServerToClientEvents[E]>;

/**
 * How services reach connected clients: typed emits to user, channel and session rooms, and room
 * moves for every socket of a user. The gateway attaches the Socket.IO server at startup; the same
 * calls work across instances once a Redis adapter is installed.
 */
@Injectable()
export class RealtimeEmitter {
  private server: SupchatServer | null = null;

  attach(server: SupchatServer): void {
    this.server = server;
  }

  /** The Socket.IO server, once the gateway attached it (the graceful shutdown closes it). */
  get attached(): SupchatServer | null {
    return this.server;
  }

  /** To everyone in a channel, optionally except one socket (the sender, who gets its own event). */
  toChannel<E extends EventName>(
    channelId: string,
    exceptSocketId: string | null,
    event: E,
    ...args: EventArgs<E>
  ): void {
    const target = this.io().to(channelRoom(channelId));
    (exceptSocketId ? target.except(exceptSocketId) : target).emit(event, ...args);
  }

  /** To everyone in a channel except every socket of one user. */
  toChannelExceptUser<E extends EventName>(
    channelId: string,
    userId: string,
    event: E,
    ...args: EventArgs<E>
  ): void {
    this.io()
      .to(channelRoom(channelId))
      .except(userRoom(userId))
      .emit(event, ...args);
  }

  /** To everyone in any of these channels (each socket once). */
  toChannels<E extends EventName>(channelIds: readonly string[], event: E, ...args: EventArgs<E>): void {
    if (channelIds.length === 0) return;
    this.io()
      .to(channelIds.map(channelRoom))
      .emit(event, ...args);
  }

  toUser<E extends EventName>(userId: string, event: E, ...args: EventArgs<E>): void {
    this.io()
      .to(userRoom(userId))
      .emit(event, ...args);
  }

  toUsers<E extends EventName>(userIds: readonly string[], event: E, ...args: EventArgs<E>): void {
    if (userIds.length === 0) return;
    this.io()
      .to(userIds.map(userRoom))
      .emit(event, ...args);
  }

  /** To one socket: directly when it is connected here, through the adapter otherwise. */
  toSocket<E extends EventName>(socketId: string, event: E, ...args: EventArgs<E>): void {
    const local = this.io().sockets.sockets.get(socketId);
    if (local) local.emit(event, ...args);
    else
      this.io()
        .to(socketId)
        .emit(event, ...args);
  }

  /** Puts every socket of a user into the channel's room. */
  joinChannel(userId: string, channelId: string): void {
    this.io().in(userRoom(userId)).socketsJoin(channelRoom(channelId));
  }

  /** Takes every socket of a user out of the channel's room. */
  leaveChannel(userId: string, channelId: string): void {
    this.io().in(userRoom(userId)).socketsLeave(channelRoom(channelId));
  }

  /** Tells the sockets of a session it is over, then disconnects them. */
  endSession(sessionId: string): void {
    const sockets = this.io().in(sessionRoom(sessionId));
    sockets.emit('session-expired', {});
    sockets.disconnectSockets(true);
  }

  private io(): SupchatServer {
    if (!this.server) throw new Error('the Socket.IO server is not attached yet');
    return this.server;
  }
}
