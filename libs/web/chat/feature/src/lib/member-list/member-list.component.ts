import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { Router } from '@angular/router';
import type { Channel, MemberRole, UserSummary } from '@supchat/contracts';
import { AuthService, describeApiError } from '@supchat/web/auth/data-access';
import { ChannelsStore, ChatApiService, MembersStore } from '@supchat/web/chat/data-access';
import { AvatarComponent, ConfirmComponent, PresenceDotComponent } from '@supchat/web/chat/ui';
import type { TranslationKey } from '@supchat/web/shared/i18n';
import { I18nService, TranslatePipe } from '@supchat/web/shared/i18n';

/** Load the next page of members once the list is scrolled this close to its end. */
const LOAD_MORE_WITHIN_PX = 200;

/**
 * Members with presence and role; invite (when allowed), remove (owners/admins) and leave. The next
 * page of members (channels of more than MEMBERS_PAGE people) loads when the list is scrolled to its
 * end, or with the "More members" button there.
 */
@Component({
  selector: 'sc-member-list',
  imports: [AvatarComponent, PresenceDotComponent, ConfirmComponent, TranslatePipe],
  templateUrl: './member-list.component.html',
  styleUrl: './member-list.component.css',
  host: { '(scroll)': 'onScroll()' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MemberListComponent {
  readonly channel = input.required<Channel>();
  readonly canModerate = input(false);
  readonly closed = output<void>();

  private readonly membersStore = inject(MembersStore);
  private readonly channels = inject(ChannelsStore);
  private readonly api = inject(ChatApiService);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly me = computed(() => this.auth.user()?.id ?? null);
  protected readonly members = computed(() => this.membersStore.membersWithPresence(this.channel().id)());
  protected readonly state = computed(() => this.membersStore.members(this.channel().id)());
  protected readonly canInvite = computed(
    () => this.channel().type === 'public' || (this.channel().type === 'private' && this.canModerate()),
  );
  protected readonly candidates = signal<UserSummary[]>([]);
  protected readonly message = signal<string | null>(null);
  protected readonly confirmingLeave = signal(false);
  private query = 0;

  /** Near the end of the list: the next page, if there is one. */
  protected onScroll(): void {
    const element = this.host.nativeElement;
    if (element.scrollTop + element.clientHeight >= element.scrollHeight - LOAD_MORE_WITHIN_PX)
      this.loadMore();
  }

  protected loadMore(): void {
    const state = this.state();
    if (!state.complete && !state.loading && state.members.length > 0) {
      void this.membersStore.loadMore(this.channel().id).catch(() => undefined);
    }
  }

  protected roleKey(role: MemberRole): TranslationKey {
    return `chat.roles.${role}`;
  }

  protected async search(q: string): Promise<void> {
    const ticket = ++this.query;
    if (!q.trim()) {
      this.candidates.set([]);
      return;
    }
    const found = await this.api.searchUsers(q.trim(), 8).catch(() => []);
    const present = new Set(this.members().map((member) => member.user.id));
    if (ticket === this.query) this.candidates.set(found.filter((user) => !present.has(user.id)));
  }

  protected async invite(user: UserSummary): Promise<void> {
    try {
      await this.membersStore.invite(this.channel().id, user.id);
      this.candidates.update((list) => list.filter((entry) => entry.id !== user.id));
      this.message.set(this.i18n.t('chat.invited', { name: user.displayName }));
    } catch (error) {
      this.message.set(describeApiError(error).message);
    }
  }

  protected async remove(userId: string): Promise<void> {
    try {
      await this.membersStore.kick(this.channel().id, userId);
    } catch (error) {
      this.message.set(describeApiError(error).message);
    }
  }

  protected async leave(): Promise<void> {
    try {
      await this.channels.leave(this.channel().id);
      await this.router.navigateByUrl('/');
    } catch (error) {
      this.message.set(describeApiError(error).message);
    }
  }
}
