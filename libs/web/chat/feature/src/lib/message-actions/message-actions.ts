import { Injectable, computed, inject, signal } from '@angular/core';
import { ChatAckError, ChatTransportError, MessagesStore } from '@supchat/web/chat/data-access';
import type { TranslationKey } from '@supchat/web/shared/i18n';
import { I18nService } from '@supchat/web/shared/i18n';

export type MessageAction = 'edit' | 'delete' | 'react';

/**
 * Edits, deletions and reactions of one list of messages (a timeline or a thread: provide it in the
 * component). Nothing is queued while offline (a late edit could overwrite a newer one), so a failure
 * is shown on the message, translated, until the reader dismisses it or acts on the message again.
 */
@Injectable()
export class MessageActions {
  private readonly store = inject(MessagesStore);
  private readonly i18n = inject(I18nService);
  private readonly savingIds = signal<ReadonlySet<string>>(new Set());
  private readonly failed = signal<Readonly<Record<string, Failure>>>({});

  /** Messages whose edit is on its way (their editor stays open, read-only). */
  readonly saving = this.savingIds.asReadonly();
  /** Why the latest action on a message failed, by message id, in the current language. */
  readonly failures = computed<Readonly<Record<string, string>>>(() =>
    Object.fromEntries(
      Object.entries(this.failed()).map(([messageId, { action, reason }]) => [
        messageId,
        this.i18n.t(`message.failures.${action}`, { reason: this.i18n.t(reason) }),
      ]),
    ),
  );

  /** Saves an edit; true once the server took it (close the editor then), false when it failed. */
  async edit(messageId: string, content: string): Promise<boolean> {
    this.dismiss(messageId);
    this.savingIds.update((ids) => new Set(ids).add(messageId));
    try {
      await this.store.edit(messageId, content);
      return true;
    } catch (error) {
      this.fail(messageId, 'edit', error);
      return false;
    } finally {
      this.savingIds.update((ids) => {
        const next = new Set(ids);
        next.delete(messageId);
        return next;
      });
    }
  }

  async delete(messageId: string): Promise<void> {
    this.dismiss(messageId);
    await this.store.delete(messageId).catch((error: unknown) => this.fail(messageId, 'delete', error));
  }

  async react(messageId: string, emoji: string): Promise<void> {
    this.dismiss(messageId);
    await this.store
      .toggleReaction(messageId, emoji)
      .catch((error: unknown) => this.fail(messageId, 'react', error));
  }

  dismiss(messageId: string): void {
    if (!(messageId in this.failed())) return;
    this.failed.update(({ [messageId]: _dismissed, ...rest }) => rest);
  }

  private fail(messageId: string, action: MessageAction, error: unknown): void {
    this.failed.update((all) => ({ ...all, [messageId]: { action, reason: reasonKey(action, error) } }));
  }
}

interface Failure {
  action: MessageAction;
  reason: TranslationKey;
}

function reasonKey(action: MessageAction, error: unknown): TranslationKey {
  if (error instanceof ChatTransportError) {
    return error.failure === 'timeout' ? 'message.failures.timeout' : 'message.failures.offline';
  }
  if (!(error instanceof ChatAckError)) return 'message.failures.generic';
  switch (error.code) {
    case 'FORBIDDEN':
      return 'message.failures.forbidden';
    case 'NOT_FOUND':
      return 'message.failures.notFound';
    case 'RATE_LIMITED':
      return 'message.failures.rateLimited';
    case 'CONFLICT':
      return action === 'react' ? 'message.failures.tooManyReactions' : 'message.failures.generic';
    case 'VALIDATION_FAILED':
    case 'PAYLOAD_TOO_LARGE':
      return 'message.failures.invalid';
    default:
      return 'message.failures.generic';
  }
}
