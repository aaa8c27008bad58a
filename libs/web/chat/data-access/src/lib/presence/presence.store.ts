import { DOCUMENT, DestroyRef, Injectable, effect, inject, signal, untracked } from '@angular/core';
import type { ChannelMember, Presence, PresenceStatus } from '@supchat/contracts';
import { AuthService } from '@supchat/web/auth/data-access';
import { BrowserState } from '../browser/browser-state';
import { ChatSocketService } from '../socket/chat-socket.service';

/** No input for this long: the user is reported away. */
export const IDLE_AWAY_MS = 5 * 60_000;
/** The tab hidden for this long: the user is reported away. */
export const HIDDEN_AWAY_MS = 60_000;
const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'focus'] as const;

const UNKNOWN: Presence = { status: 'offline', lastSeenAt: null };

/**
 * Presence of users (from member lists and `presence` events), and this tab's own report: `away`
 * after IDLE_AWAY_MS without input or HIDDEN_AWAY_MS hidden, `online` again on activity. The server
 * combines the reports of all the user's tabs (away only when every one says so).
 *
 * `presence` events are missed while disconnected: after every `ready`, MembersStore fetches again
 * the members on screen (the open channel, one-to-one partners), whose pages carry their presence.
 */
@Injectable({ providedIn: 'root' })
export class PresenceStore {
  private readonly socket = inject(ChatSocketService);
  private readonly browser = inject(BrowserState);
  private readonly auth = inject(AuthService);
  private readonly document = inject(DOCUMENT);

  private readonly byUser = signal<Readonly<Record<string, Presence>>>({});
  private readonly reported = signal<'online' | 'away'>('online');
  private lastActivityAt = Date.now();
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private hiddenTimer: ReturnType<typeof setTimeout> | null = null;
  private userId: string | null = null;

  /** Presence by user id (users never seen are absent: see `presenceOf`). */
  readonly presence = this.byUser.asReadonly();
  /** What this tab reports for its user. */
  readonly ownStatus = this.reported.asReadonly();

  constructor() {
    effect(() => {
      const userId = this.auth.user()?.id ?? null;
      untracked(() => {
        if (userId === this.userId) return;
        this.userId = userId;
        this.byUser.set({});
        this.reported.set('online');
        this.lastActivityAt = Date.now();
        if (userId) this.armIdleTimer(IDLE_AWAY_MS);
        else this.clearTimers();
      });
    });
    const subscriptions = [
      this.socket
        .events('presence')
        .subscribe(({ userId, status, lastSeenAt }) => this.set(userId, { status, lastSeenAt })),
      this.browser.visibility$.subscribe((visible) => (visible ? this.onActivity() : this.onHidden())),
    ];
    const onActivity = () => this.onActivity();
    for (const event of ACTIVITY_EVENTS) this.document.addEventListener(event, onActivity, { passive: true });
    inject(DestroyRef).onDestroy(() => {
      subscriptions.forEach((subscription) => subscription.unsubscribe());
      for (const event of ACTIVITY_EVENTS) this.document.removeEventListener(event, onActivity);
      this.clearTimers();
    });
  }

  /** A user's presence (offline when unknown). Reactive when read in a template or computed. */
  presenceOf(userId: string): Presence {
    return this.byUser()[userId] ?? UNKNOWN;
  }

  statusOf(userId: string): PresenceStatus {
    return this.presenceOf(userId).status;
  }

  /** Takes the presence carried by a page of members. */
  applyMembers(members: readonly ChannelMember[]): void {
    if (members.length === 0) return;
    this.byUser.update((all) => {
      const next = { ...all };
      for (const member of members) next[member.user.id] = member.presence;
      return next;
    });
  }

  private set(userId: string, presence: Presence): void {
    this.byUser.update((all) => ({ ...all, [userId]: presence }));
  }

  private onActivity(): void {
    if (!this.userId) return;
    this.lastActivityAt = Date.now();
    this.clearHiddenTimer();
    if (this.idleTimer === null) this.armIdleTimer(IDLE_AWAY_MS);
    if (this.reported() === 'away' && this.browser.visible()) this.report('online');
  }

  private onHidden(): void {
    if (!this.userId) return;
    this.clearHiddenTimer();
    this.hiddenTimer = setTimeout(() => {
      this.hiddenTimer = null;
      this.report('away');
    }, HIDDEN_AWAY_MS);
  }

  /** One timer, re-armed lazily: input only records the time, the timer checks it when it fires. */
  private armIdleTimer(delayMs: number): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      const idleFor = Date.now() - this.lastActivityAt;
      if (idleFor >= IDLE_AWAY_MS) this.report('away');
      else this.armIdleTimer(IDLE_AWAY_MS - idleFor);
    }, delayMs);
  }

  private report(status: 'online' | 'away'): void {
    if (this.reported() === status) return;
    this.reported.set(status);
    this.socket.notify('set-presence', { status });
  }

  private clearHiddenTimer(): void {
    if (this.hiddenTimer !== null) clearTimeout(this.hiddenTimer);
    this.hiddenTimer = null;
  }

  private clearTimers(): void {
    this.clearHiddenTimer();
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}
