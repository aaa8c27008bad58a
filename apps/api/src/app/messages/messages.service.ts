import type { OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Inject, Injectable } from '@nestjs/common';
import type {
  ChangesPage,
  Message,
  MessageDeleted,
  MessagePage,
  SyncResult,
  UserSummary,
} from '@supchat/contracts';
import { LIMITS } from '@supchat/contracts';
import type { AuthUser } from '../auth/auth-user';
import { ChannelsService } from '../channels/channels.service';
import type { ChannelRecord, ChannelsRepository } from '../channels/channels.repository';
import { CHANNELS_REPOSITORY } from '../channels/channels.repository';
import type {
  ChannelWriteLease,
  ChannelWriteLock,
  UnbroadcastChanges,
} from '../common/concurrency/channel-write-lock';
import { CHANNEL_WRITE_LOCK } from '../common/concurrency/channel-write-lock';
import { AppError } from '../common/errors/app-error';
import type { SendRateLimiter } from '../common/rate-limit/send-rate-limiter';
import { SEND_RATE_LIMITER } from '../common/rate-limit/send-rate-limiter';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { TypingService } from '../presence/typing.service';
import { RealtimeEmitter } from '../realtime/realtime-emitter';
import { toUserSummary } from '../users/user.mapper';
import type { UsersRepository } from '../users/users.repository';
import { USERS_REPOSITORY } from '../users/users.repository';
import { parseMentions } from './mentions';
import { toMessageDto, unknownAuthor } from './message.mapper';
import type { MessageRecord, MessagesRepository, ReactionChange, TimelineQuery } from './messages.repository';
import { MESSAGES_REPOSITORY, TooManyReactionsError } from './messages.repository';

/** Distinct reactions one message may carry. */
export const MAX_DISTINCT_REACTIONS = 50;

/** A message broadcast again after a crash notifies only if it is this recent (not a flood of old ones). */
const REBROADCAST_NOTIFY_WINDOW_MS = 60_000;

export interface SendInput {
  channelId: string;
  content: string;
  clientMessageId: string | null;
  parentId: string | null;
}

/** Where a request came from: a socket gets `message-sent` itself and is left out of `new-message`. */
export interface Origin {
  socketId: string | null;
  /** When the server received it (`performance.now()`), for the delivery-latency metric. */
  receivedAt: number;
}

export const restOrigin = (): Origin => ({ socketId: null, receivedAt: performance.now() });

/**
 * Messages: send, edit, delete, history and catch-up, one service for the socket and REST. Every
 * write of a channel runs under the channel's write lock and is broadcast only once it is stored,
 * so revs land and are delivered in order (DESIGN section 3). It also puts back on the wire what a
 * crashed instance stored but never broadcast, when the lock finds such a write.
 */
@Injectable()
export class MessagesService implements UnbroadcastChanges, OnModuleInit, OnModuleDestroy {
  constructor(
    @Inject(MESSAGES_REPOSITORY) private readonly messages: MessagesRepository,
    @Inject(CHANNELS_REPOSITORY) private readonly channelsRepository: ChannelsRepository,
    @Inject(USERS_REPOSITORY) private readonly users: UsersRepository,
    @Inject(CHANNEL_WRITE_LOCK) private readonly writeLock: ChannelWriteLock,
    @Inject(SEND_RATE_LIMITER) private readonly rateLimiter: SendRateLimiter,
    private readonly channels: ChannelsService,
    private readonly realtime: RealtimeEmitter,
    private readonly typing: TypingService,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.writeLock.start(this);
  }

  async onModuleDestroy(): Promise<void> {
    await this.writeLock.stop();
  }

  /** Returns the stored message and whether this call created it (false: a repeated clientMessageId). */
  async send(
    caller: AuthUser,
    input: SendInput,
    origin: Origin,
  ): Promise<{ message: Message; created: boolean }> {
    const access = await this.channels.requireMember(caller, input.channelId);
    if (access.channel.archivedAt) throw AppError.forbidden('This channel is archived');
    const decision = await this.rateLimiter.take(caller.id);
    if (!decision.allowed)
      throw AppError.rateLimited(decision.retryAfterMs, 'You are sending messages too fast');
    const mentions = await this.resolveMentions(input.channelId, input.content);

    const result = await this.writeLock.run(input.channelId, async (lease) => {
      // Under the lock: a delete of the parent (which takes it too) lands either before, and the
      // reply is refused, or after. A retry of a reply already stored gets it back whatever
      // happened to the parent since.
      if (input.parentId) {
        const earlier = input.clientMessageId
          ? await this.messages.findByClientId(caller.id, input.clientMessageId)
          : null;
        if (!earlier) await this.assertReplyTarget(input.parentId, input.channelId);
      }
      const persistStart = performance.now();
      const stored = await this.messages.insert({
        channelId: input.channelId,
        authorId: caller.id,
        content: input.content,
        mentions: mentions.userIds,
        mentionsChannel: mentions.channel,
        parentId: input.parentId,
        clientMessageId: input.clientMessageId,
      });
      const persisted = performance.now();
      if (stored.created && this.config.failpoints.has('crash-after-commit'))
        process.kill(process.pid, 'SIGKILL');
      const dto = await this.toDto(stored.message);
      if (stored.created) {
        this.metrics.messagePersisted((persisted - persistStart) / 1000);
        const fanoutStart = performance.now();
        if (origin.socketId) this.realtime.toSocket(origin.socketId, 'message-sent', dto);
        this.realtime.toChannel(input.channelId, origin.socketId, 'new-message', dto);
        lease.broadcast(dto.rev);
        const delivered = performance.now();
        this.metrics.messageDelivered(
          (delivered - fanoutStart) / 1000,
          (delivered - origin.receivedAt) / 1000,
        );
        if (stored.parent) await this.broadcastUpdate(stored.parent, lease);
      }
      return { message: dto, created: stored.created };
    });
    if (!result.created && result.message.channelId !== input.channelId) {
      // The same clientMessageId was used for a message elsewhere: not a retry of this send.
      throw AppError.conflict('This clientMessageId was already used for a message in another channel', {
        field: 'clientMessageId',
      });
    }
    if (result.created) {
      // The indicator ends with the send; failing to say so must not fail the send.
      this.typing.stop(caller.id, input.channelId).catch(() => undefined);
      this.notify(access.channel, result.message);
    }
    return result;
  }

  async edit(caller: AuthUser, messageId: string, content: string): Promise<Message> {
    const current = await this.findMessage(messageId);
    const access = await this.channels.requireMember(caller, current.channelId);
    if (current.authorId !== caller.id) throw AppError.forbidden('Only the author can edit a message');
    if (current.deletedAt) throw AppError.notFound('Message');
    if (access.channel.archivedAt) throw AppError.forbidden('This channel is archived');
    const mentions = await this.resolveMentions(current.channelId, content);
    return this.writeLock.run(current.channelId, async (lease) => {
      const edited = await this.messages.edit(
        messageId,
        { content, mentions: mentions.userIds, mentionsChannel: mentions.channel },
        new Date(),
      );
      if (!edited) throw AppError.notFound('Message');
      const dto = await this.toDto(edited);
      this.realtime.toChannel(edited.channelId, null, 'message-updated', dto);
      lease.broadcast(dto.rev);
      return dto;
    });
  }

  /** The author, the channel's owners and admins, and global admins may delete. */
  async delete(caller: AuthUser, messageId: string): Promise<MessageDeleted> {
    const current = await this.findMessage(messageId);
    const membership = await this.channelsRepository.findMembership(current.channelId, caller.id);
    if (!membership && caller.role !== 'admin')
      throw AppError.forbidden('You are not a member of this channel');
    if (current.authorId !== caller.id && !this.channels.canManage(caller, membership)) {
      throw AppError.forbidden('Only the author or a channel owner or admin can delete a message');
    }
    return this.writeLock.run(current.channelId, async (lease) => {
      const result = await this.messages.softDelete(messageId, new Date());
      if (!result) throw AppError.notFound('Message');
      const { message } = result;
      const event: MessageDeleted = { id: message.id, channelId: message.channelId, rev: message.rev };
      if (result.changed) {
        this.realtime.toChannel(message.channelId, null, 'message-deleted', event);
        lease.broadcast(event.rev);
      }
      if (result.parent) await this.broadcastUpdate(result.parent, lease);
      return event;
    });
  }

  /** Adds, removes or toggles the caller's reaction; `message-updated` goes out when it changed. */
  async react(caller: AuthUser, messageId: string, emoji: string, change: ReactionChange): Promise<Message> {
    const current = await this.findMessage(messageId);
    const access = await this.channels.requireMember(caller, current.channelId);
    if (current.deletedAt) throw AppError.notFound('Message');
    if (access.channel.archivedAt) throw AppError.forbidden('This channel is archived');
    return this.writeLock.run(current.channelId, async (lease) => {
      let result;
      try {
        result = await this.messages.react(messageId, emoji, caller.id, change, MAX_DISTINCT_REACTIONS);
      } catch (error) {
        if (error instanceof TooManyReactionsError) {
          throw AppError.conflict(`A message can have at most ${error.limit} different reactions`, {
            limit: error.limit,
          });
        }
        throw error;
      }
      if (!result) throw AppError.notFound('Message');
      const dto = await this.toDto(result.message);
      if (result.changed) {
        this.realtime.toChannel(dto.channelId, null, 'message-updated', dto);
        lease.broadcast(dto.rev);
      }
      return dto;
    });
  }

  /** A thread's replies; readable even after its parent was deleted. */
  async replies(caller: AuthUser, parentId: string, after: number, limit: number): Promise<MessagePage> {
    const parent = await this.findMessage(parentId);
    await this.channels.requireMember(caller, parent.channelId);
    const page = await this.messages.replies(parentId, after, limit);
    return { messages: await this.toDtos(page.messages), hasMore: page.hasMore };
  }

  async get(caller: AuthUser, messageId: string): Promise<Message> {
    const message = await this.findMessage(messageId);
    await this.channels.requireMember(caller, message.channelId);
    return this.toDto(message);
  }

  async history(caller: AuthUser, channelId: string, query: TimelineQuery): Promise<MessagePage> {
    await this.channels.requireMember(caller, channelId);
    const page = await this.messages.timeline(channelId, query);
    return { messages: await this.toDtos(page.messages), hasMore: page.hasMore };
  }

  async changes(caller: AuthUser, channelId: string, sinceRev: number, limit: number): Promise<ChangesPage> {
    await this.channels.requireMember(caller, channelId);
    const page = await this.messages.changes(channelId, sinceRev, limit);
    return { messages: await this.toDtos(page.messages), lastRev: page.lastRev, hasMore: page.hasMore };
  }

  /** Catch-up for several channels at once; every one must be the caller's. */
  async sync(
    caller: AuthUser,
    channels: readonly { channelId: string; sinceRev: number }[],
  ): Promise<SyncResult> {
    const mine = new Set(await this.channelsRepository.channelIdsForUser(caller.id));
    const foreign = channels.map((entry) => entry.channelId).filter((channelId) => !mine.has(channelId));
    if (foreign.length > 0) {
      throw new AppError('FORBIDDEN', 'You are not a member of some of these channels', {
        channelIds: foreign,
      });
    }
    // One reply holds at most LIMITS.syncMessages messages: channels past the budget come back
    // empty with hasMore (the first channel is always served, so a client paging on makes progress).
    let budget: number = LIMITS.syncMessages;
    const results: SyncResult['channels'] = [];
    for (const { channelId, sinceRev } of channels) {
      if (budget === 0) {
        results.push({ channelId, messages: [], lastRev: sinceRev, hasMore: true });
        continue;
      }
      const page = await this.messages.changes(
        channelId,
        sinceRev,
        Math.min(LIMITS.changesPage.default, budget),
      );
      budget -= page.messages.length;
      results.push({
        channelId,
        messages: await this.toDtos(page.messages),
        lastRev: page.lastRev,
        hasMore: page.hasMore,
      });
    }
    return { channels: results };
  }

  recovered(outcome: 'rebroadcast' | 'nothing' | 'failed'): void {
    this.metrics.writeRecovered(outcome);
  }

  async currentRev(channelId: string): Promise<number> {
    return (await this.channelsRepository.findById(channelId))?.lastRev ?? 0;
  }

  /**
   * Every change above `sinceRev` as the event it would have gone out as: a message unchanged since
   * it was created as `new-message` (with its notifications, which went out after the broadcast and
   * so never did either, when it is recent, and to mentioned people still in the channel), a
   * tombstone as `message-deleted`, anything else as `message-updated`. Called under the channel's
   * write lock, when a writer died before broadcasting (the lock knows).
   */
  async rebroadcast(channelId: string, sinceRev: number): Promise<number> {
    const channel = await this.channelsRepository.findById(channelId);
    let rev = sinceRev;
    for (;;) {
      const page = await this.messages.changes(channelId, rev, LIMITS.changesPage.max);
      for (const message of await this.toDtos(page.messages)) {
        if (message.deletedAt) {
          const event = { id: message.id, channelId, rev: message.rev };
          this.realtime.toChannel(channelId, null, 'message-deleted', event);
        } else if (message.rev === message.seq) {
          this.realtime.toChannel(channelId, null, 'new-message', message);
          if (channel && Date.now() - Date.parse(message.createdAt) < REBROADCAST_NOTIFY_WINDOW_MS) {
            const mentions = await this.channelsRepository.filterMembers(channelId, message.mentions);
            this.notify(channel, { ...message, mentions });
          }
        } else {
          this.realtime.toChannel(channelId, null, 'message-updated', message);
        }
      }
      rev = page.lastRev;
      if (!page.hasMore) return rev;
    }
  }

  private async broadcastUpdate(message: MessageRecord, lease: ChannelWriteLease): Promise<void> {
    this.realtime.toChannel(message.channelId, null, 'message-updated', await this.toDto(message));
    lease.broadcast(message.rev);
  }

  private async findMessage(messageId: string): Promise<MessageRecord> {
    const message = await this.messages.findById(messageId);
    if (!message) throw AppError.notFound('Message');
    return message;
  }

  /** A reply's parent must be a live top-level message of the same channel. */
  private async assertReplyTarget(parentId: string, channelId: string): Promise<void> {
    const parent = await this.messages.findById(parentId);
    if (!parent || parent.channelId !== channelId || parent.deletedAt)
      throw AppError.notFound('Parent message');
    if (parent.parentId) {
      throw AppError.validation([
        { path: 'parentId', message: 'replies cannot have replies; reply to the thread' },
      ]);
    }
  }

  /** `@username` counts only for members of the channel; `@channel`/`@here`/`@everyone` for everybody. */
  private async resolveMentions(
    channelId: string,
    content: string,
  ): Promise<{ userIds: string[]; channel: boolean }> {
    const parsed = parseMentions(content);
    if (parsed.usernames.length === 0) return { userIds: [], channel: parsed.channel };
    const users = await this.users.findByUsernames(parsed.usernames);
    const members = await this.channelsRepository.filterMembers(
      channelId,
      users.map((user) => user.id),
    );
    return { userIds: members.sort(), channel: parsed.channel };
  }

  /**
   * `notification` events: direct conversations notify every other member; elsewhere mentioned
   * members (or everybody, for @channel) are notified. Never the author.
   */
  private notify(channel: ChannelRecord, message: Message): void {
    const from = message.author;
    const preview = [...message.content].slice(0, LIMITS.notificationPreview).join('');
    const base = { channelId: message.channelId, messageId: message.id, from, preview };
    if (channel.type === 'direct') {
      this.realtime.toChannelExceptUser(message.channelId, from.id, 'notification', {
        kind: 'direct',
        ...base,
      });
      return;
    }
    if (message.mentionsChannel) {
      this.realtime.toChannelExceptUser(message.channelId, from.id, 'notification', {
        kind: 'mention',
        ...base,
      });
      return;
    }
    const mentioned = message.mentions.filter((userId) => userId !== from.id);
    this.realtime.toUsers(mentioned, 'notification', { kind: 'mention', ...base });
  }

  private async toDto(message: MessageRecord): Promise<Message> {
    return (await this.toDtos([message]))[0];
  }

  private async toDtos(messages: readonly MessageRecord[]): Promise<Message[]> {
    const authorIds = [...new Set(messages.map((message) => message.authorId))];
    const authors = new Map<string, UserSummary>(
      (await this.users.findByIds(authorIds)).map((user) => [user.id, toUserSummary(user)]),
    );
    return messages.map((message) =>
      toMessageDto(message, authors.get(message.authorId) ?? unknownAuthor(message.authorId)),
    );
  }
}
