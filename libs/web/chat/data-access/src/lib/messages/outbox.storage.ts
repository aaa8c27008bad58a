import { DOCUMENT, Injectable, inject } from '@angular/core';
import type { OutgoingMessage } from './outgoing-message';

export const OUTBOX_STORAGE_PREFIX = 'supchat.outbox.';

/**
 * Keeps unsent messages in sessionStorage (per tab, per user) so a reload resends them with the same
 * clientMessageId. sessionStorage rather than localStorage: two tabs must not both own one message.
 */
@Injectable({ providedIn: 'root' })
export class OutboxStorage {
  private readonly storage = storageOf(inject(DOCUMENT).defaultView);

  read(userId: string): OutgoingMessage[] {
    try {
      const raw = this.storage?.getItem(OUTBOX_STORAGE_PREFIX + userId);
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      return Array.isArray(parsed) ? parsed.filter(isOutgoingMessage) : [];
    } catch {
      return [];
    }
  }

  write(userId: string, entries: readonly OutgoingMessage[]): void {
    try {
      if (entries.length === 0) this.storage?.removeItem(OUTBOX_STORAGE_PREFIX + userId);
      else this.storage?.setItem(OUTBOX_STORAGE_PREFIX + userId, JSON.stringify(entries));
    } catch {
      // Storage full or disabled: the outbox still works for this page's lifetime.
    }
  }

  clear(userId: string): void {
    this.write(userId, []);
  }
}

function storageOf(view: Window | null): Storage | null {
  try {
    return view?.sessionStorage ?? null;
  } catch {
    return null;
  }
}

function isOutgoingMessage(value: unknown): value is OutgoingMessage {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<OutgoingMessage>;
  return (
    typeof entry.clientMessageId === 'string' &&
    typeof entry.channelId === 'string' &&
    typeof entry.content === 'string' &&
    (entry.status === 'pending' || entry.status === 'failed') &&
    typeof entry.author === 'object' &&
    entry.author !== null
  );
}
