import { DialogRef } from '@angular/cdk/dialog';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { LIMITS } from '@supchat/constants';
import type { UserSummary } from '@supchat/contracts';
import { AuthService, describeApiError } from '@supchat/web/auth/data-access';
import { ChannelsStore, ChatApiService } from '@supchat/web/chat/data-access';
import { AvatarComponent } from '@supchat/web/chat/ui';
import { TranslatePipe } from '@supchat/web/shared/i18n';

/** Picks 1 to 8 other people and opens (or creates) the conversation of exactly that group. */
@Component({
  selector: 'sc-new-direct-dialog',
  imports: [AvatarComponent, TranslatePipe],
  template: `
    <h2 id="new-direct-title">{{ 'chat.directTitle' | t }}</h2>
    <div class="stack">
      <label for="direct-search">{{ 'chat.directSearch' | t }}</label>
      <input
        id="direct-search"
        class="text-field"
        type="search"
        (input)="search($any($event.target).value)"
        autocomplete="off"
        cdkFocusInitial
      />
      @if (selected().length > 0) {
        <p class="hint">{{ 'chat.directSelected' | t: { names: selectedNames() } }}</p>
      }
      @if (full()) {
        <p class="hint">{{ 'chat.directLimit' | t: { max: maxPeople } }}</p>
      }
      @if (error(); as message) {
        <p class="error" role="alert">{{ message }}</p>
      }
      <ul>
        @for (user of results(); track user.id) {
          <li>
            <sc-avatar [user]="user" [size]="28" />
            <label class="grow check">
              <input
                type="checkbox"
                [checked]="isSelected(user)"
                [disabled]="!isSelected(user) && full()"
                (change)="toggle(user)"
              />
              {{ user.displayName }} <span class="muted">&#64;{{ user.username }}</span>
            </label>
          </li>
        } @empty {
          <li class="muted">{{ 'chat.noPeople' | t }}</li>
        }
      </ul>
      <div class="actions">
        <button type="button" class="button button-secondary" (click)="close()">
          {{ 'common.cancel' | t }}
        </button>
        <button
          type="button"
          class="button button-primary"
          (click)="start()"
          [disabled]="selected().length === 0 || pending()"
        >
          {{ 'chat.directStart' | t }}
        </button>
      </div>
    </div>
  `,
  styleUrl: './dialog.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewDirectDialogComponent {
  private readonly dialogRef = inject(DialogRef);
  private readonly api = inject(ChatApiService);
  private readonly channels = inject(ChannelsStore);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  protected readonly maxPeople = LIMITS.directChannelMembers.max;
  protected readonly results = signal<UserSummary[]>([]);
  protected readonly selected = signal<UserSummary[]>([]);
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly full = computed(() => this.selected().length >= this.maxPeople - 1);
  protected readonly selectedNames = computed(() =>
    this.selected()
      .map((user) => user.displayName)
      .join(', '),
  );
  private query = 0;

  constructor() {
    void this.search('');
  }

  protected isSelected(user: UserSummary): boolean {
    return this.selected().some((entry) => entry.id === user.id);
  }

  protected toggle(user: UserSummary): void {
    this.selected.update((list) =>
      list.some((entry) => entry.id === user.id)
        ? list.filter((entry) => entry.id !== user.id)
        : [...list, user],
    );
  }

  protected async search(q: string): Promise<void> {
    const ticket = ++this.query;
    try {
      const me = this.auth.user()?.id;
      const found = await this.api.searchUsers(q.trim(), 20);
      if (ticket === this.query) this.results.set(found.filter((user) => user.id !== me));
    } catch (error) {
      this.error.set(describeApiError(error).message);
    }
  }

  protected async start(): Promise<void> {
    this.pending.set(true);
    this.error.set(null);
    try {
      const channel = await this.channels.openDirect(this.selected().map((user) => user.id));
      this.dialogRef.close();
      await this.router.navigate(['/c', channel.id]);
    } catch (error) {
      this.error.set(describeApiError(error).message);
    } finally {
      this.pending.set(false);
    }
  }

  protected close(): void {
    this.dialogRef.close();
  }
}
