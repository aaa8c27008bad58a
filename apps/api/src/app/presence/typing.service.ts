import type { OnModuleDestroy } from '@nestjs/common';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { UserSummary } from '@supchat/contracts';
import type { AuthUser } from '../auth/auth-user';
import { ChannelsService } from '../channels/channels.service';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/app-config';
import { RealtimeEmitter } from '../realtime/realtime-emitter';
import { toUserSummary } from '../users/user.mapper';
import type { UsersRepository } from '../users/users.repository';
import { USERS_REPOSITORY } from '../users/users.repository';
import type { TypingStore } from './typing.store';
import { TYPING_STORE } from './typing.store';

/** Summaries of typists kept for their next events (bounded: cleared when full). */
const SUMMARY_CACHE = 10_000;

/**
 * "Alice is typing…": forwarded to the channel except the typist's own sockets, at most once per
 * throttle window per user and channel (across instances when the store is shared); it stops by
 * itself after the timeout without a refresh, when the typist says so, or when they send.
 */
@Injectable()
export class TypingService implements OnModuleDestroy {
  private readonly logger = new Logger('TypingService');
  /** This instance's timeout checks, per user and channel it saw a refresh of. */
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly summaries = new Map<string, UserSummary>();

  constructor(
    @Inject(TYPING_STORE) private readonly store: TypingStore,
    @Inject(USERS_REPOSITORY) private readonly users: UsersRepository,
    private readonly channels: ChannelsService,
    private readonly realtime: RealtimeEmitter,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async typing(caller: AuthUser, channelId: string, isTyping: boolean): Promise<void> {
    await this.channels.requireMember(caller, channelId);
    if (!isTyping) {
      await this.stop(caller.id, channelId);
      return;
    }
    const user = await this.summaryOf(caller.id);
    if (!user) return;
    const { throttleMs, timeoutMs } = this.config.typing;
    const refresh = await this.store.refresh(caller.id, channelId, throttleMs, timeoutMs);
    this.scheduleTimeout(caller.id, channelId);
    if (refresh.forward) {
      this.realtime.toChannelExceptUser(channelId, caller.id, 'typing', { channelId, user, isTyping: true });
    }
  }

  /** Ends the indicator, if one is shown (sending a message ends it too). */
  async stop(userId: string, channelId: string): Promise<void> {
    this.clearTimeout(userId, channelId);
    if (await this.store.stop(userId, channelId)) await this.announceStop(userId, channelId);
  }

  onModuleDestroy(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private scheduleTimeout(userId: string, channelId: string): void {
    this.clearTimeout(userId, channelId);
    const key = keyOf(userId, channelId);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.store
        .expireIfIdle(userId, channelId, this.config.typing.timeoutMs)
        .then((ended) => (ended ? this.announceStop(userId, channelId) : undefined))
        .catch((error: unknown) =>
          this.logger.warn(
            `typing timeout failed: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
    }, this.config.typing.timeoutMs);
    timer.unref();
    this.timers.set(key, timer);
  }

  private clearTimeout(userId: string, channelId: string): void {
    const key = keyOf(userId, channelId);
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  private async announceStop(userId: string, channelId: string): Promise<void> {
    const user = await this.summaryOf(userId);
    if (user)
      this.realtime.toChannelExceptUser(channelId, userId, 'typing', { channelId, user, isTyping: false });
  }

  private async summaryOf(userId: string): Promise<UserSummary | null> {
    const cached = this.summaries.get(userId);
    if (cached) return cached;
    const user = await this.users.findById(userId);
    if (!user) return null;
    if (this.summaries.size >= SUMMARY_CACHE) this.summaries.clear();
    const summary = toUserSummary(user);
    this.summaries.set(userId, summary);
    return summary;
  }
}

const keyOf = (userId: string, channelId: string) => `${userId}:${channelId}`;
