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
import { outgoingAsMessage } from '../timeline/timeline-rows';

/** A thread beside the channel: the parent, its replies, and a composer that replies in the thread. */
@Component({
  selector: 'sc-thread-panel',
  imports: [MessageItemComponent, ComposerComponent, TranslatePipe],
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
    if (editing) this.editingId.set(message.id);
    else if (this.editingId() === message.id) this.editingId.set(null);
  }

  protected async edit(message: Message, content: string): Promise<void> {
    this.editingId.set(null);
    await this.messages.edit(message.id, content).catch(() => undefined);
  }

  protected async remove(message: Message): Promise<void> {
    await this.messages.delete(message.id).catch(() => undefined);
  }

  protected async react(message: Message, emoji: string): Promise<void> {
    await this.messages.toggleReaction(message.id, emoji).catch(() => undefined);
  }

  protected retry(clientMessageId: string): void {
    this.messages.retry(clientMessageId);
  }
}
