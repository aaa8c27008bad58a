import { DialogRef } from '@angular/cdk/dialog';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { Channel } from '@supchat/contracts';
import { describeApiError } from '@supchat/web/auth/data-access';
import { ChannelsStore } from '@supchat/web/chat/data-access';
import { TranslatePipe } from '@supchat/web/shared/i18n';

/** Public channels, searchable by name; join one or open one you are in. */
@Component({
  selector: 'sc-browse-channels-dialog',
  imports: [TranslatePipe],
  template: `
    <h2 id="browse-channels-title">{{ 'chat.browseTitle' | t }}</h2>
    <div class="stack">
      <label for="browse-search" class="visually-hidden">{{ 'chat.browseSearch' | t }}</label>
      <input
        id="browse-search"
        class="text-field"
        type="search"
        [placeholder]="'chat.browseSearch' | t"
        (input)="search($any($event.target).value)"
        autocomplete="off"
        cdkFocusInitial
      />
      @if (error(); as message) {
        <p class="error" role="alert">{{ message }}</p>
      }
      <ul aria-live="polite">
        @for (channel of results(); track channel.id) {
          <li>
            <span class="grow">
              <strong># {{ channel.name }}</strong>
              @if (channel.topic) {
                <span class="muted"> — {{ channel.topic }}</span>
              }
              <br /><span class="muted">{{ 'chat.members' | t: { count: channel.memberCount } }}</span>
            </span>
            @if (isMember(channel)) {
              <button type="button" class="button button-secondary button-small" (click)="open(channel)">
                {{ 'chat.open' | t }}
              </button>
            } @else {
              <button
                type="button"
                class="button button-primary button-small"
                (click)="join(channel)"
                [disabled]="pending()"
              >
                {{ 'chat.join' | t }}
              </button>
            }
          </li>
        } @empty {
          <li class="muted">{{ 'chat.browseEmpty' | t }}</li>
        }
      </ul>
      <div class="actions">
        <button type="button" class="button button-secondary" (click)="close()">
          {{ 'common.close' | t }}
        </button>
      </div>
    </div>
  `,
  styleUrl: './dialog.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BrowseChannelsDialogComponent {
  private readonly dialogRef = inject(DialogRef);
  private readonly channels = inject(ChannelsStore);
  private readonly router = inject(Router);

  protected readonly results = signal<Channel[]>([]);
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);
  private query = 0;

  constructor() {
    void this.search('');
  }

  protected isMember(channel: Channel): boolean {
    return channel.id in this.channels.byId();
  }

  protected async search(q: string): Promise<void> {
    const ticket = ++this.query;
    try {
      const found = await this.channels.browse(q.trim());
      if (ticket === this.query) this.results.set(found);
    } catch (error) {
      this.error.set(describeApiError(error).message);
    }
  }

  protected async join(channel: Channel): Promise<void> {
    this.pending.set(true);
    try {
      await this.channels.join(channel.id);
      await this.open(channel);
    } catch (error) {
      this.error.set(describeApiError(error).message);
    } finally {
      this.pending.set(false);
    }
  }

  protected async open(channel: Channel): Promise<void> {
    this.dialogRef.close();
    await this.router.navigate(['/c', channel.id]);
  }

  protected close(): void {
    this.dialogRef.close();
  }
}
