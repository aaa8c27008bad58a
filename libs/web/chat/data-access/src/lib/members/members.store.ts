import type { Signal } from '@angular/core';
import { Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import type { ChannelMember, UserSummary } from '@supchat/contracts';
import { AuthService } from '@supchat/web/auth/data-access';
import { ChatApiService } from '../api/chat-api.service';
import { PresenceStore } from '../presence/presence.store';

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
 */
@Injectable({ providedIn: 'root' })
export class MembersStore {
  private readonly api = inject(ChatApiService);
  private readonly presence = inject(PresenceStore);

  private readonly byChannel = signal<Readonly<Record<string, MembersState>>>({});
  private readonly views = new Map<string, Signal<MembersState>>();
  private readonly withPresenceViews = new Map<string, Signal<readonly MemberWithPresence[]>>();

  constructor() {
    const auth = inject(AuthService);
    effect(() => {
      auth.user();
      untracked(() => this.byChannel.set({}));
    });
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
    await this.fetch(channelId, undefined, true);
  }

  /** Loads the next page, if any. */
  async loadMore(channelId: string): Promise<void> {
    const state = this.byChannel()[channelId];
    if (!state || state.complete || state.loading) return;
    this.set(channelId, { ...state, loading: true, error: null });
    await this.fetch(channelId, state.members.at(-1)?.user.id, false);
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

  private async fetch(channelId: string, after: string | undefined, replace: boolean): Promise<void> {
    try {
      const page = await this.api.listMembers(channelId, { after, limit: MEMBERS_PAGE });
      this.presence.applyMembers(page);
      const state = this.byChannel()[channelId] ?? EMPTY;
      const members = replace ? page : [...state.members, ...page];
      this.set(channelId, { members, loading: false, complete: page.length < MEMBERS_PAGE, error: null });
    } catch (error) {
      const state = this.byChannel()[channelId] ?? EMPTY;
      this.set(channelId, { ...state, loading: false, error });
      throw error;
    }
  }

  private set(channelId: string, state: MembersState): void {
    this.byChannel.update((all) => ({ ...all, [channelId]: state }));
  }
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
