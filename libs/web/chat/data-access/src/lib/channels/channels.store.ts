import { DestroyRef, Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import type {
  Channel,
  CreateChannelRequest,
  Message,
  ReadState,
  UpdateChannelRequest,
} from '@supchat/contracts';
import { AuthService } from '@supchat/web/auth/data-access';
import type { Subscription } from 'rxjs';
import { ChatApiService } from '../api/chat-api.service';
import { BrowserState } from '../browser/browser-state';
import { ChatSocketService } from '../socket/chat-socket.service';
import type { MessageCount } from './unread-rules';
import { applyCount, attentionCount, byName, countOf, withDirectMentions } from './unread-rules';

interface CountedMessage extends MessageCount {
  seq: number;
}

/** At most one `mark-read` per channel per this long (the latest seq goes out at the end). */
export const MARK_READ_THROTTLE_MS = 1_000;
const MARK_READ_TIMEOUT_MS = 10_000;

/**
 * The caller's channels and direct conversations with their read state, and which one is open.
 * Loaded on every `ready` (so a reconnect brings the counts back in line with the server) and kept
 * current by the socket: channel-joined / -left / -updated, read-state, and new messages (lastSeq,
 * unread and mention counts of channels the user is not reading).
 *
 * "Reading" a channel means it is selected and the page is visible. New messages there are marked
 * read at once; `select()` marks the opened channel read (remember `readMarker()` first for a
 * "new messages" line), and so does the page becoming visible again.
 */
@Injectable({ providedIn: 'root' })
export class ChannelsStore {
  private readonly api = inject(ChatApiService);
  private readonly socket = inject(ChatSocketService);
  private readonly auth = inject(AuthService);
  private readonly browser = inject(BrowserState);

  private readonly entities = signal<Readonly<Record<string, Channel>>>({});
  private readonly selected = signal<string | null>(null);
  private readonly markerAtOpen = signal<number | null>(null);
  private readonly isLoaded = signal(false);
  private readonly loadError = signal<unknown>(null);
  /** Per channel, the highest seq already reflected in the counts (a message is counted once). */
  private readonly countedUpTo = new Map<string, number>();
  /**
   * Per channel, the messages this tab counted live, by id: a deletion, or an edit that adds or
   * removes a mention, corrects the counts at once instead of at the next load.
   */
  private readonly countedLive = new Map<string, Map<string, CountedMessage>>();
  /** Per channel, the highest seq asked to be marked read. */
  private readonly requestedRead = new Map<string, number>();
  private readonly sentRead = new Map<string, number>();
  private readonly readTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private pendingLoad: Promise<void> | null = null;
  private reloadRequested = false;
  private userId: string | null = null;

  /** Every channel of the caller, by name. */
  readonly all = computed(() => Object.values(this.entities()).sort(byName));
  /** Public and private channels, by name. */
  readonly channels = computed(() => this.all().filter((channel) => channel.type !== 'direct'));
  /** Direct conversations, by name. */
  readonly directs = computed(() => this.all().filter((channel) => channel.type === 'direct'));
  /** Channels by id. */
  readonly byId = this.entities.asReadonly();
  readonly selectedChannelId = this.selected.asReadonly();
  readonly selectedChannel = computed(() => {
    const id = this.selected();
    return id === null ? null : (this.entities()[id] ?? null);
  });
  /**
   * The selected channel's lastReadSeq as it was when it was opened (before `select` marked it read):
   * where to draw a "new messages" line.
   */
  readonly readMarker = this.markerAtOpen.asReadonly();
  /** Unread messages (or mentions, if more) over all channels: for the tab title. */
  readonly totalUnread = computed(() =>
    Object.values(this.entities()).reduce((sum, channel) => sum + attentionCount(channel), 0),
  );
  readonly totalMentions = computed(() =>
    Object.values(this.entities()).reduce((sum, channel) => sum + channel.mentionCount, 0),
  );
  readonly loaded = this.isLoaded.asReadonly();
  readonly error = this.loadError.asReadonly();

  constructor() {
    effect(() => {
      this.auth.user();
      untracked(() => this.followUser());
    });
    const subscriptions: Subscription[] = [
      this.socket.ready$.subscribe(() => void this.load().catch(() => undefined)),
      this.socket.events('channel-joined').subscribe((channel) => this.upsert(channel)),
      this.socket.events('channel-left').subscribe(({ channelId }) => this.remove(channelId)),
      this.socket.events('channel-updated').subscribe((channel) => this.onChannelUpdated(channel)),
      this.socket.events('read-state').subscribe((state) => this.applyReadState(state)),
      this.socket.events('new-message').subscribe((message) => this.onMessage(message)),
      this.socket.events('message-sent').subscribe((message) => this.onMessage(message)),
      this.socket.events('message-updated').subscribe((message) => this.onMessageUpdated(message)),
      this.socket
        .events('message-deleted')
        .subscribe(({ id, channelId }) => this.uncount(channelId, id, null)),
      this.browser.visibility$.subscribe((visible) => {
        const channel = this.selectedChannel();
        if (visible && channel) this.markRead(channel.id, channel.lastSeq);
      }),
    ];
    const destroyRef = inject(DestroyRef);
    destroyRef.onDestroy(() => {
      subscriptions.forEach((subscription) => subscription.unsubscribe());
      this.clearReadTimers();
    });
  }

  /** (Re)loads the caller's channels; concurrent calls share one request (and a later one follows). */
  load(): Promise<void> {
    if (this.pendingLoad) {
      this.reloadRequested = true;
      return this.pendingLoad;
    }
    const run = async (): Promise<void> => {
      do {
        this.reloadRequested = false;
        // The signed-in user is read now, not when the effect above gets to run: a load that starts
        // first must neither be wiped by that effect's reset nor thrown away as another user's.
        const userId = this.followUser();
        try {
          const channels = await this.api.listChannels();
          if (userId !== this.followUser()) {
            // The user changed during the request: load again for the new one (none after sign-out).
            this.reloadRequested = this.userId !== null;
            continue;
          }
          this.replaceAll(channels);
          this.loadError.set(null);
          this.isLoaded.set(true);
        } catch (error) {
          if (userId === this.userId) this.loadError.set(error);
          throw error;
        }
      } while (this.reloadRequested);
    };
    this.pendingLoad = run().finally(() => {
      this.pendingLoad = null;
    });
    return this.pendingLoad;
  }

  /** Opens a channel (null: none) and marks it read up to its newest message. */
  select(channelId: string | null): void {
    if (channelId === this.selected()) return;
    this.selected.set(channelId);
    const channel = channelId === null ? null : this.entities()[channelId];
    this.markerAtOpen.set(channel ? channel.lastReadSeq : null);
    if (channel && this.browser.visible()) this.markRead(channel.id, channel.lastSeq);
  }

  /**
   * Moves the read marker forward to `seq` (never backwards): at once when nothing went out for this
   * channel lately, else once the throttle interval ends, with the highest seq asked meanwhile.
   */
  markRead(channelId: string, seq: number): void {
    const channel = this.entities()[channelId];
    if (!channel) return;
    const floor = Math.max(channel.lastReadSeq, this.requestedRead.get(channelId) ?? 0);
    if (seq <= floor) return;
    this.requestedRead.set(channelId, seq);
    if (seq >= channel.lastSeq && (channel.unreadCount > 0 || channel.mentionCount > 0)) {
      // Optimistic: the badge goes at once; the ack brings the server's numbers.
      this.put({ ...channel, unreadCount: 0, mentionCount: 0 });
    }
    if (!this.readTimers.has(channelId)) this.flushRead(channelId);
  }

  async create(request: CreateChannelRequest): Promise<Channel> {
    return this.upsert(await this.api.createChannel(request));
  }

  /** Public channels to join (not stored). */
  browse(q?: string): Promise<Channel[]> {
    return this.api.browseChannels(q);
  }

  async join(channelId: string): Promise<Channel> {
    return this.upsert(await this.api.joinChannel(channelId));
  }

  async leave(channelId: string): Promise<void> {
    await this.api.leaveChannel(channelId);
    this.remove(channelId);
  }

  /** The direct conversation with these people (created if needed). */
  async openDirect(userIds: readonly string[]): Promise<Channel> {
    return this.upsert(await this.api.openDirect(userIds));
  }

  async update(channelId: string, request: UpdateChannelRequest): Promise<Channel> {
    const channel = await this.api.updateChannel(channelId, request);
    this.onChannelUpdated(channel);
    return this.entities()[channelId] ?? channel;
  }

  async archive(channelId: string): Promise<Channel> {
    const channel = await this.api.archiveChannel(channelId);
    this.onChannelUpdated(channel);
    return this.entities()[channelId] ?? channel;
  }

  private flushRead(channelId: string): void {
    const seq = this.requestedRead.get(channelId) ?? 0;
    if (seq <= (this.sentRead.get(channelId) ?? 0)) return;
    this.sentRead.set(channelId, seq);
    this.readTimers.set(
      channelId,
      setTimeout(() => {
        this.readTimers.delete(channelId);
        this.flushRead(channelId);
      }, MARK_READ_THROTTLE_MS),
    );
    this.socket
      .request('mark-read', { channelId, seq }, { timeoutMs: MARK_READ_TIMEOUT_MS })
      .then((state) => this.applyReadState(state))
      .catch(() => {
        // Not sent or not answered: allow it again; the next load (on reconnect) sends it.
        if (this.sentRead.get(channelId) === seq) this.sentRead.delete(channelId);
      });
  }

  private applyReadState(state: ReadState): void {
    const channel = this.entities()[state.channelId];
    if (!channel || state.lastReadSeq < channel.lastReadSeq) return;
    this.put(withDirectMentions({ ...channel, ...state }));
    // Read now: no longer in the counts.
    const counted = this.countedLive.get(state.channelId);
    for (const [id, entry] of counted ?? []) if (entry.seq <= state.lastReadSeq) counted?.delete(id);
  }

  private onMessage(message: Message): void {
    const channel = this.entities()[message.channelId];
    if (!channel) return;
    const counted = this.countedUpTo.get(channel.id) ?? knownUpTo(channel);
    if (message.seq <= counted) return;
    this.countedUpTo.set(channel.id, message.seq);
    const topLevel = message.parentId === null;
    let next: Channel = {
      ...channel,
      lastRev: Math.max(channel.lastRev, message.rev),
      lastSeq: topLevel ? Math.max(channel.lastSeq, message.seq) : channel.lastSeq,
    };
    const fromOthers = message.authorId !== this.userId && message.deletedAt === null;
    if (fromOthers && !this.isReading(channel.id)) {
      const count = countOf(channel, message, this.userId ?? '');
      next = applyCount(next, count, 1);
      let counted = this.countedLive.get(channel.id);
      if (!counted) this.countedLive.set(channel.id, (counted = new Map()));
      counted.set(message.id, { ...count, seq: message.seq });
    }
    this.put(next);
    if (fromOthers && topLevel && this.isReading(channel.id)) this.markRead(channel.id, message.seq);
  }

  /** An edit of a message counted live may add or remove a mention of the user. */
  private onMessageUpdated(message: Message): void {
    const channel = this.entities()[message.channelId];
    const counted = this.countedLive.get(message.channelId)?.get(message.id);
    if (!channel || !counted || message.deletedAt !== null) return;
    const now = countOf(channel, message, this.userId ?? '');
    if (now.mention === counted.mention) return;
    this.uncount(message.channelId, message.id, now);
  }

  /**
   * Takes a message counted live back out of the counts while it is still unread (deleted: `now`
   * null), or counts it again as `now` (edited).
   */
  private uncount(channelId: string, messageId: string, now: MessageCount | null): void {
    const counted = this.countedLive.get(channelId);
    const entry = counted?.get(messageId);
    const channel = this.entities()[channelId];
    if (!counted || !entry || !channel) return;
    counted.delete(messageId);
    if (entry.seq <= channel.lastReadSeq) return;
    let next = applyCount(channel, entry, -1);
    if (now) {
      next = applyCount(next, now, 1);
      counted.set(messageId, { ...now, seq: entry.seq });
    }
    this.put(next);
  }

  private onChannelUpdated(incoming: Channel): void {
    const current = this.entities()[incoming.id];
    if (!current) return;
    // Its read fields are zero, not ours.
    this.put({
      ...incoming,
      lastSeq: Math.max(current.lastSeq, incoming.lastSeq),
      lastRev: Math.max(current.lastRev, incoming.lastRev),
      lastReadSeq: current.lastReadSeq,
      unreadCount: current.unreadCount,
      mentionCount: current.mentionCount,
    });
  }

  private isReading(channelId: string): boolean {
    return this.selected() === channelId && this.browser.visible();
  }

  private replaceAll(channels: readonly Channel[]): void {
    const next: Record<string, Channel> = {};
    for (const channel of channels) {
      next[channel.id] = withDirectMentions(channel);
      this.countedUpTo.set(channel.id, Math.max(this.countedUpTo.get(channel.id) ?? 0, knownUpTo(channel)));
    }
    this.entities.set(next);
    for (const channel of channels) {
      // A marker that did not reach the server (offline) goes out now.
      const requested = this.requestedRead.get(channel.id) ?? 0;
      if (requested > channel.lastReadSeq) {
        this.sentRead.delete(channel.id);
        this.requestedRead.delete(channel.id);
        this.markRead(channel.id, requested);
      }
    }
    const selected = this.selected();
    if (selected !== null && next[selected]) {
      // Opened before the list arrived (a deep link): the marker is known only now.
      if (this.markerAtOpen() === null) this.markerAtOpen.set(next[selected].lastReadSeq);
      if (this.isReading(selected)) this.markRead(selected, next[selected].lastSeq);
    }
  }

  private upsert(channel: Channel): Channel {
    const stored = withDirectMentions(channel);
    this.countedUpTo.set(channel.id, Math.max(this.countedUpTo.get(channel.id) ?? 0, knownUpTo(channel)));
    this.put(stored);
    return stored;
  }

  private put(channel: Channel): void {
    this.entities.update((all) => ({ ...all, [channel.id]: channel }));
  }

  private remove(channelId: string): void {
    if (!this.entities()[channelId]) return;
    const { [channelId]: _removed, ...rest } = this.entities();
    this.entities.set(rest);
    this.countedUpTo.delete(channelId);
    this.countedLive.delete(channelId);
    this.requestedRead.delete(channelId);
    this.sentRead.delete(channelId);
    if (this.selected() === channelId) {
      this.selected.set(null);
      this.markerAtOpen.set(null);
    }
  }

  /** Resets the state when the signed-in user is not the one it holds; returns the signed-in user id. */
  private followUser(): string | null {
    const userId = untracked(() => this.auth.user()?.id ?? null);
    if (userId !== this.userId) this.reset(userId);
    return userId;
  }

  private reset(userId: string | null): void {
    this.userId = userId;
    this.entities.set({});
    this.selected.set(null);
    this.markerAtOpen.set(null);
    this.isLoaded.set(false);
    this.loadError.set(null);
    this.countedUpTo.clear();
    this.countedLive.clear();
    this.requestedRead.clear();
    this.sentRead.clear();
    this.clearReadTimers();
  }

  private clearReadTimers(): void {
    for (const timer of this.readTimers.values()) clearTimeout(timer);
    this.readTimers.clear();
  }
}

/** Every message with a seq up to this is reflected in the channel's counts. */
function knownUpTo(channel: Channel): number {
  return Math.max(channel.lastRev, channel.lastSeq);
}
