import type { Signal } from '@angular/core';
import { DestroyRef, Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import type { Channel, ChannelMember, UserSummary } from '@supchat/contracts';
import { AuthService } from '@supchat/web/auth/data-access';
import type { Subscription } from 'rxjs';
import { ChatApiService } from '../api/chat-api.service';
import { ChannelsStore } from '../channels/channels.store';
import { PresenceStore } from '../presence/presence.store';
import { ChatSocketService } from '../socket/chat-socket.service';

/** Members fetched per request. */
export const MEMBERS_PAGE = 200;

export interface MembersState {
  /** By user id (the server's order). */
  members: readonly ChannelMember[];
  loading: boolean;
  /** Every member is loaded. */
  complete: boolean;
  error: unknown;
}

export interface MemberWithPresence extends ChannelMember {
  /** Live presence (the member's `presence` is the one of when the page was fetched). */
  status: ChannelMember['presence']['status'];
}

const EMPTY: MembersState = { members: [], loading: false, complete: false, error: null };

/**
 * Members of channels (GET /api/channels/:id/members, paged by user id) for the member list and
 * @-mention autocomplete; their presence goes to the PresenceStore, which keeps it live.
 *
 * The members on screen are kept current: those of the open channel (loaded again each time it is
 * opened) and of one-to-one conversations (the other person's presence in the sidebar). They are
 * fetched again, as far as they were paged, after every `ready` (presence and membership may have
 * changed while disconnected), when a `channel-updated` brings another member count, and when the
 * user joins again. There is no REST route for the presence of a list of users, so this is also how
 * presence is refreshed after a reconnect. Other channels are loaded again when opened.
 */
@Injectable({ providedIn: 'root' })
export class MembersStore {
  private readonly api = inject(ChatApiService);
  private readonly presence = inject(PresenceStore);
  private readonly channels = inject(ChannelsStore);

  private readonly byChannel = signal<Readonly<Record<string, MembersState>>>({});
  private readonly views = new Map<string, Signal<MembersState>>();
  private readonly withPresenceViews = new Map<string, Signal<readonly MemberWithPresence[]>>();
  /** Per channel, the member count the loaded list corresponds to (to notice changes). */
  private readonly memberCounts = new Map<string, number>();
  /** Channels to fetch again once their load on the way is done (it may predate a change). */
  private readonly staleWhileLoading = new Set<string>();
  /** Bumped on every user switch: answers for the previous user are dropped. */
  private generation = 0;

  /** One-to-one conversations: their member lists are tiny and show the other person's presence. */
  private readonly oneToOne = computed(
    () =>
      this.channels
        .directs()
        .filter((channel) => channel.memberCount === 2)
        .map((channel) => channel.id),
    { equal: sameItems },
  );

  constructor() {
    const auth = inject(AuthService);
    const socket = inject(ChatSocketService);
    effect(() => {
      auth.user();
      untracked(() => {
        this.generation++;
        this.byChannel.set({});
        this.memberCounts.clear();
        this.staleWhileLoading.clear();
      });
    });
    // The open channel's members are fetched each time it is opened.
    effect(() => {
      const selected = this.channels.selectedChannelId();
      untracked(() => {
        if (selected !== null) this.quietly(this.load(selected));
      });
    });
    // One-to-one conversations once each (untracked: loading writes the state this must not follow).
    effect(() => {
      const pairs = this.oneToOne();
      untracked(() => {
        for (const id of pairs) if (!this.byChannel()[id]) this.quietly(this.load(id));
      });
    });
    const subscriptions: Subscription[] = [
      socket.ready$.subscribe(() => {
        for (const id of this.shown()) this.refresh(id);
      }),
      socket.events('channel-updated').subscribe((channel) => this.onChannelUpdated(channel)),
      // Joined again (or added back): the list held from before is out of date.
      socket.events('channel-joined').subscribe((channel) => {
        this.memberCounts.set(channel.id, channel.memberCount);
        if (this.isShown(channel.id)) this.refresh(channel.id);
      }),
      socket.events('channel-left').subscribe(({ channelId }) => this.forget(channelId)),
    ];
    inject(DestroyRef).onDestroy(() => subscriptions.forEach((subscription) => subscription.unsubscribe()));
  }

  members(channelId: string): Signal<MembersState> {
    let view = this.views.get(channelId);
    if (!view) {
      view = computed(() => this.byChannel()[channelId] ?? EMPTY);
      this.views.set(channelId, view);
    }
    return view;
  }

  /** The loaded members with their live presence status. */
  membersWithPresence(channelId: string): Signal<readonly MemberWithPresence[]> {
    let view = this.withPresenceViews.get(channelId);
    if (!view) {
      const members = this.members(channelId);
      view = computed(() =>
        members().members.map((member) => ({ ...member, status: this.presence.statusOf(member.user.id) })),
      );
      this.withPresenceViews.set(channelId, view);
    }
    return view;
  }

  /** Loads the first page (again, to refresh). */
  async load(channelId: string): Promise<void> {
    this.set(channelId, { ...(this.byChannel()[channelId] ?? EMPTY), loading: true, error: null });
    await this.fetch(channelId, 1);
  }

  /** Loads the next page, if any (the member list calls it when scrolled to its end). */
  async loadMore(channelId: string): Promise<void> {
    const state = this.byChannel()[channelId];
    if (!state || state.complete || state.loading) return;
    this.set(channelId, { ...state, loading: true, error: null });
    await this.fetch(channelId, 1, state.members.at(-1)?.user.id, state.members);
  }

  /** Members whose username or display name starts with `prefix` (for @-mentions), at most `limit`. */
  suggest(channelId: string, prefix: string, limit = 8): UserSummary[] {
    const query = prefix.toLocaleLowerCase();
    const matches = (this.byChannel()[channelId]?.members ?? [])
      .map((member) => member.user)
      .filter(
        (user) =>
          user.username.toLocaleLowerCase().startsWith(query) ||
          user.displayName
            .toLocaleLowerCase()
            .split(/\s+/)
            .some((word) => word.startsWith(query)),
      );
    return matches.slice(0, limit);
  }

  async invite(channelId: string, userId: string): Promise<ChannelMember> {
    const member = await this.api.addMember(channelId, userId);
    this.presence.applyMembers([member]);
    const state = this.byChannel()[channelId];
    if (state && !state.members.some((existing) => existing.user.id === member.user.id)) {
      const members = [...state.members, member].sort((a, b) => compareIds(a.user.id, b.user.id));
      this.set(channelId, { ...state, members });
    }
    return member;
  }

  async kick(channelId: string, userId: string): Promise<void> {
    await this.api.removeMember(channelId, userId);
    const state = this.byChannel()[channelId];
    if (state) this.set(channelId, { ...state, members: state.members.filter((m) => m.user.id !== userId) });
  }

  /** Channels whose members are on screen, among those loaded. */
  private shown(): string[] {
    const ids = new Set([this.channels.selectedChannelId(), ...this.oneToOne()]);
    return [...ids].filter((id): id is string => id !== null && this.byChannel()[id] !== undefined);
  }

  private isShown(channelId: string): boolean {
    return this.shown().includes(channelId);
  }

  private onChannelUpdated(channel: Channel): void {
    const previous = this.memberCounts.get(channel.id);
    this.memberCounts.set(channel.id, channel.memberCount);
    const state = this.byChannel()[channel.id];
    if (!state || !this.isShown(channel.id)) return;
    const changed =
      previous === undefined
        ? state.complete && state.members.length !== channel.memberCount
        : previous !== channel.memberCount;
    if (changed) this.refresh(channel.id);
  }

  /** Fetches again as many pages as are loaded; after the load on its way, if there is one. */
  private refresh(channelId: string): void {
    const state = this.byChannel()[channelId];
    if (!state) return;
    if (state.loading) {
      this.staleWhileLoading.add(channelId);
      return;
    }
    const pages = Math.max(1, Math.ceil(state.members.length / MEMBERS_PAGE));
    this.set(channelId, { ...state, loading: true, error: null });
    this.quietly(this.fetch(channelId, pages));
  }

  /** Up to `pages` pages after `after`, appended to `before`; then the state says what was reached. */
  private async fetch(
    channelId: string,
    pages: number,
    after?: string,
    before: readonly ChannelMember[] = [],
  ): Promise<void> {
    const generation = this.generation;
    const count = this.channels.byId()[channelId]?.memberCount;
    if (count !== undefined && !this.memberCounts.has(channelId)) this.memberCounts.set(channelId, count);
    try {
      let members = [...before];
      let cursor = after;
      let complete = false;
      for (let page = 0; page < pages && !complete; page++) {
        const fetched = await this.api.listMembers(channelId, { after: cursor, limit: MEMBERS_PAGE });
        if (generation !== this.generation) return;
        this.presence.applyMembers(fetched);
        members = [...members, ...fetched];
        cursor = fetched.at(-1)?.user.id;
        complete = fetched.length < MEMBERS_PAGE;
      }
      this.set(channelId, { members, loading: false, complete, error: null });
    } catch (error) {
      if (generation !== this.generation) return;
      const state = this.byChannel()[channelId] ?? EMPTY;
      this.set(channelId, { ...state, loading: false, error });
      throw error;
    } finally {
      if (generation === this.generation && this.staleWhileLoading.delete(channelId)) this.refresh(channelId);
    }
  }

  private forget(channelId: string): void {
    this.memberCounts.delete(channelId);
    this.staleWhileLoading.delete(channelId);
    if (!this.byChannel()[channelId]) return;
    const { [channelId]: _forgotten, ...rest } = this.byChannel();
    this.byChannel.set(rest);
  }

  /** A background load: its failure is in the state (`error`), nobody awaits it. */
  private quietly(load: Promise<void>): void {
    load.catch(() => undefined);
  }

  private set(channelId: string, state: MembersState): void {
    this.byChannel.update((all) => ({ ...all, [channelId]: state }));
  }
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}
