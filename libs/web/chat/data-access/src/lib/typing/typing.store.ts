import type { Signal } from '@angular/core';
import { DestroyRef, Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import type { TypingEvent, UserSummary } from '@supchat/contracts';
import { AuthService } from '@supchat/web/auth/data-access';
import { merge } from 'rxjs';
import { ChatSocketService } from '../socket/chat-socket.service';

/** An indicator disappears this long after its last refresh (the server's TYPING_TIMEOUT). */
export const TYPING_EXPIRY_MS = 5_000;
/** At most one `typing: true` per channel this often (the server's TYPING_THROTTLE). */
export const TYPING_THROTTLE_MS = 2_000;

const NOBODY: readonly UserSummary[] = [];

/**
 * Who is typing where (from `typing` events; an indicator expires TYPING_EXPIRY_MS after its last
 * refresh and ends with that user's new message), and this user's own typing reports for the composer.
 */
@Injectable({ providedIn: 'root' })
export class TypingStore {
  private readonly socket = inject(ChatSocketService);
  private readonly auth = inject(AuthService);

  private readonly typists = signal<Readonly<Record<string, readonly UserSummary[]>>>({});
  private readonly expiryTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly views = new Map<string, Signal<readonly UserSummary[]>>();
  /** Per channel, when this user last sent `typing: true`. */
  private readonly lastSentAt = new Map<string, number>();

  constructor() {
    effect(() => {
      this.auth.user();
      untracked(() => this.clear());
    });
    const subscriptions = [
      this.socket.events('typing').subscribe((event) => this.onTyping(event)),
      merge(this.socket.events('new-message'), this.socket.events('message-sent')).subscribe((message) =>
        this.stop(message.channelId, message.authorId),
      ),
      // Nothing is refreshed while disconnected: indicators shown then would never end.
      this.socket.disconnect$.subscribe(() => this.clear()),
    ];
    inject(DestroyRef).onDestroy(() => {
      subscriptions.forEach((subscription) => subscription.unsubscribe());
      this.clear();
    });
  }

  /** The users typing in a channel, in the order they started. */
  typingIn(channelId: string): Signal<readonly UserSummary[]> {
    let view = this.views.get(channelId);
    if (!view) {
      view = computed(() => this.typists()[channelId] ?? NOBODY);
      this.views.set(channelId, view);
    }
    return view;
  }

  /** Call on every keystroke in the composer: sends `typing: true` at most every TYPING_THROTTLE_MS. */
  notifyTyping(channelId: string): void {
    const now = Date.now();
    const last = this.lastSentAt.get(channelId);
    if (last !== undefined && now - last < TYPING_THROTTLE_MS) return;
    if (this.socket.notify('typing', { channelId, isTyping: true })) this.lastSentAt.set(channelId, now);
  }

  /** Call when the composer is cleared or its message sent: ends the indicator at once. */
  stopTyping(channelId: string): void {
    const last = this.lastSentAt.get(channelId);
    this.lastSentAt.delete(channelId);
    if (last !== undefined && Date.now() - last < TYPING_EXPIRY_MS) {
      this.socket.notify('typing', { channelId, isTyping: false });
    }
  }

  private onTyping({ channelId, user, isTyping }: TypingEvent): void {
    if (user.id === this.auth.user()?.id) return;
    if (!isTyping) {
      this.stop(channelId, user.id);
      return;
    }
    const key = `${channelId}/${user.id}`;
    clearTimeout(this.expiryTimers.get(key));
    this.expiryTimers.set(
      key,
      setTimeout(() => this.stop(channelId, user.id), TYPING_EXPIRY_MS),
    );
    const current = this.typists()[channelId] ?? NOBODY;
    const index = current.findIndex((typist) => typist.id === user.id);
    const next = index < 0 ? [...current, user] : current.map((typist, i) => (i === index ? user : typist));
    this.typists.update((all) => ({ ...all, [channelId]: next }));
  }

  private stop(channelId: string, userId: string): void {
    const key = `${channelId}/${userId}`;
    clearTimeout(this.expiryTimers.get(key));
    this.expiryTimers.delete(key);
    const current = this.typists()[channelId];
    if (!current?.some((typist) => typist.id === userId)) return;
    const next = current.filter((typist) => typist.id !== userId);
    this.typists.update((all) => {
      const { [channelId]: _removed, ...rest } = all;
      return next.length > 0 ? { ...rest, [channelId]: next } : rest;
    });
  }

  private clear(): void {
    for (const timer of this.expiryTimers.values()) clearTimeout(timer);
    this.expiryTimers.clear();
    this.lastSentAt.clear();
    if (Object.keys(this.typists()).length > 0) this.typists.set({});
  }
}
