import { DestroyRef, Injectable, effect, inject, signal, untracked } from '@angular/core';
import type { AckError, Message, UserSummary } from '@supchat/contracts';
import { AuthService } from '@supchat/web/auth/data-access';
import type { Observable } from 'rxjs';
import { Subject, merge } from 'rxjs';
import { BrowserState } from '../browser/browser-state';
import { Backoff } from '../socket/backoff';
import { ChatAckError, ChatTransportError } from '../socket/chat-errors';
import { ChatSocketService } from '../socket/chat-socket.service';
import { ClientStatsService } from '../stats/client-stats.service';
import { OutboxStorage } from './outbox.storage';
import type { OutgoingMessage } from './outgoing-message';

/** How long one send waits for its ack before it is retried (with the same clientMessageId). */
export const SEND_TIMEOUT_MS = 10_000;
/** RATE_LIMITED without a retryAfterMs waits this long. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 1_000;
/** Waits between retries after ack timeouts on a live connection. */
export const SEND_RETRY_DELAY = { minMs: 1_000, maxMs: 30_000, jitter: 0.3 } as const;

type Outcome = 'next' | 'stop';

/**
 * Messages on their way out. Each gets a clientMessageId once and is sent (in the order typed, one
 * at a time) with `send-message` until the server acknowledges it: ack timeouts and disconnects are
 * retried with the same clientMessageId (the server stores it once) when connected again, when the
 * browser comes back online, or after a short backoff; RATE_LIMITED waits `retryAfterMs`; any other
 * error ack is final and leaves the entry `failed` until `retry()`. Entries survive a reload
 * (sessionStorage). An entry leaves the outbox when its ack arrives or when the stores see the
 * server's copy (`confirm`), whichever is first. The round-trip of each acknowledged attempt goes to
 * `ClientStatsService`.
 */
@Injectable({ providedIn: 'root' })
export class ChatOutbox {
  private readonly socket = inject(ChatSocketService);
  private readonly auth = inject(AuthService);
  private readonly storage = inject(OutboxStorage);
  private readonly stats = inject(ClientStatsService);

  private readonly items = signal<readonly OutgoingMessage[]>([]);
  private readonly deliveredMessages = new Subject<Message>();
  private readonly retryBackoff = new Backoff(SEND_RETRY_DELAY);
  private userId: string | null = null;
  private pumping = false;
  private pumpAgain = false;
  private blockedUntil = 0;
  private wakeTimer: ReturnType<typeof setTimeout> | null = null;

  /** Every unconfirmed message, oldest first. */
  readonly entries = this.items.asReadonly();
  /** The server's message for each acknowledged send (for the stores to merge). */
  readonly delivered$: Observable<Message> = this.deliveredMessages.asObservable();

  constructor() {
    effect(() => {
      const user = this.auth.user();
      untracked(() => this.switchUser(user));
    });
    const sessionEnded = this.auth.sessionEnded.subscribe((reason) => {
      // Signing out on purpose forgets unsent messages; an expired session keeps them for the next sign-in.
      if (reason === 'signed-out' && this.userId) this.storage.clear(this.userId);
    });
    const triggers = merge(this.socket.ready$, inject(BrowserState).online$).subscribe(() => this.kick());
    inject(DestroyRef).onDestroy(() => {
      sessionEnded.unsubscribe();
      triggers.unsubscribe();
      this.clearWakeTimer();
    });
  }

  /** Queues a new message and starts sending it. */
  enqueue(channelId: string, content: string, parentId: string | null = null): OutgoingMessage {
    const author = this.auth.user();
    if (!author) throw new Error('Not signed in');
    const entry: OutgoingMessage = {
      clientMessageId: newClientMessageId(),
      channelId,
      parentId,
      content,
      author: summaryOf(author),
      createdAt: new Date().toISOString(),
      status: 'pending',
      error: null,
    };
    this.update((entries) => [...entries, entry]);
    this.kick();
    return entry;
  }

  /** Sends a failed message again (same clientMessageId), after the ones queued since. */
  retry(clientMessageId: string): void {
    const entry = this.items().find((item) => item.clientMessageId === clientMessageId);
    if (!entry || entry.status !== 'failed') return;
    this.update((entries) => [
      ...entries.filter((item) => item !== entry),
      { ...entry, status: 'pending', error: null },
    ]);
    this.kick();
  }

  /** Drops a message that will not be sent (a failed one the user gives up on). */
  discard(clientMessageId: string): void {
    this.remove(clientMessageId);
  }

  /** The server's copy of this message has been seen: it is sent. */
  confirm(clientMessageId: string): void {
    this.remove(clientMessageId);
  }

  private switchUser(user: UserSummary | null): void {
    const userId = user?.id ?? null;
    if (userId === this.userId) return;
    this.userId = userId;
    this.clearWakeTimer();
    this.blockedUntil = 0;
    this.items.set(userId ? this.storage.read(userId) : []);
    this.kick();
  }

  private kick(): void {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    void this.pump();
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        while (this.socket.connected()) {
          const waitMs = this.blockedUntil - Date.now();
          if (waitMs > 0) {
            this.wakeIn(waitMs);
            break;
          }
          const next = this.items().find((entry) => entry.status === 'pending');
          if (!next || (await this.deliver(next)) === 'stop') break;
        }
      } while (this.pumpAgain);
    } finally {
      this.pumping = false;
    }
  }

  private async deliver(entry: OutgoingMessage): Promise<Outcome> {
    const owner = this.userId;
    // Each attempt is timed on its own: a retry's round-trip starts at its own emit.
    const emittedAt = performance.now();
    try {
      const message = await this.socket.request(
        'send-message',
        {
          channelId: entry.channelId,
          content: entry.content,
          clientMessageId: entry.clientMessageId,
          ...(entry.parentId ? { parentId: entry.parentId } : {}),
        },
        { timeoutMs: SEND_TIMEOUT_MS },
      );
      this.stats.recordAckRtt(performance.now() - emittedAt);
      this.retryBackoff.reset();
      if (owner !== this.userId) return 'stop';
      this.remove(entry.clientMessageId);
      this.deliveredMessages.next(message);
      return 'next';
    } catch (error) {
      if (owner !== this.userId) return 'stop';
      if (error instanceof ChatAckError) {
        if (error.code === 'RATE_LIMITED') {
          this.blockedUntil = Date.now() + (error.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS);
        } else {
          this.markFailed(entry.clientMessageId, error.ackError);
        }
        return 'next';
      }
      if (error instanceof ChatTransportError && error.failure === 'timeout' && this.socket.connected()) {
        this.blockedUntil = Date.now() + this.retryBackoff.nextDelayMs();
        return 'next';
      }
      // Disconnected: the next `ready` (or the browser coming online) resumes.
      return 'stop';
    }
  }

  private markFailed(clientMessageId: string, error: AckError): void {
    this.update((entries) =>
      entries.map((entry) =>
        entry.clientMessageId === clientMessageId ? { ...entry, status: 'failed', error } : entry,
      ),
    );
  }

  private remove(clientMessageId: string): void {
    if (!this.items().some((entry) => entry.clientMessageId === clientMessageId)) return;
    this.update((entries) => entries.filter((entry) => entry.clientMessageId !== clientMessageId));
  }

  private update(change: (entries: readonly OutgoingMessage[]) => readonly OutgoingMessage[]): void {
    this.items.update(change);
    if (this.userId) this.storage.write(this.userId, this.items());
  }

  private wakeIn(delayMs: number): void {
    this.clearWakeTimer();
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = null;
      this.kick();
    }, delayMs);
  }

  private clearWakeTimer(): void {
    if (this.wakeTimer !== null) clearTimeout(this.wakeTimer);
    this.wakeTimer = null;
  }
}

/** A UUID v4. `randomUUID` exists only in secure contexts; a self-hosted server may be plain HTTP. */
function newClientMessageId(): string {
  const crypto = globalThis.crypto;
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function summaryOf(user: UserSummary): UserSummary {
  return { id: user.id, username: user.username, displayName: user.displayName, avatarUrl: user.avatarUrl };
}
