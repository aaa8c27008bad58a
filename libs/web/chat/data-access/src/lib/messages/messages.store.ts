import type { Signal } from '@angular/core';
import { DestroyRef, Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import type { Message, MessageDeleted } from '@supchat/contracts';
import { LIMITS } from '@supchat/constants';
import { SYNC_TIMEOUT_MS } from './catch-up';
import { AuthService } from '@supchat/web/auth/data-access';
import type { Subscription } from 'rxjs';
import { ChatApiService } from '../api/chat-api.service';
import { ChatSocketService } from '../socket/chat-socket.service';
import { catchUp } from './catch-up';
import { ChatOutbox } from './chat-outbox.service';
import { maxRev } from './message-merge';
import type { OutgoingMessage } from './outgoing-message';
import { RevHorizon } from './rev-horizon';
import type { ThreadState, TimelineState } from './timeline-state';
import {
  EMPTY_THREAD,
  EMPTY_TIMELINE,
  deleteFromThread,
  deleteFromTimeline,
  isBeforeWindow,
  mergeIntoThread,
  mergeIntoTimeline,
  trimBefore,
} from './timeline-state';

/** A channel's timeline as the UI shows it: server messages, then this tab's unconfirmed ones. */
export interface ChannelTimeline extends TimelineState {
  outgoing: readonly OutgoingMessage[];
}

/** A thread as the UI shows it. */
export interface ThreadView extends ThreadState {
  outgoing: readonly OutgoingMessage[];
}

export const ACTION_TIMEOUT_MS = 10_000;
const REPLIES_PAGE = LIMITS.historyPage.max;

type BelowWindowChange = { message: Message } | { deletion: MessageDeleted };

/**
 * Messages per channel (top-level timeline) and per thread. Everything that arrives (live events,
 * catch-up pages, REST pages, acks) is merged by id keeping the higher `rev`, so nothing is shown
 * twice and the newest version wins whatever the order. After every `ready` the loaded channels
 * catch up with `sync` from the rev this client is sure of (see RevHorizon). Sends go through the
 * outbox (optimistic, retried with the same clientMessageId until acknowledged).
 */
@Injectable({ providedIn: 'root' })
export class MessagesStore {
  private readonly socket = inject(ChatSocketService);
  private readonly api = inject(ChatApiService);
  private readonly outbox = inject(ChatOutbox);
  private readonly auth = inject(AuthService);

  private readonly timelines = signal<Readonly<Record<string, TimelineState>>>({});
  private readonly threads = signal<Readonly<Record<string, ThreadState>>>({});
  private readonly horizon = new RevHorizon();
  private readonly timelineViews = new Map<string, Signal<ChannelTimeline>>();
  private readonly threadViews = new Map<string, Signal<ThreadView>>();
  private readonly belowWindow = new Map<string, BelowWindowChange[]>();
  private readonly loads = new Map<string, Promise<void>>();
  private userId: string | null = null;

  constructor() {
    effect(() => {
      const userId = this.auth.user()?.id ?? null;
      untracked(() => {
        if (userId !== this.userId) this.reset(userId);
      });
    });
    const live = (message: Message) => {
      this.apply([message]);
      this.horizon.noteLive(message.channelId, message.rev);
    };
    const subscriptions: Subscription[] = [
      this.socket.events('new-message').subscribe(live),
      this.socket.events('message-sent').subscribe(live),
      this.socket.events('message-updated').subscribe(live),
      this.socket.events('message-deleted').subscribe((deletion) => {
        this.applyDeletion(deletion);
        this.horizon.noteLive(deletion.channelId, deletion.rev);
      }),
      this.socket.events('channel-left').subscribe(({ channelId }) => this.forgetChannel(channelId)),
      this.socket.ready$.subscribe(() => {
        this.horizon.onReady();
        void this.catchUp(this.horizon.tracked());
      }),
      this.socket.disconnect$.subscribe(() => this.horizon.onDisconnect()),
      this.outbox.delivered$.subscribe((message) => this.apply([message])),
    ];
    inject(DestroyRef).onDestroy(() => subscriptions.forEach((subscription) => subscription.unsubscribe()));
  }

  /** The channel's timeline (empty and not loaded until `loadLatest`). */
  timeline(channelId: string): Signal<ChannelTimeline> {
    let view = this.timelineViews.get(channelId);
    if (!view) {
      const state = computed(() => this.timelines()[channelId] ?? EMPTY_TIMELINE);
      const outgoing = computed(
        () =>
          this.outbox.entries().filter((entry) => entry.channelId === channelId && entry.parentId === null),
        { equal: sameItems },
      );
      view = computed(() => ({ ...state(), outgoing: outgoing() }));
      this.timelineViews.set(channelId, view);
    }
    return view;
  }

  /** The thread under a top-level message (empty and not loaded until `loadThread`). */
  thread(parentId: string): Signal<ThreadView> {
    let view = this.threadViews.get(parentId);
    if (!view) {
      const state = computed(() => this.threads()[parentId] ?? EMPTY_THREAD);
      const outgoing = computed(() => this.outbox.entries().filter((entry) => entry.parentId === parentId), {
        equal: sameItems,
      });
      view = computed(() => ({ ...state(), outgoing: outgoing() }));
      this.threadViews.set(parentId, view);
    }
    return view;
  }

  /** Loads the newest page once; afterwards live events and catch-up keep the channel current. */
  loadLatest(channelId: string): Promise<void> {
    const state = this.timelines()[channelId];
    if (state?.loaded) return Promise.resolve();
    return this.once(`latest:${channelId}`, () => this.fetchLatest(channelId));
  }

  /** Loads the page before the oldest loaded message (no-op when there is none). */
  loadOlder(channelId: string): Promise<void> {
    const state = this.timelines()[channelId];
    if (!state?.loaded || !state.hasMoreOlder || state.messages.length === 0) return Promise.resolve();
    return this.once(`older:${channelId}`, () => this.fetchOlder(channelId, state.messages[0].seq));
  }

  /** Loads a thread (its parent and every reply) once; live events keep it current. */
  loadThread(parentId: string): Promise<void> {
    if (this.threads()[parentId]?.loaded) return Promise.resolve();
    return this.once(`thread:${parentId}`, () => this.fetchThread(parentId));
  }

  /** Shows the message at once (pending) and sends it through the outbox. */
  send(channelId: string, content: string, parentId: string | null = null): OutgoingMessage {
    const trimmed = content.trim();
    if (trimmed.length === 0) throw new Error('A message cannot be empty');
    return this.outbox.enqueue(channelId, trimmed, parentId);
  }

  /** Sends a failed message again, with its original clientMessageId. */
  retry(clientMessageId: string): void {
    this.outbox.retry(clientMessageId);
  }

  /** Gives up on a failed message. */
  discard(clientMessageId: string): void {
    this.outbox.discard(clientMessageId);
  }

  /** Edits a message (rejects with ChatAckError / ChatTransportError); applies the server's version. */
  async edit(messageId: string, content: string): Promise<Message> {
    const message = await this.socket.request(
      'edit-message',
      { messageId, content },
      { timeoutMs: ACTION_TIMEOUT_MS },
    );
    this.apply([message]);
    return message;
  }

  /** Deletes a message; it stays as a tombstone. */
  async delete(messageId: string): Promise<MessageDeleted> {
    const deletion = await this.socket.request(
      'delete-message',
      { messageId },
      { timeoutMs: ACTION_TIMEOUT_MS },
    );
    this.applyDeletion(deletion);
    return deletion;
  }

  /** Adds the caller's reaction, or removes it if present. */
  async toggleReaction(messageId: string, emoji: string): Promise<Message> {
    const message = await this.socket.request(
      'toggle-reaction',
      { messageId, emoji },
      { timeoutMs: ACTION_TIMEOUT_MS },
    );
    this.apply([message]);
    return message;
  }

  private async fetchLatest(channelId: string): Promise<void> {
    const epoch = this.horizon.epoch;
    const subscribed = this.horizon.subscribed;
    this.setTimeline(channelId, {
      ...(this.timelines()[channelId] ?? EMPTY_TIMELINE),
      loading: true,
      error: null,
    });
    try {
      const page = await this.api.history(channelId, { limit: LIMITS.historyPage.default });
      if (!this.timelines()[channelId]) return;
      this.confirmOwn(page.messages);
      let state = mergeIntoTimeline({ ...this.timelines()[channelId], hasMoreOlder: false }, page.messages);
      const first = page.messages[0];
      if (page.hasMore && first) state = trimBefore(state, first.seq);
      this.setTimeline(channelId, { ...state, hasMoreOlder: page.hasMore, loaded: true, loading: false });
      this.noteSnapshot(channelId, maxRev(page.messages), epoch, subscribed);
    } catch (error) {
      const state = this.timelines()[channelId];
      if (state) this.setTimeline(channelId, { ...state, loading: false, error });
    }
  }

  private async fetchOlder(channelId: string, beforeSeq: number): Promise<void> {
    const start = this.timelines()[channelId];
    if (!start) return;
    this.belowWindow.set(channelId, []);
    this.setTimeline(channelId, { ...start, loadingOlder: true, error: null });
    try {
      const page = await this.api.history(channelId, {
        before: beforeSeq,
        limit: LIMITS.historyPage.default,
      });
      const state = this.timelines()[channelId];
      if (!state) return;
      this.confirmOwn(page.messages);
      let next = mergeIntoTimeline({ ...state, hasMoreOlder: false }, page.messages);
      next = { ...next, hasMoreOlder: page.hasMore, loadingOlder: false };
      // Changes to these older messages that arrived while the page was on its way.
      for (const change of this.belowWindow.get(channelId) ?? []) {
        next =
          'message' in change
            ? mergeIntoTimeline(next, [change.message])
            : deleteFromTimeline(next, change.deletion, new Date().toISOString());
      }
      this.setTimeline(channelId, next);
    } catch (error) {
      const state = this.timelines()[channelId];
      if (state) this.setTimeline(channelId, { ...state, loadingOlder: false, error });
    } finally {
      this.belowWindow.delete(channelId);
    }
  }

  private async fetchThread(parentId: string): Promise<void> {
    const epoch = this.horizon.epoch;
    const subscribed = this.horizon.subscribed;
    const known = this.findTopLevel(parentId);
    const existing = this.threads()[parentId] ?? EMPTY_THREAD;
    this.setThread(parentId, {
      ...mergeIntoThread(existing, parentId, known ? [known] : []),
      loading: true,
      error: null,
    });
    try {
      const parent = known ?? (await this.api.getMessage(parentId));
      const fetched: Message[] = [parent];
      let after = 0;
      for (;;) {
        const page = await this.api.replies(parentId, { after, limit: REPLIES_PAGE });
        fetched.push(...page.messages);
        const last = page.messages.at(-1);
        if (!page.hasMore || !last) break;
        after = last.seq;
      }
      const state = this.threads()[parentId];
      if (!state) return;
      this.confirmOwn(fetched);
      this.setThread(parentId, {
        ...mergeIntoThread(state, parentId, fetched),
        loaded: true,
        loading: false,
      });
      this.noteSnapshot(parent.channelId, maxRev(fetched), epoch, subscribed);
    } catch (error) {
      const state = this.threads()[parentId];
      if (state) this.setThread(parentId, { ...state, loading: false, error });
    }
  }

  private noteSnapshot(channelId: string, rev: number, epoch: number, subscribed: boolean): void {
    const needsCatchUp = this.horizon.noteSnapshot(channelId, rev, epoch, subscribed);
    // Taken while not subscribed: once live again, fetch what happened meanwhile.
    if (needsCatchUp && this.horizon.subscribed) void this.catchUp([channelId]);
  }

  /** `sync` from each channel's horizon, paging while hasMore, merging every page. */
  private catchUp(channelIds: readonly string[]): Promise<void> {
    return catchUp(channelIds, {
      horizon: this.horizon,
      sync: (channels) => this.socket.request('sync', { channels }, { timeoutMs: SYNC_TIMEOUT_MS }),
      apply: (messages) => this.apply(messages),
    });
  }

  /** Merges server messages wherever they belong: top-level ones into timelines, replies into threads. */
  private apply(messages: readonly Message[]): void {
    if (messages.length === 0) return;
    this.confirmOwn(messages);
    const timelines = this.timelines();
    let nextTimelines = timelines;
    for (const message of messages) {
      if (message.parentId !== null) continue;
      const state = nextTimelines[message.channelId];
      if (!state) continue;
      if (state.loadingOlder && isBeforeWindow(state, message)) {
        this.belowWindow.get(message.channelId)?.push({ message });
        continue;
      }
      const merged = mergeIntoTimeline(state, [message]);
      if (merged !== state) nextTimelines = { ...nextTimelines, [message.channelId]: merged };
    }
    if (nextTimelines !== timelines) this.timelines.set(nextTimelines);

    const threads = this.threads();
    let nextThreads = threads;
    for (const [parentId, state] of Object.entries(threads)) {
      const relevant = messages.filter((message) => message.id === parentId || message.parentId === parentId);
      if (relevant.length === 0) continue;
      const merged = mergeIntoThread(state, parentId, relevant);
      if (merged !== state) nextThreads = { ...nextThreads, [parentId]: merged };
    }
    if (nextThreads !== threads) this.threads.set(nextThreads);
  }

  private applyDeletion(deletion: MessageDeleted): void {
    const at = new Date().toISOString();
    const state = this.timelines()[deletion.channelId];
    if (state) {
      const known = state.messages.some((message) => message.id === deletion.id);
      if (!known && state.loadingOlder) this.belowWindow.get(deletion.channelId)?.push({ deletion });
      else this.setTimeline(deletion.channelId, deleteFromTimeline(state, deletion, at));
    }
    const threads = this.threads();
    let nextThreads = threads;
    for (const [parentId, thread] of Object.entries(threads)) {
      if (thread.channelId !== null && thread.channelId !== deletion.channelId) continue;
      const next = deleteFromThread(thread, deletion, at);
      if (next !== thread) nextThreads = { ...nextThreads, [parentId]: next };
    }
    if (nextThreads !== threads) this.threads.set(nextThreads);
  }

  /** The server has our copy of these: their outbox entries are done. */
  private confirmOwn(messages: readonly Message[]): void {
    const me = this.userId;
    for (const message of messages) {
      if (message.authorId === me && message.clientMessageId) this.outbox.confirm(message.clientMessageId);
    }
  }

  private findTopLevel(messageId: string): Message | null {
    for (const state of Object.values(this.timelines())) {
      const found = state.messages.find((message) => message.id === messageId);
      if (found) return found;
    }
    return null;
  }

  private forgetChannel(channelId: string): void {
    this.horizon.forget(channelId);
    const { [channelId]: _dropped, ...timelines } = this.timelines();
    this.timelines.set(timelines);
    const threads = Object.fromEntries(
      Object.entries(this.threads()).filter(([, thread]) => thread.channelId !== channelId),
    );
    this.threads.set(threads);
  }

  private reset(userId: string | null): void {
    this.userId = userId;
    this.horizon.reset();
    this.loads.clear();
    this.belowWindow.clear();
    this.timelines.set({});
    this.threads.set({});
  }

  private setTimeline(channelId: string, state: TimelineState): void {
    if (this.timelines()[channelId] === state) return;
    this.timelines.update((all) => ({ ...all, [channelId]: state }));
  }

  private setThread(parentId: string, state: ThreadState): void {
    if (this.threads()[parentId] === state) return;
    this.threads.update((all) => ({ ...all, [parentId]: state }));
  }

  /** One load per key at a time; a second call shares the first. */
  private once(key: string, load: () => Promise<void>): Promise<void> {
    let pending = this.loads.get(key);
    if (!pending) {
      pending = load().finally(() => {
        if (this.loads.get(key) === pending) this.loads.delete(key);
      });
      this.loads.set(key, pending);
    }
    return pending;
  }
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}
