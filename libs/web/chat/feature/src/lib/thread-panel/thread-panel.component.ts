import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import type { Channel, Message, UserSummary } from '@supchat/contracts';
import { AuthService } from '@supchat/web/auth/data-access';
import { ChannelsStore, MessagesStore } from '@supchat/web/chat/data-access';
import { ComposerComponent, MessageItemComponent, isGroupedWith } from '@supchat/web/chat/ui';
import { TranslatePipe } from '@supchat/web/shared/i18n';
import { MessageActions } from '../message-actions/message-actions';
import { outgoingAsMessage } from '../timeline/timeline-rows';

/** A thread beside the channel: the parent, its replies, and a composer that replies in the thread. */
@Component({
  selector: 'sc-thread-panel',
  imports: [MessageItemComponent, ComposerComponent, TranslatePipe],
  providers: [MessageActions],
  templateUrl: './thread-panel.component.html',
  styleUrl: './thread-panel.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ThreadPanelComponent {
  readonly parentId = input.required<string>();
  readonly channel = input.required<Channel>();
  readonly members = input<readonly UserSummary[]>([]);
  readonly canModerate = input(false);
  readonly closed = output<void>();

  private readonly messages = inject(MessagesStore);
  private readonly channels = inject(ChannelsStore);
  private readonly auth = inject(AuthService);
  protected readonly actions = inject(MessageActions);

  protected readonly currentUserId = computed(() => this.auth.user()?.id ?? null);
  protected readonly thread = computed(() => this.messages.thread(this.parentId())());
  protected readonly replies = computed(() => {
    const thread = this.thread();
    const sent = thread.replies.map((message, index) => ({
      message,
      grouped: isGroupedWith(thread.replies[index - 1], message),
      status: 'sent' as const,
      key: message.clientMessageId ?? message.id,
    }));
    const pending = thread.outgoing.map((entry) => ({
      message: outgoingAsMessage(entry, entry.author),
      grouped: false,
      status: entry.status === 'failed' ? ('failed' as const) : ('pending' as const),
      key: entry.clientMessageId,
    }));
    return [...sent, ...pending];
  });
  protected readonly editingId = signal<string | null>(null);

  constructor() {
    effect(() => {
      const parentId = this.parentId();
      untracked(() => void this.messages.loadThread(parentId));
    });
    // Reading a thread reads its replies (mentions in them stop counting).
    effect(() => {
      const newest = this.thread().replies.at(-1);
      if (newest && document.visibilityState === 'visible') {
        untracked(() => this.channels.markRead(this.channel().id, newest.seq));
      }
    });
  }

  protected send(content: string): void {
    this.messages.send(this.channel().id, content, this.parentId());
  }

  protected setEditing(message: Message, editing: boolean): void {
    if (editing) {
      this.actions.dismiss(message.id);
      this.editingId.set(message.id);
    } else if (this.editingId() === message.id) {
      this.editingId.set(null);
    }
  }

  /** The editor stays open until the server took the edit; a failure shows in it, with the text kept. */
  protected async edit(message: Message, content: string): Promise<void> {
    const saved = await this.actions.edit(message.id, content);
    if (saved && this.editingId() === message.id) this.editingId.set(null);
  }

  protected remove(message: Message): void {
    void this.actions.delete(message.id);
  }

  protected react(message: Message, emoji: string): void {
    void this.actions.react(message.id, emoji);
  }

  protected retry(clientMessageId: string): void {
    this.messages.retry(clientMessageId);
  }
}
