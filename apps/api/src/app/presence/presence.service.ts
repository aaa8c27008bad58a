import type { OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Presence, PresenceStatus } from '@supchat/contracts';
import type { AuthUser } from '../auth/auth-user';
import { ChannelsService } from '../channels/channels.service';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/app-config';
import type { Redis } from 'ioredis';
import type { SupchatSocket } from '../realtime/realtime-emitter';
import { RealtimeEmitter } from '../realtime/realtime-emitter';
import { REDIS_CLIENT } from '../redis/redis.module';
import type { UsersRepository } from '../users/users.repository';
import { USERS_REPOSITORY } from '../users/users.repository';
import { toPresence } from './presence.mapper';
import type { ClientStatus, PresenceStore, StatusChange } from './presence.store';
import { PRESENCE_STORE } from './presence.store';

/** How often users whose grace period ended are taken offline (the grace is about 10 s). */
const SWEEP_EVERY_MS = 500;
/** How often this instance says it is alive and reaps dead ones (their heartbeat lasts 30 s). */
const HEARTBEAT_EVERY_MS = 10_000;

/**
 * Presence: online while any socket is connected, away when every client reports idle, offline a
 * grace period after the last socket closes. Changes go to the user's channel rooms only, so only
 * people who share a channel with the user hear of them.
 */
@Injectable()
export class PresenceService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('PresenceService');
  private sweeper: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private sweeping = false;

  constructor(
    @Inject(PRESENCE_STORE) private readonly store: PresenceStore,
    @Inject(USERS_REPOSITORY) private readonly users: UsersRepository,
    private readonly channels: ChannelsService,
    private readonly realtime: RealtimeEmitter,
    @InjectConfig() private readonly config: AppConfig,
    @Inject(REDIS_CLIENT) private readonly redis: Redis | null,
  ) {}

  onModuleInit(): void {
    // Redis came back (restarted, failed over): what it lost of this instance's sockets is put back.
    // The boot waits for Redis, so the first connection is usually up already when this runs.
    let connectedBefore = this.redis?.status === 'ready';
    this.redis?.on('ready', () => {
      if (connectedBefore) void this.resyncLocalSockets();
      connectedBefore = true;
    });
    void this.beat();
    this.heartbeat = setInterval(() => void this.beat(), HEARTBEAT_EVERY_MS);
    this.heartbeat.unref();
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  /**
   * Adding the socket also cancels a pending offline (the store does both at once). The socket
   * starts as its client said in the handshake, so a tab that reconnects while away stays away.
   */
  async connected(socket: SupchatSocket): Promise<void> {
    const { user, presence } = socket.data;
    await this.announce(user.id, await this.store.addSocket(user.id, socket.id, presence), null);
  }

  async disconnected(user: AuthUser, socketId: string): Promise<void> {
    if ((await this.store.removeSocket(user.id, socketId)) > 0) return;
    await this.store.scheduleOffline(user.id, Date.now() + this.config.presence.offlineGraceMs);
  }

  async setStatus(socket: SupchatSocket, status: ClientStatus): Promise<void> {
    // Kept on the socket too, for putting it back into a Redis that lost it.
    socket.data.presence = status;
    const { user } = socket.data;
    await this.announce(user.id, await this.store.setSocketStatus(user.id, socket.id, status), null);
  }

  async presenceOf(userIds: readonly string[]): Promise<Map<string, Presence>> {
    const [statuses, users] = await Promise.all([
      this.store.statuses(userIds),
      this.users.findByIds(userIds),
    ]);
    const lastSeen = new Map(users.map((user) => [user.id, user.lastSeenAt]));
    return new Map(
      userIds.map((userId) => [
        userId,
        toPresence(statuses.get(userId) ?? 'offline', lastSeen.get(userId) ?? null),
      ]),
    );
  }

  async onModuleDestroy(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    if (this.heartbeat) clearInterval(this.heartbeat);
    await this.store.close().catch(() => undefined);
  }

  private async resyncLocalSockets(): Promise<void> {
    const sockets = this.realtime.attached?.sockets.sockets;
    if (!sockets) return;
    try {
      const local = [...sockets.values()]
        .filter((socket) => socket.data.user)
        .map((socket) => ({
          userId: socket.data.user.id,
          socketId: socket.id,
          status: socket.data.presence ?? 'online',
        }));
      for (const change of await this.store.resync(local)) {
        await this.announce(change.userId, change, null);
      }
      await this.beat();
    } catch (error) {
      this.logger.warn(
        `presence re-registration failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** Users whose grace period ended go offline, wherever they disconnected. */
  private async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      for (const { userId, dueAt } of await this.store.takeDue(Date.now())) {
        await this.goOffline(userId, new Date(dueAt - this.config.presence.offlineGraceMs));
      }
    } catch (error) {
      this.logger.warn(`presence sweep failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.sweeping = false;
    }
  }

  private async beat(): Promise<void> {
    try {
      await this.store.heartbeat();
      await this.store.reapDeadInstances();
    } catch (error) {
      this.logger.warn(
        `presence heartbeat failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private async goOffline(userId: string, lastSeenAt: Date): Promise<void> {
    try {
      if (!(await this.store.expireIfIdle(userId))) return;
      await this.users.setLastSeen(userId, lastSeenAt);
      await this.broadcast(userId, 'offline', lastSeenAt);
    } catch (error) {
      this.logger.error(
        `could not mark user ${userId} offline`,
        error instanceof Error ? error.stack : String(error),
      );
    }
  }

  private async announce(userId: string, change: StatusChange, lastSeenAt: Date | null): Promise<void> {
    if (change.previous !== change.current) await this.broadcast(userId, change.current, lastSeenAt);
  }

  private async broadcast(userId: string, status: PresenceStatus, lastSeenAt: Date | null): Promise<void> {
    const channelIds = await this.channels.channelIdsOf(userId);
    const presence = toPresence(status, lastSeenAt);
    this.realtime.toChannels(channelIds, 'presence', { userId, ...presence });
  }
}
