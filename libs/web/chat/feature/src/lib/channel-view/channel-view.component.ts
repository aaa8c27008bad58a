import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import type { Message } from '@supchat/contracts';
import { AuthService } from '@supchat/web/auth/data-access';
import { ChannelsStore, MembersStore, MessagesStore, TypingStore } from '@supchat/web/chat/data-access';
import { ComposerComponent, TypingIndicatorComponent } from '@supchat/web/chat/ui';
import type { TranslationKey } from '@supchat/web/shared/i18n';
import { TranslatePipe } from '@supchat/web/shared/i18n';
import { map } from 'rxjs';
import { directTitle } from '../direct-names';
import { MemberListComponent } from '../member-list/member-list.component';
import { ThreadPanelComponent } from '../thread-panel/thread-panel.component';
import { TimelineComponent } from '../timeline/timeline.component';

/** One channel: header, timeline, typing indicator, composer; the thread and member panels beside it. */
@Component({
  selector: 'sc-channel-view',
  imports: [
    TimelineComponent,
    ComposerComponent,
    TypingIndicatorComponent,
    ThreadPanelComponent,
    MemberListComponent,
    TranslatePipe,
  ],
  templateUrl: './channel-view.component.html',
  styleUrl: './channel-view.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChannelViewComponent {
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly channels = inject(ChannelsStore);
  private readonly messages = inject(MessagesStore);
  private readonly membersStore = inject(MembersStore);
  private readonly typingStore = inject(TypingStore);
  private readonly auth = inject(AuthService);
  private readonly composer = viewChild(ComposerComponent);

  protected readonly channelId = toSignal(
    this.route.paramMap.pipe(map((params) => params.get('channelId'))),
    {
      initialValue: null,
    },
  );
  protected readonly threadId = toSignal(
    this.route.queryParamMap.pipe(map((params) => params.get('thread'))),
    {
      initialValue: null,
    },
  );
  protected readonly channel = computed(() => {
    const id = this.channelId();
    return id ? (this.channels.byId()[id] ?? null) : null;
  });
  protected readonly title = computed(() => {
    const channel = this.channel();
    return channel ? directTitle(channel, this.auth.user()?.username ?? null) : '';
  });
  protected readonly members = computed(() => {
    const id = this.channelId();
    return id
      ? this.membersStore
          .members(id)()
          .members.map((member) => member.user)
      : [];
  });
  protected readonly canModerate = computed(() => {
    const me = this.auth.user();
    if (!me) return false;
    if (me.role === 'admin') return true;
    const id = this.channelId();
    const mine = id
      ? this.membersStore
          .members(id)()
          .members.find((member) => member.user.id === me.id)
      : null;
    return mine?.role === 'owner' || mine?.role === 'admin';
  });
  protected readonly typing = computed(() => {
    const id = this.channelId();
    const me = this.auth.user()?.id;
    return id
      ? this.typingStore
          .typingIn(id)()
          .filter((user) => user.id !== me)
      : [];
  });
  protected readonly loaded = this.channels.loaded;
  protected readonly loadError = this.channels.error;
  protected readonly showMembers = signal(false);
  protected readonly editingId = signal<string | null>(null);
  protected readonly currentUserId = computed(() => this.auth.user()?.id ?? null);

  constructor() {
    effect(() => {
      const id = this.channelId();
      untracked(() => {
        // Selecting also (re)loads its members (MembersStore keeps the open channel's current).
        this.channels.select(id);
        this.editingId.set(null);
      });
    });
    effect((onCleanup) => onCleanup(() => this.channels.select(null)));
  }

  protected placeholder(): TranslationKey {
    const channel = this.channel();
    return channel?.type === 'direct' ? 'chat.composerPlaceholderDirect' : 'chat.composerPlaceholder';
  }

  protected send(content: string): void {
    const id = this.channelId();
    if (!id) return;
    this.messages.send(id, content);
    this.typingStore.stopTyping(id);
  }

  protected typed(): void {
    const id = this.channelId();
    if (id) this.typingStore.notifyTyping(id);
  }

  protected stoppedTyping(): void {
    const id = this.channelId();
    if (id) this.typingStore.stopTyping(id);
  }

  /** Up arrow in an empty composer edits the reader's last message. */
  protected editLast(): void {
    const id = this.channelId();
    const me = this.currentUserId();
    if (!id || !me) return;
    const own = this.messages
      .timeline(id)()
      .messages.filter((message) => message.authorId === me && !message.deletedAt);
    const last = own.at(-1);
    if (last) this.editingId.set(last.id);
  }

  protected editingChanged(id: string | null): void {
    this.editingId.set(id);
    if (id === null) this.composer()?.focus();
  }

  protected openThread(message: Message): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { thread: message.id } });
  }

  protected closeThread(): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: {} });
  }

  protected toggleMembers(): void {
    this.showMembers.update((shown) => !shown);
  }
}
