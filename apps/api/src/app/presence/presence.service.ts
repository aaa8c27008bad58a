import type { OnModuleDestroy } from '@nestjs/common';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Presence, PresenceStatus } from '@supchat/contracts';
import type { AuthUser } from '../auth/auth-user';
import { ChannelsService } from '../channels/channels.service';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/app-config';
import { RealtimeEmitter } from '../realtime/realtime-emitter';
import type { UsersRepository } from '../users/users.repository';
import { USERS_REPOSITORY } from '../users/users.repository';
import { toPresence } from './presence.mapper';
import type { ClientStatus, PresenceStore, StatusChange } from './presence.store';
import { PRESENCE_STORE } from './presence.store';

/**
 * Presence: online while any socket is connected, away when every client reports idle, offline a
 * grace period after the last socket closes. Changes go to the user's channel rooms only, so only
 * people who share a channel with the user hear of them.
 */
@Injectable()
export class PresenceService implements OnModuleDestroy {
  private readonly logger = new Logger('PresenceService');
  private readonly offlineTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    @Inject(PRESENCE_STORE) private readonly store: PresenceStore,
    @Inject(USERS_REPOSITORY) private readonly users: UsersRepository,
    private readonly channels: ChannelsService,
    private readonly realtime: RealtimeEmitter,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async connected(user: AuthUser, socketId: string): Promise<void> {
    this.cancelOffline(user.id);
    await this.announce(user.id, await this.store.addSocket(user.id, socketId), null);
  }

  async disconnected(user: AuthUser, socketId: string): Promise<void> {
    if ((await this.store.removeSocket(user.id, socketId)) > 0) return;
    const lastSeenAt = new Date();
    this.cancelOffline(user.id);
    const timer = setTimeout(() => {
      this.offlineTimers.delete(user.id);
      void this.goOffline(user.id, lastSeenAt);
    }, this.config.presence.offlineGraceMs);
    timer.unref();
    this.offlineTimers.set(user.id, timer);
  }

  async setStatus(user: AuthUser, socketId: string, status: ClientStatus): Promise<void> {
    await this.announce(user.id, await this.store.setSocketStatus(user.id, socketId, status), null);
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

  onModuleDestroy(): void {
    for (const timer of this.offlineTimers.values()) clearTimeout(timer);
    this.offlineTimers.clear();
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

  private cancelOffline(userId: string): void {
    clearTimeout(this.offlineTimers.get(userId));
    this.offlineTimers.delete(userId);
  }
}
