import type { OnModuleDestroy } from '@nestjs/common';
import { Inject, Injectable } from '@nestjs/common';
import type { UserSummary } from '@supchat/contracts';
import type { AuthUser } from '../auth/auth-user';
import { ChannelsService } from '../channels/channels.service';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/app-config';
import { RealtimeEmitter } from '../realtime/realtime-emitter';
import { toUserSummary } from '../users/user.mapper';
import type { UsersRepository } from '../users/users.repository';
import { USERS_REPOSITORY } from '../users/users.repository';

interface TypingState {
  user: UserSummary;
  lastForwardedAt: number;
  expiry: NodeJS.Timeout;
}

/**
 * "Alice is typing…": forwarded to the channel except the typist's own sockets, at most once per
 * throttle window per user and channel; it stops by itself after the timeout without a refresh,
 * when the typist says so, or when they send.
 */
@Injectable()
export class TypingService implements OnModuleDestroy {
  private readonly active = new Map<string, TypingState>();

  constructor(
    @Inject(USERS_REPOSITORY) private readonly users: UsersRepository,
    private readonly channels: ChannelsService,
    private readonly realtime: RealtimeEmitter,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async typing(caller: AuthUser, channelId: string, isTyping: boolean): Promise<void> {
    await this.channels.requireMember(caller, channelId);
    if (!isTyping) {
      this.stop(caller.id, channelId);
      return;
    }
    const key = keyOf(caller.id, channelId);
    const now = Date.now();
    const state = this.active.get(key);
    if (state) {
      state.expiry.refresh();
      if (now - state.lastForwardedAt < this.config.typing.throttleMs) return;
      state.lastForwardedAt = now;
      this.realtime.toChannelExceptUser(channelId, caller.id, 'typing', {
        channelId,
        user: state.user,
        isTyping: true,
      });
      return;
    }
    const user = await this.users.findById(caller.id);
    if (!user) return;
    const expiry = setTimeout(() => this.stop(caller.id, channelId), this.config.typing.timeoutMs);
    expiry.unref();
    const started: TypingState = { user: toUserSummary(user), lastForwardedAt: now, expiry };
    this.active.set(key, started);
    this.realtime.toChannelExceptUser(channelId, caller.id, 'typing', {
      channelId,
      user: started.user,
      isTyping: true,
    });
  }

  /** Ends the indicator, if one is shown (sending a message ends it too). */
  stop(userId: string, channelId: string): void {
    const key = keyOf(userId, channelId);
    const state = this.active.get(key);
    if (!state) return;
    clearTimeout(state.expiry);
    this.active.delete(key);
    this.realtime.toChannelExceptUser(channelId, userId, 'typing', {
      channelId,
      user: state.user,
      isTyping: false,
    });
  }

  onModuleDestroy(): void {
    for (const state of this.active.values()) clearTimeout(state.expiry);
    this.active.clear();
  }
}

const keyOf = (userId: string, channelId: string) => `${userId}:${channelId}`;
