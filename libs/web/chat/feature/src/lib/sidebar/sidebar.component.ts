import { Dialog } from '@angular/cdk/dialog';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import type { Channel, PresenceStatus } from '@supchat/contracts';
import { AuthService } from '@supchat/web/auth/data-access';
import { ChannelsStore, MembersStore, PresenceStore } from '@supchat/web/chat/data-access';
import { PresenceDotComponent, UnreadBadgeComponent } from '@supchat/web/chat/ui';
import { TranslatePipe } from '@supchat/web/shared/i18n';
import { directTitle } from '../direct-names';
import { BrowseChannelsDialogComponent } from '../dialogs/browse-channels-dialog.component';
import { CreateChannelDialogComponent } from '../dialogs/create-channel-dialog.component';
import { NewDirectDialogComponent } from '../dialogs/new-direct-dialog.component';

interface DirectEntry {
  channel: Channel;
  title: string;
  /** The other person's presence in a one-to-one conversation. */
  status: PresenceStatus | null;
}

/** Channels and direct conversations with unread and mention badges, and the ways to add more. */
@Component({
  selector: 'sc-sidebar',
  imports: [RouterLink, RouterLinkActive, PresenceDotComponent, UnreadBadgeComponent, TranslatePipe],
  templateUrl: './sidebar.component.html',
  styleUrl: './sidebar.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SidebarComponent {
  private readonly store = inject(ChannelsStore);
  private readonly members = inject(MembersStore);
  private readonly presence = inject(PresenceStore);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(Dialog);

  protected readonly channels = this.store.channels;
  protected readonly loaded = this.store.loaded;

  protected readonly directs = computed<DirectEntry[]>(() => {
    const me = this.auth.user();
    return this.store.directs().map((channel) => {
      let status: PresenceStatus | null = null;
      if (channel.memberCount === 2 && me) {
        const other = this.members
          .members(channel.id)()
          .members.find((member) => member.user.id !== me.id);
        if (other) status = this.presence.presenceOf(other.user.id).status;
      }
      return { channel, title: directTitle(channel, me?.username ?? null), status };
    });
  });

  constructor() {
    // One-to-one conversations show the other person's presence: MembersStore loads their member
    // lists and keeps them current.
    void this.store.load();
  }

  protected openCreate(): void {
    this.dialog.open(CreateChannelDialogComponent, { ariaLabelledBy: 'create-channel-title' });
  }

  protected openBrowse(): void {
    this.dialog.open(BrowseChannelsDialogComponent, { ariaLabelledBy: 'browse-channels-title' });
  }

  protected openDirect(): void {
    this.dialog.open(NewDirectDialogComponent, { ariaLabelledBy: 'new-direct-title' });
  }
}
