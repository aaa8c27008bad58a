import { CdkVirtualScrollViewport, ScrollingModule, VIRTUAL_SCROLL_STRATEGY } from '@angular/cdk/scrolling';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  model,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { Channel, Message, UserSummary } from '@supchat/contracts';
import { AuthService } from '@supchat/web/auth/data-access';
import { ChannelsStore, ChatSocketService, MessagesStore } from '@supchat/web/chat/data-access';
import {
  DaySeparatorComponent,
  MessageItemComponent,
  NewMessagesDividerComponent,
} from '@supchat/web/chat/ui';
import { I18nService, TranslatePipe } from '@supchat/web/shared/i18n';
import { LiveAnnouncer } from '../live-announcer';
import { DayClock } from './day-clock';
import { MessageActions } from '../message-actions/message-actions';
import { ITEM_KEY_ATTRIBUTE, MessageScrollStrategy } from './message-scroll-strategy';
import type { TimelineRow } from './timeline-rows';
import { buildTimelineRows, isMessageRowKey } from './timeline-rows';

/** Load older history once the reader is this many rows from the top. */
const LOAD_OLDER_WITHIN_ROWS = 8;

/**
 * A channel's messages in a virtual-scrolled list: older history loads when the reader scrolls up
 * (the message on screen stays put), new messages keep the view pinned to the bottom while the
 * reader is there, a "new messages" line marks the last-read point, and the channel is marked read
 * while its newest message is on screen.
 */
@Component({
  selector: 'sc-timeline',
  imports: [
    ScrollingModule,
    MessageItemComponent,
    DaySeparatorComponent,
    NewMessagesDividerComponent,
    TranslatePipe,
  ],
  providers: [
    MessageActions,
    MessageScrollStrategy,
    { provide: VIRTUAL_SCROLL_STRATEGY, useExisting: MessageScrollStrategy },
  ],
  templateUrl: './timeline.component.html',
  styleUrl: './timeline.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TimelineComponent {
  readonly channel = input.required<Channel>();
  readonly members = input<readonly UserSummary[]>([]);
  readonly canModerate = input(false);
  /** The id of the message being edited (the composer's Up arrow sets it to the last own message). */
  readonly editingId = model<string | null>(null);
  readonly openThread = output<Message>();

  private readonly messagesStore = inject(MessagesStore);
  private readonly channels = inject(ChannelsStore);
  private readonly socket = inject(ChatSocketService);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly announcer = inject(LiveAnnouncer);
  protected readonly strategy = inject(MessageScrollStrategy);
  protected readonly actions = inject(MessageActions);
  private readonly viewport = viewChild.required(CdkVirtualScrollViewport);

  protected readonly keyAttribute = ITEM_KEY_ATTRIBUTE;
  /** Day separators relabel at midnight ("Today" becomes "Yesterday"). */
  protected readonly today = inject(DayClock).today;
  protected readonly currentUserId = computed(() => this.auth.user()?.id ?? null);
  protected readonly timeline = computed(() => this.messagesStore.timeline(this.channelId())());
  /** Only a switch of channel (not every update of the open one) restarts the view. */
  private readonly channelId = computed(() => this.channel().id);
  /** The channel's newest seq when it was opened: later messages are not "new" to this reader. */
  private readonly openedAtSeq = signal(0);
  protected readonly rows = computed(() => {
    const readSeq = this.channels.readMarker();
    return buildTimelineRows(
      this.timeline().messages,
      this.timeline().outgoing,
      readSeq === null ? null : { readSeq, upToSeq: this.openedAtSeq() },
      this.currentUserId(),
    );
  });
  protected readonly atBottom = signal(true);

  constructor() {
    this.strategy.isAnchor = isMessageRowKey;
    effect(() => {
      const channelId = this.channelId();
      untracked(() => {
        this.openedAtSeq.set(this.channel().lastSeq);
        this.strategy.scrollToBottom();
        void this.messagesStore.loadLatest(channelId);
      });
    });
    // The strategy learns the new keys before the list renders them (it keeps the view anchored).
    effect(() => {
      const keys = this.rows().map((row) => row.key);
      untracked(() => {
        this.strategy.setKeys(keys);
        this.afterChange();
      });
    });
    // The composer's Up arrow may pick a message outside the rendered range: bring it into view, so
    // its editor renders (and takes focus) now rather than when the reader scrolls there.
    effect(() => {
      const id = this.editingId();
      if (id === null) return;
      untracked(() => {
        const row = this.rows().find(
          (candidate) => candidate.kind === 'message' && candidate.message.id === id,
        );
        if (row) this.strategy.revealKey(row.key);
      });
    });
    this.announceNewMessages();
    const destroyRef = inject(DestroyRef);
    this.strategy.scrolledIndexChange.pipe(takeUntilDestroyed(destroyRef)).subscribe((index) => {
      this.atBottom.set(this.strategy.atBottom);
      if (index <= LOAD_OLDER_WITHIN_ROWS) this.loadOlder();
      this.markReadIfAtBottom();
    });
  }

  protected trackRow(_index: number, row: TimelineRow): string {
    return row.key;
  }

  protected jumpToLatest(): void {
    this.strategy.scrollToBottom('smooth');
    this.atBottom.set(true);
    this.markReadIfAtBottom();
  }

  protected setEditing(row: TimelineRow, editing: boolean): void {
    if (row.kind !== 'message') return;
    if (editing) {
      this.actions.dismiss(row.message.id);
      this.editingId.set(row.message.id);
    } else if (this.editingId() === row.message.id) {
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

  protected retry(row: TimelineRow): void {
    if (row.kind === 'message' && row.clientMessageId) this.messagesStore.retry(row.clientMessageId);
  }

  private loadOlder(): void {
    const timeline = this.timeline();
    if (timeline.loaded && timeline.hasMoreOlder && !timeline.loadingOlder) {
      void this.messagesStore.loadOlder(this.channel().id);
    }
  }

  private afterChange(): void {
    queueMicrotask(() => {
      this.atBottom.set(this.strategy.atBottom);
      this.markReadIfAtBottom();
      // Still near the top after a page arrived (or a first page shorter than the screen): keep going.
      if (
        this.viewport().getDataLength() > 0 &&
        this.strategy.firstVisibleIndex() <= LOAD_OLDER_WITHIN_ROWS
      ) {
        this.loadOlder();
      }
    });
  }

  private markReadIfAtBottom(): void {
    const channel = this.channel();
    if (
      this.strategy.atBottom &&
      document.visibilityState === 'visible' &&
      channel.lastSeq > channel.lastReadSeq
    ) {
      this.channels.markRead(channel.id, channel.lastSeq);
    }
  }

  /** Screen readers hear of new messages from others in the open channel (never their contents in logs). */
  private announceNewMessages(): void {
    const destroyRef = inject(DestroyRef);
    this.socket
      .events('new-message')
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe((message) => {
        if (message.channelId !== this.channel().id || message.authorId === this.currentUserId()) return;
        if (message.parentId) return;
        this.announcer.announce(
          this.i18n.t('chat.newMessageFrom', {
            name: message.author.displayName,
            preview: message.content.slice(0, 140),
          }),
        );
      });
  }
}
